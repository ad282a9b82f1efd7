import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTsv } from '../../renderer/src/components/grid/tsv';
import type { E2E } from './support';
import { focusedLabel, isFocused, openPage, pasteText, rowsOf, seedDraft, shot, startE2E, stopE2E, waitSaved } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

describe('the spreadsheet grid of the team table (科研团队)', () => {
  it('takes rows typed with the keyboard alone, moving like a spreadsheet and keeping focus after row edits', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang');
    const { page, errors } = await openPage(e2e);
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/team`);
    await page.getByText('还没有数据').waitFor();

    // From the toolbar into the grid: 添加一行 puts the cursor in the new row's first cell.
    await page.getByRole('button', { name: '添加一行' }).focus();
    await page.keyboard.press('Enter');
    const first = page.getByRole('textbox', { name: '姓名，第 1 行' });
    await expect.poll(() => isFocused(first)).toBe(true);

    const people = [
      ['马志远', '56', '院长/教授', '化学工程', '新疆天山工业大学'],
      ['周立新', '52', '副总经理/正高级工程师', '煤化工工艺', '新疆天衡能源化工集团有限公司'],
      ['艾尔肯·买买提', '47', '研究室主任/研究员', '煤炭转化', '新疆煤化工技术研究院'],
    ];
    for (const [rowIndex, person] of people.entries()) {
      for (const [cellIndex, value] of person.entries()) {
        await page.keyboard.type(value);
        const lastCell = cellIndex === person.length - 1;
        const lastRow = rowIndex === people.length - 1;
        // Tab to the next cell; Tab past the last cell opens the next row; the last value is confirmed with Enter.
        await page.keyboard.press(lastCell && lastRow ? 'Enter' : 'Tab');
      }
    }
    await waitSaved(page);
    await shot(page, 'grid-01-team-keyboard-entry');
    expect(rowsOf(e2e.host, draft.id, 'team')).toEqual(
      people.map(([name, age, postTitle, major, workUnit]) => ({ name, age, postTitle, major, workUnit })),
    );

    // Arrows move; typing replaces the value; Escape puts back what was there.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('99');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('textbox', { name: '年龄，第 2 行' }).inputValue()).toBe('52');
    // F2 edits at the end of the value; Enter confirms and moves down.
    await page.keyboard.press('F2');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await expect.poll(() => isFocused(page.getByRole('textbox', { name: '年龄，第 3 行' }))).toBe(true);
    // An invalid age is marked in place, with the reason on hover.
    const ageCell = page.locator('[data-cell="1:age"]');
    await expect.poll(() => ageCell.getAttribute('aria-invalid')).toBe('true');
    expect(await ageCell.getAttribute('title')).toContain('年龄应在 0–120 之间');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.type('52');
    await page.keyboard.press('Enter');
    await expect.poll(() => ageCell.getAttribute('aria-invalid')).toBe(null);

    // Ctrl+Enter inserts a row below and puts the cursor in it; Alt+↑ moves it up; Ctrl+Delete deletes it.
    await page.keyboard.press('Control+Enter');
    const inserted = page.getByRole('textbox', { name: '姓名，第 4 行' });
    await expect.poll(() => isFocused(inserted)).toBe(true);
    await page.keyboard.type('王磊');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => page.getByRole('textbox', { name: '姓名，第 3 行' }).inputValue()).toBe('王磊');
    await page.keyboard.press('Control+Delete');
    await page.getByTestId('grid-team-notice').getByText('已删除第 3 行').waitFor();
    // After a delete the cursor stays on the row that took its place.
    await expect
      .poll(() => focusedLabel(page))
      .toBe('姓名，第 3 行');
    await waitSaved(page);
    expect(rowsOf(e2e.host, draft.id, 'team').map((row) => row.name)).toEqual(['马志远', '周立新', '艾尔肯·买买提']);
    expect(rowsOf(e2e.host, draft.id, 'team')[1].age).toBe('52');
    await shot(page, 'grid-02-team-after-row-edits');
    expect(errors).toEqual([]);
  });

  it('pastes 30 rows copied from a spreadsheet, adding rows as needed, then pastes over existing rows', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang', {}, { team: [{ name: '已有成员', age: '40' }] });
    const { page, errors } = await openPage(e2e);
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/team`);
    const grid = page.getByTestId('grid-team');
    await grid.getByRole('textbox', { name: '姓名，第 1 行' }).waitFor();

    const rows = Array.from({ length: 30 }, (_, index) => [
      `成员${index + 1}`,
      String(30 + index),
      index === 4 ? '主任\n（兼）研究员' : `工程师${index + 1}`,
      index === 7 ? '化工"过程"强化' : '化学工程',
      '新疆天山工业大学',
    ]);
    // Excel's clipboard: \r\n between rows and after the last, cells with line breaks or quotes quoted.
    const tsv = `${toTsv(rows)}\r\n`;
    expect(tsv).toContain('"主任\n（兼）研究员"');

    // A blank row 2 under the existing row, and the 30 rows pasted from there: row 2 is filled, 29 are added.
    await grid.getByRole('textbox', { name: '姓名，第 1 行' }).click();
    await page.keyboard.press('Control+Enter');
    await grid.getByRole('textbox', { name: '姓名，第 2 行' }).waitFor();
    await pasteText(page, tsv);
    await page.getByTestId('grid-team-notice').getByText('已粘贴 30 行 × 5 列（新增 29 行）').waitFor();
    await waitSaved(page);
    const stored = rowsOf(e2e.host, draft.id, 'team');
    expect(stored).toHaveLength(31);
    expect(stored[0]).toEqual({ name: '已有成员', age: '40' });
    expect(stored[1]).toEqual({ name: '成员1', age: '30', postTitle: '工程师1', major: '化学工程', workUnit: '新疆天山工业大学' });
    // 职务/职称 is a one-line column: the line break inside the copied cell is folded as Excel import folds it.
    expect(stored[5].postTitle).toBe('主任（兼）研究员');
    expect(stored[8].major).toBe('化工"过程"强化');
    expect(stored[30].name).toBe('成员30');
    await expect.poll(() => grid.getByText('共 31 行').count()).toBe(1);
    await shot(page, 'grid-03-team-pasted-30-rows');

    // Paste two columns over existing rows 3–4 from 年龄 on: only those cells change, no rows are added.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await pasteText(page, '61\t总工程师/研究员\r\n62\t所长/研究员\r\n');
    await page.getByTestId('grid-team-notice').getByText('已粘贴 2 行 × 2 列').waitFor();
    await waitSaved(page);
    const after = rowsOf(e2e.host, draft.id, 'team');
    expect(after).toHaveLength(31);
    expect(after[2]).toMatchObject({ name: '成员2', age: '61', postTitle: '总工程师/研究员', major: '化学工程' });
    expect(after[3]).toMatchObject({ name: '成员3', age: '62', postTitle: '所长/研究员' });
    expect(errors).toEqual([]);
  });

  it('draws only the rows in view of a 1 000-row table and scrolls to any of them', async () => {
    const team = Array.from({ length: 1000 }, (_, index) => ({
      name: `成员${index + 1}`,
      age: String(25 + (index % 40)),
      postTitle: '工程师',
      major: '化学工程',
      workUnit: '新疆天山工业大学',
    }));
    const draft = seedDraft(e2e.host, 'xinjiang', {}, { team });
    const { page, errors } = await openPage(e2e);
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/team`);
    const grid = page.getByTestId('grid-team');
    await grid.getByText('共 1000 行').waitFor();
    expect(await grid.getByRole('row').count()).toBeLessThan(60);
    await grid.getByRole('textbox', { name: '姓名，第 1 行' }).click();
    await page.keyboard.press('Control+End');
    await expect.poll(() => focusedLabel(page)).toBe('工作单位，第 1000 行');
    await page.keyboard.press('Home');
    expect(await grid.getByRole('row').count()).toBeLessThan(60);
    await page.keyboard.type('最后一位');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    expect(rowsOf(e2e.host, draft.id, 'team')[999].name).toBe('最后一位');
    await shot(page, 'grid-04-team-1000-rows');
    expect(errors).toEqual([]);
  });
});
