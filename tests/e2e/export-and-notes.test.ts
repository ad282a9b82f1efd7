import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { E2E } from './support';
import { openPage, seedDraft, shotAt, startE2E, stopE2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

describe('the export step and the 填表说明 beside each step, for Inner Mongolia', () => {
  it('marks optional documents without alarms and says, before printing, how many copies to set', async () => {
    const draft = seedDraft(e2e.host, 'neimenggu', { consortiumName: '内蒙古自治区煤基新材料创新联合体' });
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/export`);
    const plan = page.locator('[data-document="implementationPlan"]');
    const summary = page.locator('[data-document="annualSummary"]');
    await plan.waitFor();
    // 实施方案 is not among Inner Mongolia's documents and 年度工作总结 is due later: neither is an alarm.
    for (const entry of [plan, summary]) {
      expect(await entry.textContent()).toContain('选用');
      expect(await entry.textContent()).not.toMatch(/缺 \d+ 项/);
    }
    // The application form is required and still incomplete: that one is flagged. Inner Mongolia files one
    // stamped original online (scanned and uploaded), so the print hint starts at one copy.
    expect(await page.locator('[data-document="applicationForm"]').textContent()).toMatch(/缺 \d+ 项/);
    expect(await page.getByTestId('print-copies-hint').textContent()).toContain('请将“份数”设为 1');
    await page.getByRole('spinbutton', { name: '打印份数' }).fill('2');
    await expect.poll(() => page.getByTestId('print-copies-hint').textContent()).toContain('请将“份数”设为 2');
    expect(await page.getByTestId('export-where').textContent()).toContain('浏览器版不能选择位置');
    await shotAt(page, 'export-20-optional-documents', 1366, 768);
    await shotAt(page, 'export-20-optional-documents', 1920, 1080);
    expect(errors).toEqual([]);
  });

  it('puts item 四 of the 填表说明 (about the members) beside the member table, not beside 技术创新目标', async () => {
    const draft = seedDraft(e2e.host, 'neimenggu');
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    const itemFour = /^四、对创新联合体牵头单位、成员单位在行业/;
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
    await page.getByText(itemFour).first().waitFor();
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/texts`);
    await page.locator('#field-goals').or(page.locator('textarea').first()).first().waitFor();
    expect(await page.getByText(itemFour).count()).toBe(0);
    await shotAt(page, 'texts-20-notes-beside-texts', 1366, 768);
    // It is shown with the section it is about: 合作基础、开展活动和取得的实效.
    await page.locator('#section-cooperationBasis').click();
    await page.getByTestId('section-note').getByText(/四、对创新联合体牵头单位、成员单位在行业/).waitFor();
    await shotAt(page, 'texts-21-note-beside-its-section', 1366, 768);
    await shotAt(page, 'texts-21-note-beside-its-section', 1920, 1080);
    expect(errors).toEqual([]);
  });
});
