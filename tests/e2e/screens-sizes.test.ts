import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Values } from '../../electron/shared/draft';
import type { TableId } from '../../electron/shared/region-template';
import example from '../../resources/examples/neimenggu.json';
import type { E2E } from './support';
import { expectAccessible, openPage, seedDraft, shot, shotsDir, startE2E, stopE2E, waitForAnimations } from './support';

/**
 * Every screen of the app, filled with an example project, at the two sizes office screens have: the
 * 1366×768 laptop and the 1920×1080 monitor. Pictures go to test-results/screens/<size>/ to be looked at;
 * the test fails where a user would be stuck: a page wider than the window, a dialog's main button below
 * the fold, a table whose first column scrolls away.
 */

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

const exampleDraft = example.drafts[0];
const exampleTables = exampleDraft.tables as unknown as Partial<Record<TableId, Values[]>>;
const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** The page never needs a sideways scrollbar: only tables scroll sideways, inside themselves. */
async function expectNoSidewaysScroll(page: Page, screen: string): Promise<void> {
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow, `${screen}: the page is wider than the window`).toBeLessThanOrEqual(0);
}

/** The whole of `target` is inside the window, without scrolling the page. */
async function expectInView(page: Page, target: Locator, screen: string): Promise<void> {
  await target.waitFor();
  await waitForAnimations(page);
  const box = await target.boundingBox();
  const size = page.viewportSize();
  expect(box, `${screen}: not shown`).not.toBeNull();
  if (!box || !size) return;
  expect(box.x, `${screen}: cut off on the left`).toBeGreaterThanOrEqual(0);
  expect(box.y, `${screen}: above the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${screen}: cut off on the right`).toBeLessThanOrEqual(size.width);
  expect(box.y + box.height, `${screen}: below the fold`).toBeLessThanOrEqual(size.height);
}

/** A grid's first column stays where it is when the table scrolls to its last column, as Excel's frozen pane. */
async function expectFirstColumnFrozen(page: Page, gridId: string, firstKey: string, screen: string): Promise<boolean> {
  const cell = page.locator(`[data-testid="grid-${gridId}"] [data-cell="0:${firstKey}"]`);
  await expectInView(page, cell, `${screen}: first column`);
  const before = await cell.boundingBox();
  const scroll = (to: 'end' | 'start') =>
    page.evaluate(
      `(() => { const scroller = document.querySelector('[data-testid="grid-${gridId}"] .data-grid-scroll'); scroller.scrollLeft = ${to === 'end' ? 'scroller.scrollWidth' : '0'}; })()`,
    );
  await scroll('end');
  await page.waitForTimeout(50);
  const after = await cell.boundingBox();
  expect(after?.x, `${screen}: the first column scrolled away`).toBe(before?.x);
  const scrolled = await page.evaluate<boolean>(`document.querySelector('[data-testid="grid-${gridId}"] .data-grid-scroll').scrollLeft > 0`);
  await scroll('start');
  return scrolled;
}

