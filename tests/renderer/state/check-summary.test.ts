// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Connection } from './core-bridge';

/**
 * The draft page's check figures flow one way: the saves answer with the summary of what they wrote (the step
 * bar's red and grey counts, 完整度, the verdict), and the full report (checks.run) is asked for only when the
 * 检查 step is shown. Real core, real SQLite file.
 */
let core: ReturnType<typeof openCore>;
beforeEach(() => {
  localStorage.clear();
  core = openCore();
});
afterEach(() => core.cleanup());

async function openDraftPage(connection: Connection, draftId: string) {
  vi.resetModules();
  window.api = connection.bridge;
  const { useDraft } = await import('../../../renderer/src/state/use-draft');
  const { useCheckReport } = await import('../../../renderer/src/state/use-check-report');
  const { saveQueue } = await import('../../../renderer/src/state/save-queue');
  // As DraftScreen wires them: the report only while the 检查 step is shown.
  const hook = renderHook(({ checkShown }: { checkShown: boolean }) => {
    const open = useDraft(draftId);
    const checks = useCheckReport(draftId, checkShown, open.summary?.checkedAt ?? null);
    return { ...open, checks };
  }, { initialProps: { checkShown: false } });
  await waitFor(() => expect(hook.result.current.summary).not.toBeNull());
  return { hook, saveQueue };
}

const count = (calls: string[], channel: string) => calls.filter((call) => call === channel).length;

describe('check figures while editing', () => {
  it('a field edit that breaks a rule updates the badge from the save itself; the 检查 step then lists the finding', async () => {
    const draft = core.store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    core.store.setField(draft.id, 'contactPhone', '0991-2356781');
    const connection = core.connect();
    const { hook, saveQueue } = await openDraftPage(connection, draft.id);
    const redBefore = hook.result.current.summary?.errorsByStep.basic ?? 0;
    const completenessBefore = hook.result.current.summary?.completeness;

    act(() => hook.result.current.actions.setField('contactPhone', '电话待定'));
    expect(await act(() => saveQueue.flush())).toBe(true);
    // The save's own answer carried the new summary: no second call was needed for the badge.
    await waitFor(() => expect(hook.result.current.summary?.errorsByStep.basic).toBe(redBefore + 1));
    expect(count(connection.calls, 'checks.summary')).toBe(1); // the one on opening
    expect(count(connection.calls, 'checks.run')).toBe(0);
    expect(hook.result.current.checks.report).toBeNull();

    // Typing on within the second: the core skips that check, and the page asks for the summary once the edits pause.
    act(() => hook.result.current.actions.setField('leadRdStaff', '12'));
    expect(await act(() => saveQueue.flush())).toBe(true);
    await waitFor(() => expect(hook.result.current.summary?.completeness).toBeGreaterThan(completenessBefore ?? 0), { timeout: 4000 });
    expect(hook.result.current.summary?.checkedAt).toBe(core.store.draftUpdatedAt(draft.id));
    expect(count(connection.calls, 'checks.run')).toBe(0);

    // Opening the 检查 step fetches the full report, which lists the broken phone number.
    hook.rerender({ checkShown: true });
    await waitFor(() => expect(hook.result.current.checks.report).not.toBeNull());
    expect(count(connection.calls, 'checks.run')).toBe(1);
    const finding = hook.result.current.checks.report?.findings.find(
      (candidate) => candidate.target.kind === 'field' && candidate.target.key === 'contactPhone',
    );
    expect(finding).toMatchObject({ severity: 'error', step: 'basic' });
    hook.unmount();
  });

  it('a row deleted in the grid updates the counts without checks.run', async () => {
    const draft = core.store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    // One member: deleting it changes what the members step and the rules count.
    const [row] = core.store.addRows(draft.id, 'members', null, [{ name: '新疆天衡能源化工集团有限公司', uscc: '91650100MA77U0A01X' }]);
    const connection = core.connect();
    const { hook, saveQueue } = await openDraftPage(connection, draft.id);
    const before = hook.result.current.summary;
    act(() => hook.result.current.actions.deleteRows('members', [row.id]));
    expect(await act(() => saveQueue.flush())).toBe(true);
    await waitFor(() => expect(hook.result.current.summary?.checkedAt).toBe(core.store.draftUpdatedAt(draft.id)), { timeout: 4000 });
    expect(hook.result.current.summary).not.toEqual(before);
    expect(count(connection.calls, 'checks.run')).toBe(0);
    hook.unmount();
  });
});
