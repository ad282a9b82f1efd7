import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Values } from '../../electron/shared/draft';
import type { TableId } from '../../electron/shared/region-template';
import example from '../../resources/examples/neimenggu.json';
import { stepOrder } from '../../renderer/src/steps/steps';
import type { E2E } from './support';
import { expectAccessible, openPage, seedDraft, startE2E, stopE2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

const exampleDraft = example.drafts[0];

describe('every screen for screen-reader and keyboard users (axe-core, WCAG 2.1 A/AA)', () => {
  it('has no serious or critical violation on home, its dialogs, each step of a filled draft and the history', async () => {
    const draft = seedDraft(e2e.host, 'neimenggu', exampleDraft.fields, exampleDraft.tables as unknown as Partial<Record<TableId, Values[]>>);
    e2e.host.store.createRevision(draft.id, 'manual', '报送前定稿');
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });

    await page.goto(`${e2e.host.url}/#/`);
    await page.locator(`tr[data-row-key="${draft.id}"]`).waitFor();
    await expectAccessible(page, '首页');

    await page.getByRole('button', { name: /新建申报/ }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, '新建申报');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await page.locator(`tr[data-row-key="${draft.id}"]`).getByRole('button', { name: /转其他地区/ }).click();
    await page.getByRole('dialog').getByText(/需要补填/).first().waitFor();
    await expectAccessible(page, '转其他地区');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /关于与数据位置/ }).click();
    await page.getByRole('dialog').getByText('自动备份', { exact: true }).waitFor();
    await expectAccessible(page, '关于与数据位置');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    for (const step of stepOrder) {
      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/${step}`);
      await page.locator('[data-step="basic"]').waitFor();
      if (step === 'check') await page.locator('[data-testid="check-report"][aria-busy="false"]').waitFor();
      if (step === 'export') await page.frameLocator('[data-testid="preview-frame"]').locator('body').waitFor();
      if (step === 'members' || step === 'team' || step === 'platforms') await page.getByRole('grid').first().waitFor();
      await expectAccessible(page, `步骤：${step}`);
    }

    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
    await page.getByRole('button', { name: /信息采集/ }).click();
    await page.getByRole('dialog').waitFor();
    await expectAccessible(page, '信息采集');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /历史版本/ }).click();
    await page.getByTestId('revision').first().waitFor();
    await expectAccessible(page, '历史版本');
    expect(errors).toEqual([]);
  }, 120_000);

  it('gives every icon-only button a Chinese name, and the column help is a button with a real tooltip', async () => {
    const draft = seedDraft(e2e.host, 'neimenggu', exampleDraft.fields, exampleDraft.tables as unknown as Partial<Record<TableId, Values[]>>);
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    for (const path of ['#/', `#/draft/${draft.id}/basic`, `#/draft/${draft.id}/members`, `#/draft/${draft.id}/export`]) {
      await page.goto(`${e2e.host.url}/${path}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const names = await page.evaluate<string[]>(
        'Array.from(document.querySelectorAll("button, [role=button]")).filter((b) => b.getClientRects().length > 0 && getComputedStyle(b).visibility !== "hidden" && !b.closest("[aria-hidden=true]")).map((b) => (b.getAttribute("aria-label") || b.getAttribute("title") || b.textContent || (b.querySelector("[aria-label]") || b).getAttribute("aria-label") || "").trim() || b.outerHTML.slice(0, 160))',
      );
      for (const name of names) {
        // A name, and a Chinese one: not empty, not an icon's English name ("question-circle").
        expect(name, `a button on ${path}`).not.toMatch(/^<(button|div|span)/);
        expect(name, `a button on ${path}`).not.toMatch(/^[a-z]+(-[a-z]+)+$/);
      }
    }

    // The 「?」 beside a column reaches the keyboard and says its note in a tooltip.
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
    const help = page.getByLabel(/^成员单位名称的说明/);
    await help.focus();
    await page.getByRole('tooltip').first().waitFor();
    expect(await page.getByRole('tooltip').first().textContent()).not.toBe('');
    expect(errors).toEqual([]);
  });
});
