import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { E2E } from './support';
import { openPage, rowsOf, seedDraft, shotAt, startE2E, stopE2E, waitSaved } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

describe('the code pickers for 行业类别 and 国标学科', () => {
  it('picks the best match on Enter, never marks a search word as a wrong code, and names the entry leaf first', async () => {
    const draft = seedDraft(e2e.host, 'neimenggu');
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/basic`);
    const discipline = page.locator('#field-disciplineCode');
    await discipline.waitFor();

    // 「煤化」 and Enter at once, before the matches have even arrived: the single match is taken.
    await discipline.click();
    await page.keyboard.type('煤化');
    expect(await page.getByText('学科代码格式不正确').count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByTestId('code-name-field-disciplineCode').getByText('53047：煤化学工程（化学工程）').waitFor();
    await waitSaved(page);
    expect(e2e.host.store.getDraft(draft.id).fields.disciplineCode).toBe('53047');

    // The options put the entry's own name first, its code and parents after it.
    const industry = page.locator('#field-industryCode');
    await industry.click();
    await page.keyboard.type('稀土');
    const first = page.locator('.ant-select-dropdown', { has: page.getByText('稀土金属冶炼') }).locator('.code-option').first();
    await first.waitFor();
    expect(await first.locator('.code-option-name').textContent()).toBe('稀土金属冶炼');
    expect(await first.locator('.code-option-path').textContent()).toBe('制造业 › 有色金属冶炼和压延加工业 › 稀有稀土金属冶炼');
    // While a search word is in the box, no format error is shown and nothing is saved.
    expect(await page.getByText('行业代码格式不正确').count()).toBe(0);
    await shotAt(page, 'codes-01-form-options', 1366, 768);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('code-name-field-industryCode').getByText(/^0932：稀土金属矿采选/).waitFor();
    await waitSaved(page);
    expect(e2e.host.store.getDraft(draft.id).fields.industryCode).toBe('0932');
    await shotAt(page, 'codes-02-form-chosen', 1920, 1080);
    expect(errors).toEqual([]);
  });

  it('works in the platform grid: a search under the cell, Enter takes the match, the cell shows code and name', async () => {
    const draft = seedDraft(e2e.host, 'neimenggu', {}, { platforms: [{ name: '内蒙古稀土功能材料重点实验室' }] });
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/platforms`);
    const grid = page.getByTestId('grid-platforms');
    await grid.getByText('共 1 行').waitFor();

    await page.locator('[data-cell="0:industryCode"]').click();
    await page.keyboard.type('稀土');
    const list = page.getByRole('listbox', { name: '行业类别的候选项' });
    await list.getByRole('option').first().waitFor();
    // The cell holds no search word: it is still only 'to be filled', not marked as a wrong code.
    expect(await page.locator('[data-cell="0:industryCode"]').getAttribute('class')).not.toContain('is-invalid');
    expect(await page.getByTestId('grid-platforms-status').textContent()).not.toContain('格式不正确');
    await shotAt(page, 'codes-03-grid-search', 1366, 768);
    await page.keyboard.press('Enter');
    await waitSaved(page);
    expect(rowsOf(e2e.host, draft.id, 'platforms')[0].industryCode).toBe('3232');
    // Under the cursor the code is in the editor with its name beside it; elsewhere the cell shows both.
    expect(await grid.getByRole('combobox', { name: '行业类别，第 1 行' }).inputValue()).toBe('3232');
    await page.locator('[data-cell="0:name"]').click();
    await expect.poll(() => page.locator('[data-cell="0:industryCode"]').textContent()).toBe('3232 稀土金属冶炼');

    // A typed code goes in as it is; Tab moves on.
    await page.locator('[data-cell="0:disciplineCode"]').click();
    await page.keyboard.type('430');
    await page.keyboard.press('Tab');
    await waitSaved(page);
    expect(rowsOf(e2e.host, draft.id, 'platforms')[0].disciplineCode).toBe('430');
    await expect.poll(() => page.locator('[data-cell="0:disciplineCode"]').textContent()).toBe('430 材料科学');
    await shotAt(page, 'codes-04-grid-named', 1920, 1080);
    expect(errors).toEqual([]);
  });
});