describe('every screen at 1366×768 and 1920×1080', () => {
  for (const size of sizes) {
    it(`shows every screen whole at ${size.width}×${size.height}`, async () => {
      const folder = `${size.width}x${size.height}`;
      mkdirSync(`${shotsDir}/${folder}`, { recursive: true });
      let step = 0;
      const screen = async (page: Page, name: string) => {
        step += 1;
        await expectNoSidewaysScroll(page, name);
        await shot(page, `${folder}/${String(step).padStart(2, '0')}-${name}`);
      };
      // The shots start from the same store each time, so a size's pictures do not depend on the other's run.
      const draft = seedDraft(e2e.host, 'neimenggu', exampleDraft.fields, exampleTables);
      // A draft with findings for the check step: the example without its name, contact and lead's code.
      const { consortiumName: _name, contactPhone: _phone, ...partial } = exampleDraft.fields as Values;
      const members = (exampleTables.members ?? []).map((row, index) => (index === 0 ? { ...row, uscc: '91150100MA0N12345X' } : row));
      const unfinished = seedDraft(e2e.host, 'neimenggu', { ...partial, consortiumName: '' }, { ...exampleTables, members });
      e2e.host.store.createRevision(draft.id, 'auto', '定时自动保存的版本');
      e2e.host.store.setField(draft.id, 'contactName', '王晓明');
      e2e.host.store.addRows(draft.id, 'team', null, [
        { name: '王建国', age: '45', title: '高级工程师', post: '研发部主任', major: '稀土永磁材料', workUnit: '内蒙古北辰稀土新材料集团股份有限公司' },
        { name: '李慧', age: '38', title: '副研究员', post: '课题组长', major: '磁性材料', workUnit: '内蒙古阴山理工大学' },
      ]);
      e2e.host.store.createRevision(draft.id, 'manual', '报送前定稿');

      const { page, context, errors } = await openPage(e2e, size);
      await page.goto(`${e2e.host.url}/#/`);
      await page.locator(`tr[data-row-key="${draft.id}"]`).waitFor();
      await expectInView(page, page.getByRole('button', { name: /新建申报/ }).first(), 'home: 新建申报');
      await screen(page, 'home');

      await page.getByRole('button', { name: /新建申报/ }).first().click();
      const newDraft = page.getByRole('dialog', { name: '新建申报：选择地区' });
      // Clicked once the dialog has stopped zooming in: a click during the animation can miss on a busy machine.
      await newDraft.waitFor();
      await waitForAnimations(page);
      await newDraft.getByText('内蒙古', { exact: true }).click();
      await page.getByTestId('region-summary').getByText(/内蒙古/).first().waitFor();
      await expectInView(page, newDraft.getByRole('button', { name: /^创\s?建$/ }), 'new draft: 创建');
      await screen(page, 'new-draft-dialog');
      await page.keyboard.press('Escape');
      await newDraft.waitFor({ state: 'hidden' });

      // The eight steps of the walk, filled.
      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/basic`);
      await page.locator('#field-consortiumName').waitFor();
      await page.getByLabel(/^完整度 \d+%$/).waitFor();
      await expectInView(page, page.getByRole('tablist', { name: '填报步骤' }), 'basic: the steps');
      await screen(page, 'step-1-basic');

      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
      await page.getByTestId('grid-members').getByText(/共 \d+ 行/).waitFor();
      // The member table is wider than a laptop screen: there the check above really scrolled it.
      const membersScrolled = await expectFirstColumnFrozen(page, 'members', 'name', 'members');
      if (size.width === 1366) expect(membersScrolled).toBe(true);
      await screen(page, 'step-2-members');

      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/team`);
      await page.getByTestId('grid-team').getByText(/共 \d+ 行/).waitFor();
      await expectFirstColumnFrozen(page, 'team', 'name', 'team');
      await screen(page, 'step-3-team');

      // The grid while a cell is being edited: the editor sits over its cell, inside the window.
      await page.locator('[data-cell="1:title"]').click();
      await page.keyboard.type('正高级工程师');
      await expectInView(page, page.locator('[data-testid="grid-team"] [data-cell="1:title"]'), 'team: the cell being edited');
      await screen(page, 'grid-editing');
      await page.keyboard.press('Escape');

      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/platforms`);
      await page.getByTestId('grid-platforms').getByText(/共 \d+ 行/).waitFor();
      await expectFirstColumnFrozen(page, 'platforms', 'name', 'platforms');
      await screen(page, 'step-4-platforms');

      // The code picker open under a grid cell: its list is whole inside the window.
      await page.locator('[data-cell="0:industryCode"]').click();
      await page.keyboard.type('稀土');
      const options = page.getByRole('listbox', { name: '行业类别的候选项' });
      await options.getByRole('option').first().waitFor();
      await expectInView(page, options, 'platforms: code picker');
      await screen(page, 'code-picker');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');

      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/texts`);
      await page.getByTestId('step-texts').waitFor();
      await screen(page, 'step-5-texts');

      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/agreement`);
      await page.getByTestId('step-agreement').waitFor();
      await screen(page, 'step-6-agreement');

      await page.goto(`${e2e.host.url}/#/draft/${unfinished.id}/check`);
      await page.locator('[data-testid="check-report"][aria-busy="false"]').waitFor();
      await page.getByTestId('findings-basic').waitFor();
      await expectInView(page, page.getByTestId('eligibility'), 'check: the verdict');
      await screen(page, 'step-7-check-findings');

      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/export`);
      await page.frameLocator('[data-testid="preview-frame"]').getByText(/内蒙古自治区/).first().waitFor();
      const printButton = page.getByRole('button', { name: /打印整套材料/ });
      await screen(page, 'step-8-export');
      await expectInView(page, printButton, 'export: 打印');

      // The print view: what the browser prints, caught as it is mounted and shown with print styles.
      await page.evaluate(
        'window.print = () => { const root = document.querySelector(".print-root"); window.__printView = root ? root.outerHTML : ""; }',
      );
      await printButton.click();
      await expect.poll(() => page.evaluate<string>('window.__printView || ""')).toContain('组建申请表');
      await page.evaluate('(() => { document.body.insertAdjacentHTML("beforeend", window.__printView); document.body.classList.add("is-printing"); })()');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#root').isVisible()).toBe(false);
      await screen(page, 'print-view');
      await page.emulateMedia({ media: 'screen' });
      await page.evaluate('(() => { document.querySelector(".print-root").remove(); document.body.classList.remove("is-printing"); })()');

      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/basic`);
      await page.getByRole('button', { name: /历史版本/ }).click();
      const history = page.getByTestId('history');
      await expect.poll(() => history.getByTestId('revision').count()).toBe(2);
      expect(await history.getByTestId('revision-changes').first().textContent()).toBe('基本信息 1 项、科研团队 +2 行');
      await expectInView(page, history.getByRole('button', { name: /保存当前版本/ }), 'history: 保存当前版本');
      await screen(page, 'history-drawer');
      await expectAccessible(page, '历史版本');
      await page.keyboard.press('Escape');

      await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
      await page.getByRole('button', { name: /信息采集/ }).click();
      const collection = page.getByRole('dialog');
      await expectInView(page, collection.getByRole('button', { name: /生成采集表/ }), 'collection: 生成采集表');
      await screen(page, 'collection-dialog');
      await page.keyboard.press('Escape');

      await page.goto(`${e2e.host.url}/#/`);
      const row = page.locator(`tr[data-row-key="${draft.id}"]`);
      await row.getByRole('button', { name: /转其他地区/ }).click();
      const copy = page.getByRole('dialog');
      await copy.getByText('新疆', { exact: true }).click();
      await copy.getByText(/新疆需要补填/).waitFor();
      await expectInView(page, copy.getByRole('button', { name: /复制为新疆申报/ }), 'copy: 复制为新疆申报');
      await screen(page, 'copy-to-region-dialog');
      await page.keyboard.press('Escape');
      await copy.waitFor({ state: 'hidden' });

      await row.getByRole('button', { name: /删\s?除/ }).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: /删\s?除/ }).click();
      await page.getByText('已移到回收站').first().waitFor();
      await page.getByRole('tab', { name: /回收站（1）/ }).click();
      const trashed = page.getByRole('row').filter({ hasText: exampleDraft.fields.consortiumName });
      await expectInView(page, trashed.getByRole('button', { name: /恢\s?复/ }), 'trash: 恢复');
      await screen(page, 'trash');
      await trashed.getByRole('button', { name: /恢\s?复/ }).click();
      await page.getByText('已从回收站恢复').first().waitFor();

      await page.getByRole('button', { name: /帮\s?助/ }).click();
      const help = page.getByTestId('help-guide');
      await help.getByText('一、安装与启动').waitFor();
      await expectInView(page, page.getByRole('dialog', { name: '帮助：使用说明' }).getByRole('button', { name: '关闭', exact: true }), 'help: 关闭');
      await screen(page, 'help');

      expect(errors).toEqual([]);
      await context.close();
      // Each size leaves the store as it found it.
      for (const id of [unfinished.id, draft.id]) {
        e2e.host.store.trashDraft(id);
        e2e.host.store.purgeDraft(id);
      }
    }, 180_000);
  }
});
