// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openCore, type Connection } from './core-bridge';

/**
 * useDraft, the open draft's state, on a page wired to the real core and a real SQLite file: what is typed is
 * on screen at once, reaches the store in order, survives a failed save and a reload, and lands in rows the
 * core has not created yet.
 */
let core: ReturnType<typeof openCore>;
beforeEach(() => {
  localStorage.clear();
  core = openCore();
});
afterEach(() => core.cleanup());

/** A page load: fresh copies of the renderer's modules (queue, journal cache, api client) over `connection`. */
async function openPage(connection: Connection) {
  vi.resetModules();
  window.api = connection.bridge;
  const { useDraft } = await import('../../../renderer/src/state/use-draft');
  const { saveQueue } = await import('../../../renderer/src/state/save-queue');
  return { useDraft, saveQueue };
}

async function openDraft(connection: Connection, draftId: string) {
  const page = await openPage(connection);
  const hook = renderHook(() => page.useDraft(draftId));
  await waitFor(() => expect(hook.result.current.draft).not.toBeNull());
  return { ...page, hook };
}

const newDraft = () => core.store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });

describe('the open draft', () => {
  it('shows typing at once and saves the latest text, once, after typing pauses', async () => {
    const draft = newDraft();
    const connection = core.connect();
    const { hook, saveQueue } = await openDraft(connection, draft.id);
    for (const text of ['技', '技术', '技术创新']) act(() => hook.result.current.actions.setField('goals', text));
    expect(hook.result.current.draft?.fields.goals).toBe('技术创新');
    expect(core.store.getDraft(draft.id).fields.goals).toBeUndefined();
    expect(await act(() => saveQueue.flush())).toBe(true);
    expect(core.store.getDraft(draft.id).fields.goals).toBe('技术创新');
    expect(connection.calls.filter((channel) => channel === 'drafts.setField')).toHaveLength(1);
  });

  it('saves what is typed into a row added a moment ago, before the core has named it', async () => {
    const draft = newDraft();
    const { hook, saveQueue } = await openDraft(core.connect(), draft.id);
    let localId = '';
    act(() => {
      [{ id: localId }] = hook.result.current.actions.insertRows('members', null, [{ name: '新疆天衡能源化工集团有限公司' }]);
      hook.result.current.actions.updateCell('members', localId, 'tier', '牵头单位');
    });
    // A paste past the end adds rows, after the one above, in the pasted order.
    act(() => void hook.result.current.actions.setBlock('members', 1, ['name'], [['乙大学'], ['丙研究院']]));
    expect(await act(() => saveQueue.flush())).toBe(true);
    const stored = core.store.getDraft(draft.id).tables.members;
    expect(stored.map((row) => row.values.name)).toEqual(['新疆天衡能源化工集团有限公司', '乙大学', '丙研究院']);
    expect(stored[0].values.tier).toBe('牵头单位');
    // The page now uses the core's ids, so later edits reach the same rows.
    await waitFor(() => expect(hook.result.current.draft?.tables.members.map((row) => row.id)).toEqual(stored.map((row) => row.id)));
  });

  it('keeps an edit whose save failed, and writes it when the draft is opened again after a reload', async () => {
    const draft = newDraft();
    core.store.setField(draft.id, 'goals', '原来的目标');
    const before = core.connect();
    const first = await openDraft(before, draft.id);
    before.connected = false;
    act(() => first.hook.result.current.actions.setField('goals', '断线时输入的目标'));
    expect(await act(() => first.saveQueue.flush())).toBe(false);
    expect(first.saveQueue.getState()).toEqual({ kind: 'failed', message: '无法连接到本机服务，请确认程序仍在运行。' });
    // A revision cannot be restored over edits that are not on disk.
    await expect(first.hook.result.current.actions.restoreRevision(1)).rejects.toThrow('还有未能保存的修改');
    expect(core.store.getDraft(draft.id).fields.goals).toBe('原来的目标');
    first.hook.unmount();

    // The window is reloaded: the old page's connection is gone, and so are its queue and memory.
    const second = await openDraft(core.connect(), draft.id);
    expect(second.hook.result.current.draft?.fields.goals).toBe('断线时输入的目标');
    expect(second.hook.result.current.recovered).toBe(1);
    expect(await act(() => second.saveQueue.flush())).toBe(true);
    expect(core.store.getDraft(draft.id).fields.goals).toBe('断线时输入的目标');
    expect(localStorage.getItem(`lianheti.unsaved.${draft.id}`)).toBeNull();
  });

  it('puts back unsaved cell edits too, and drops those of a row deleted since', async () => {
    const draft = newDraft();
    const [kept, gone] = core.store.addRows(draft.id, 'team', null, [{ name: '马志远' }, { name: '周立新' }]);
    const before = core.connect();
    const first = await openDraft(before, draft.id);
    before.connected = false;
    act(() => {
      first.hook.result.current.actions.updateCell('team', kept.id, 'age', '56');
      first.hook.result.current.actions.updateCell('team', gone.id, 'age', '52');
    });
    expect(await act(() => first.saveQueue.flush())).toBe(false);
    first.hook.unmount();
    core.store.deleteRows(draft.id, 'team', [gone.id]);

    const second = await openDraft(core.connect(), draft.id);
    expect(second.hook.result.current.recovered).toBe(1);
    expect(await act(() => second.saveQueue.flush())).toBe(true);
    expect(core.store.getDraft(draft.id).tables.team.map((row) => row.values)).toEqual([{ name: '马志远', age: '56' }]);
  });
});
