import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { E2E } from './support';
import { focusedLabel, openPage, seedDraft, shot, shotsAtBothSizes, startE2E, stopE2E, uscc, waitSaved } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});


describe('problems shown where they are, and fixed there', () => {
  it('marks an invalid 统一社会信用代码 in the member table, lists it in 检查, and clears it once corrected', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang', { consortiumName: '校验测试联合体' });
    const { page, errors } = await openPage(e2e);
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
    await page.getByRole('button', { name: '添加一行' }).click();
    await page.keyboard.type('新疆天衡能源化工集团有限公司');
    await page.keyboard.press('Tab');
    // One character short: the kind of mistake made copying from a licence.
    await page.keyboard.type('91650100MA781234');
    await page.keyboard.press('Enter');

    const cell = page.locator('[data-cell="0:uscc"]');
    await expect.poll(() => cell.getAttribute('aria-invalid')).toBe('true');
    expect(await cell.getAttribute('title')).toBe('统一社会信用代码：统一社会信用代码应为18位，当前为 16 位');
    expect(await cell.getAttribute('class')).toContain('is-invalid');
    await cell.hover();
    await waitSaved(page);
    await shot(page, 'check-01-invalid-uscc-marked');

    // 检查 lists it under its step; clicking it goes back to the very cell.
    await page.locator('[data-step="check"]').click();
    const finding = page.locator('[data-finding^="cell:members:"][data-finding*=":uscc:uscc.length"]');
    await finding.waitFor();
    expect(await page.getByTestId('findings-members').textContent()).toContain('成员单位第1行「统一社会信用代码」：统一社会信用代码应为18位');
    await shot(page, 'check-02-finding-listed');
    await finding.click();
    await expect.poll(() => focusedLabel(page)).toBe('统一社会信用代码，第 1 行');
    expect(page.url()).toContain('/members');

    // Typing replaces the selected value, as in a spreadsheet.
    const fixed = uscc('91650100MA7812345');
    await page.keyboard.type(fixed);
    await page.keyboard.press('Enter');
    await expect.poll(() => cell.getAttribute('aria-invalid')).toBe(null);
    await waitSaved(page);
    expect(e2e.host.store.getDraft(draft.id).tables.members[0].values.uscc).toBe(fixed);
    await shot(page, 'check-03-uscc-fixed');

    await page.locator('[data-step="check"]').click();
    await page.locator('[data-testid="check-report"][aria-busy="false"]').waitFor();
    expect(await finding.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('flags a 501-字 技术创新目标 with its counter and in 检查, and accepts it at 500', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang', { consortiumName: '字数测试联合体' });
    const { page, errors } = await openPage(e2e);
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/texts`);
    const goals = page.locator('#field-goals');
    // 500 Chinese characters and one full stop: Word counts 501.
    await goals.fill(`${'联合体攻关目标'.repeat(71)}技技技。`);
    const counter = page.getByTestId('count-goals');
    await expect.poll(() => counter.textContent()).toBe('501 / 500 字 · 超出 1 字');
    // Where the cut falls: the last words inside the limit are quoted.
    expect(await page.getByTestId('cut-goals').textContent()).toContain('第 500 字止于“目标联合体攻关目标技技技”，其后超出');
    expect(await counter.getAttribute('class')).toContain('danger');
    expect(await page.locator('#section-goals .texts-nav-item-count').textContent()).toBe('501/500');
    await waitSaved(page);
    await shotsAtBothSizes(page, 'check-04-goal-501-flagged');

    await page.locator('[data-step="check"]').click();
    const finding = page.locator('[data-finding="field:goals:text.maxChars"]');
    await finding.waitFor();
    expect(await finding.textContent()).toContain('技术创新战略规划和目标：已 501 字，超出限制 500 字');
    await finding.click();
    await expect.poll(() => focusedLabel(page)).toBe('技术创新战略规划和目标');
    // 去修改 selects what is past the limit, so one Backspace takes it out.
    await expect
      .poll(() => page.evaluate<number[]>('[document.activeElement.selectionStart, document.activeElement.selectionEnd]'))
      .toEqual([500, 501]);
    await page.keyboard.press('Backspace');
    await expect.poll(() => counter.textContent()).toBe('500 / 500 字');
    await waitSaved(page);
    expect(e2e.host.store.getDraft(draft.id).fields.goals).toHaveLength(500);
    await shot(page, 'check-05-goal-500-accepted');
    expect(errors).toEqual([]);
  });
});
