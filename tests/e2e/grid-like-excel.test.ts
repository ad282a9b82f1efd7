import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { E2E } from './support';
import { focusedLabel, openPage, pasteText, rowsOf, seedDraft, shotAt, startE2E, stopE2E, waitSaved } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

const person = (name: string, age: string) => ({ name, age, postTitle: '工程师', major: '化学工程', workUnit: '新疆天山工业大学' });

describe('the grid as an office user who lives in Excel expects it', () => {
  it('replaces a clicked value when typing, edits in place with F2 or a double click, and Esc never leaves the grid', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang', {}, { team: [person('马志远', '27'), person('周立新', '52')] });
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/team`);
    const grid = page.getByTestId('grid-team');
    await grid.getByText('共 2 行').waitFor();

    // Click 年龄 「27」 and type 9: the value is replaced, as in Excel.
    await page.locator('[data-cell="0:age"]').click();
    await page.keyboard.type('9');
    await expect.poll(() => grid.getByRole('textbox', { name: '年龄，第 1 行' }).inputValue()).toBe('9');
    await page.keyboard.press('Enter');
    // A second click on the cell under the cursor keeps the value selected: typing still replaces it.
    await page.locator('[data-cell="1:age"]').click();
    await page.locator('[data-cell="1:age"]').click();
    await page.keyboard.type('48');
    await expect.poll(() => grid.getByRole('textbox', { name: '年龄，第 2 行' }).inputValue()).toBe('48');

    // F2 edits at the end of the value; so does a double click.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('F2');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => grid.getByRole('textbox', { name: '年龄，第 2 行' }).inputValue()).toBe('48');
    await page.locator('[data-cell="0:name"]').dblclick();
    await page.keyboard.type('（首席）');
    await page.keyboard.press('Enter');

    // Esc on a cell that is not being edited keeps the keyboard in the grid; the next keys still work.
    await page.keyboard.press('Escape');
    expect(await focusedLabel(page)).toBe('姓名，第 2 行');
    await page.keyboard.press('Escape');
    expect(await focusedLabel(page)).toBe('姓名，第 2 行');
    // Esc while typing puts back what was there and stays on the cell.
    await page.keyboard.type('错字');
    await page.keyboard.press('Escape');
    expect(await focusedLabel(page)).toBe('姓名，第 2 行');
    await expect.poll(() => grid.getByRole('textbox', { name: '姓名，第 2 行' }).inputValue()).toBe('周立新');

    // Delete clears the cell.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Delete');
    await waitSaved(page);
    const rows = rowsOf(e2e.host, draft.id, 'team');
    expect(rows.map((row) => [row.name, row.age])).toEqual([
      ['马志远（首席）', '91'],
      ['周立新', ''],
    ]);
    await shotAt(page, 'grid-excel-01-typed', 1366, 768);
    expect(errors).toEqual([]);
  });

  it('undoes and redoes cell edits, a 30-row paste and row operations with Ctrl+Z / Ctrl+Y, also after switching steps', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang', {}, { team: [person('已有成员', '40')] });
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/team`);
    const grid = page.getByTestId('grid-team');
    const notice = page.getByTestId('grid-team-notice');
    await grid.getByText('共 1 行').waitFor();

    // A cell edit, undone and redone.
    await page.locator('[data-cell="0:age"]').click();
    await page.keyboard.type('41');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Z');
    await notice.getByText('已撤销：编辑单元格').waitFor();
    await expect.poll(() => grid.getByRole('textbox', { name: '年龄，第 1 行' }).inputValue()).toBe('40');
    await page.keyboard.press('Control+Y');
    await notice.getByText('已重做：编辑单元格').waitFor();
    await expect.poll(() => grid.getByRole('textbox', { name: '年龄，第 1 行' }).inputValue()).toBe('41');

    // Thirty rows pasted below, then taken back in one step, and put back again.
    const block = Array.from({ length: 30 }, (_, index) => `成员${index + 1}\t${30 + index}\t工程师\t化学工程\t新疆天山工业大学`).join('\r\n');
    await page.keyboard.press('Control+Enter');
    await grid.getByRole('textbox', { name: '姓名，第 2 行' }).waitFor();
    await pasteText(page, `${block}\r\n`);
    await notice.getByText('已粘贴 30 行 × 5 列（新增 29 行）').waitFor();
    await grid.getByText('共 31 行').waitFor();
    await shotAt(page, 'grid-excel-02-pasted', 1366, 768);
    await page.keyboard.press('Control+Z');
    await grid.getByText('共 2 行').waitFor();
    await waitSaved(page);
    expect(rowsOf(e2e.host, draft.id, 'team').map((row) => row.name ?? '')).toEqual(['已有成员', '']);
    // The keyboard is still in the grid after the undo.
    expect(await focusedLabel(page)).toMatch(/，第 \d 行$/);
    await page.keyboard.press('Control+Y');
    await grid.getByText('共 31 行').waitFor();
    await waitSaved(page);
    expect(rowsOf(e2e.host, draft.id, 'team')).toHaveLength(31);
    expect(rowsOf(e2e.host, draft.id, 'team')[30].name).toBe('成员30');

    // A deleted row comes back in its place; a moved row goes back.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+Delete');
    await notice.getByText('已删除第 2 行').waitFor();
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    await notice.getByText('已撤销：删除第 2 行').waitFor();
    await waitSaved(page);
    expect(rowsOf(e2e.host, draft.id, 'team').slice(0, 4).map((row) => row.name)).toEqual(['已有成员', '成员1', '成员2', '成员3']);

    // The history belongs to the open draft: it is still there after visiting another step.
    await page.getByText('基本信息', { exact: true }).first().click();
    await page.getByText('科研团队', { exact: true }).first().click();
    await grid.getByText('共 31 行').waitFor();
    await page.getByTestId('grid-team-undo').click();
    await notice.getByText('已撤销：粘贴 30 行 × 5 列').waitFor();
    await grid.getByText('共 2 行').waitFor();
    expect(errors).toEqual([]);
  });

  it('folds pasted values as Excel import does and shows choices by their labels', async () => {
    const draft = seedDraft(e2e.host, 'neimenggu');
    const { page, errors } = await openPage(e2e, { width: 1920, height: 1080 });
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/platforms`);
    const grid = page.getByTestId('grid-platforms');
    // The empty table shows its columns, so the order is known before pasting.
    await grid.getByRole('columnheader', { name: /技术领域/ }).waitFor();
    const headers = (await grid.getByRole('columnheader').allTextContents()).map((text) => text.replace(/^\*/, ''));
    expect(headers).toEqual(['序号', '平台名称', '行业类别', '国标学科', '技术领域', '平台类别', '建设时间', '依托单位', '平台级别']);
    await shotAt(page, 'grid-excel-03-empty-platforms', 1920, 1080);

    await page.getByRole('note', { name: '科研平台：暂无数据' }).click();
    await pasteText(
      page,
      ['内蒙古煤基新材料工程研究中心\t\t\tB.化工\t工程研究中心\t2020年5月\t内蒙古天衡化工有限公司\t自治区级',
        '稀土功能材料重点实验室\t\t\tC.新材料\t重点实验室\t2021.09\t内蒙古稀土研究院\t国家级'].join('\r\n'),
    );
    await page.getByTestId('grid-platforms-notice').getByText(/已粘贴 2 行/).waitFor();
    await waitSaved(page);
    const rows = rowsOf(e2e.host, draft.id, 'platforms');
    expect(rows.map((row) => [row.techField, row.builtAt])).toEqual([
      ['B', '2020-05'],
      ['C', '2021-09'],
    ]);
    // The cell shows 「B.化工」, and its drop-down lists the labels, not bare letters.
    expect(await page.locator('[data-cell="0:techField"]').textContent()).toBe('B.化工');
    await page.locator('[data-cell="0:techField"]').click();
    const select = grid.getByRole('combobox', { name: '技术领域，第 1 行' });
    expect(await select.locator('option').allTextContents()).toContain('B.化工');

    // At 1920 wide the table uses the width, and the first column stays in view when scrolled sideways.
    const box = await grid.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(1500);
    await shotAt(page, 'grid-excel-04-platforms-1920', 1920, 1080);
    expect(errors).toEqual([]);
  });

  it('keeps the first column in view while a wide member table scrolls sideways at 1366 × 768', async () => {
    const members = Array.from({ length: 4 }, (_, index) => ({
      name: `内蒙古成员单位${index + 1}有限责任公司`,
      role: '负责煤基新材料中试与工程化验证，牵头建设中试基地并承担关键装备国产化攻关',
      unitType: '企业',
      registrationPlace: '内蒙古自治区鄂尔多斯市',
      contactName: '王磊',
      contactPhone: '0477-8123456',
      legalRepName: '李强',
    }));
    const draft = seedDraft(e2e.host, 'neimenggu', {}, { members });
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
    const grid = page.getByTestId('grid-members');
    await grid.getByText('共 4 行').waitFor();
    const nameCell = page.locator('[data-cell="0:name"]');
    // 名称 is drawn wide enough for what it holds.
    expect(await nameCell.evaluate((element) => {
      const box = element as unknown as { scrollWidth: number; clientWidth: number };
      return box.scrollWidth <= box.clientWidth + 1;
    })).toBe(true);
    const before = await nameCell.boundingBox();
    await page.locator('[data-cell="0:name"]').click();
    await page.keyboard.press('End');
    await expect.poll(() => focusedLabel(page)).toBe('法定代表人，第 1 行');
    // The table did scroll sideways to reach the last column, and 名称 stayed where it was.
    expect(await grid.locator('.data-grid-scroll').evaluate((element) => (element as unknown as { scrollLeft: number }).scrollLeft)).toBeGreaterThan(0);
    const after = await nameCell.boundingBox();
    expect(after?.x).toBeCloseTo(before?.x ?? -1, 0);
    await shotAt(page, 'grid-excel-05-members-frozen-1366', 1366, 768);
    expect(errors).toEqual([]);
  });
});
