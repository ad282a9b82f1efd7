import type { Browser, Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/browser';
import { startTestHost } from '../helpers/web-host';
import { exampleDraft } from '../shared/documents/fixtures';

const shots = resolve(__dirname, '../../test-results/screens');
let host: Awaited<ReturnType<typeof startTestHost>>;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) throw new Error('Chromium not found at /usr/bin/chromium (or CHROMIUM_PATH): run `node scripts/ensure-system-tools.mjs`, which npm test runs first');
  mkdirSync(shots, { recursive: true });
  host = await startTestHost();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

const memberRule = (page: Page) => page.locator('li.rule-item[data-rule="minMembers"]');

describe('其他地区（通用版式） in the browser host', () => {
  it('creates a draft with the settings form, then changes a threshold in 地区设置 and sees the check change', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url);
    await page.getByRole('button', { name: '新建申报' }).click();
    await page.getByText('新建申报：选择地区').waitFor();
    await page.getByText('其他地区', { exact: true }).click();
    const form = page.getByTestId('region-settings');
    await form.waitFor();
    await page.screenshot({ path: `${shots}/general-new-draft-1366.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `${shots}/general-new-draft-1920.png` });
    await page.setViewportSize({ width: 1366, height: 768 });

    // Creating without the names is refused, in Chinese, and creates nothing.
    await page.getByRole('button', { name: /创\s?建/ }).click();
    await page.getByText(/请先完成地区设置/).first().waitFor();
    expect(host.store.listDrafts()).toHaveLength(0);

    await page.getByRole('textbox', { name: '专项/计划名称', exact: true }).fill('福建省创新联合体建设专项');
    await page.getByRole('textbox', { name: '主管部门', exact: true }).fill('福建省科学技术厅');
    // The summary of what the package holds follows the settings.
    await expect.poll(() => page.getByTestId('region-summary').textContent()).toContain('福建省创新联合体建设专项组建申请表');
    await page.getByLabel('成员单位不少于', { exact: true }).fill('8');
    await page.getByRole('button', { name: /创\s?建/ }).click();
    await page.getByLabel('联合体名称', { exact: true }).waitFor();

    const [summary] = host.store.listDrafts();
    const stored = host.store.getDraft(summary.id);
    expect(stored.regionId).toBe('general');
    expect(stored.regionSettings).toMatchObject({ programmeName: '福建省创新联合体建设专项', department: '福建省科学技术厅' });
    expect(stored.regionSettings?.rules.minMembers.values.min).toBe(8);

    // Ten members from the example project, typed in the core as an Excel import would.
    host.store.replaceTable(summary.id, 'members', exampleDraft('general').tables.members.map((row) => row.values));
    await page.goto(`${host.url}#/draft/${summary.id}/check`);
    await page.getByTestId('rules').waitFor();
    await expect.poll(() => memberRule(page).getAttribute('data-status')).toBe('pass');
    expect(await memberRule(page).textContent()).toContain('成员单位不少于8家（含牵头单位）');

    await page.getByRole('button', { name: '地区设置' }).click();
    const dialog = page.getByRole('dialog', { name: '地区设置' });
    await dialog.waitFor();
    await dialog.getByLabel('成员单位不少于', { exact: true }).fill('12');
    await page.screenshot({ path: `${shots}/general-settings-1366.png` });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: `${shots}/general-settings-1920.png` });
    await dialog.getByRole('button', { name: '保存并重新检查' }).click();
    await page.getByText('地区设置已保存，已按新的设置重新检查').waitFor();

    await expect.poll(() => memberRule(page).getAttribute('data-status')).toBe('fail');
    expect(await memberRule(page).textContent()).toContain('成员单位不少于12家（含牵头单位）');
    expect(host.store.getDraft(summary.id).regionSettings?.rules.minMembers.values.min).toBe(12);

    // Switched off, the rule leaves the report.
    await page.getByRole('button', { name: '地区设置' }).click();
    await dialog.getByLabel('检查：成员单位不少于N家（含牵头单位）').click();
    await dialog.getByRole('button', { name: '保存并重新检查' }).click();
    await expect.poll(() => memberRule(page).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
