import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntry } from '../core/documents/zip';
import type { E2E } from './support';
import { openPage, seedDraft, shotsAtBothSizes, startE2E, stopE2E, waitSaved } from './support';

const samplePath = resolve(__dirname, '../../resources/region-template-sample.json');

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

describe('a region file a local office wrote', () => {
  it('is loaded in 地区模板, drives a new draft through every step, and its exports print its own names', async () => {
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(e2e.host.url);
    await page.getByRole('button', { name: '地区模板' }).click();
    const manager = page.getByRole('dialog', { name: '地区模板' });
    await manager.getByText('新疆维吾尔自治区').waitFor();

    // A broken file is refused, saying where in the file and what was expected; nothing is loaded.
    const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as Record<string, unknown>;
    await page.getByLabel('选择地区模板文件').setInputFiles({
      name: '有错的模板.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...sample, tiers: '牵头单位' })),
    });
    const problem = page.getByTestId('region-file-problem');
    await expect.poll(() => problem.textContent()).toContain('tiers 类型不对，应为 array');
    expect(await problem.textContent()).toContain('未载入「有错的模板.json」');
    await shotsAtBothSizes(page, 'region-files-01-refused');

    await page.getByLabel('选择地区模板文件').setInputFiles(samplePath);
    const row = manager.locator('tr', { hasText: '示例市' });
    await row.waitFor();
    expect(await row.textContent()).toContain('来自文件');
    expect(await row.textContent()).toContain('region-template-sample.json');
    expect(await problem.count()).toBe(0);
    await shotsAtBothSizes(page, 'region-files-02-loaded');
    // The footer button; the × in the corner is named 关闭 too.
    await manager.getByRole('button', { name: /^关\s?闭$/ }).last().click();

    // 新建申报 offers it beside the built-ins, marked as coming from a file with its version.
    await page.getByRole('button', { name: '新建申报' }).click();
    await page.getByText('新建申报：选择地区').waitFor();
    await page.getByText('来自文件 · 版本 1').click();
    const summary = page.getByTestId('region-summary');
    await expect.poll(() => summary.textContent()).toContain('示例市创新联合体组建申请表');
    expect(await summary.textContent()).toContain('来自文件「region-template-sample.json」，版本 1');
    await shotsAtBothSizes(page, 'region-files-03-new-draft');
    await page.getByRole('button', { name: /创\s?建/ }).click();

    // The walk, with the file's names in the bar.
    await page.locator('#field-consortiumName').waitFor();
    expect(await page.locator('.draft-bar').textContent()).toContain('示例市');
    expect(await page.locator('.draft-bar').textContent()).toContain('来自文件');
    await page.locator('#field-consortiumName').fill('示例市现代煤化工创新联合体');
    await page.locator('#field-industryField').fill('现代煤化工');
    await waitSaved(page);
    for (const step of ['members', 'team', 'platforms', 'texts', 'agreement', 'check', 'export']) {
      await page.getByRole('navigation', { name: '上一步与下一步' }).getByRole('button', { name: /下一步/ }).click();
      await page.getByTestId(`step-${step}`).waitFor();
    }
    const frame = page.frameLocator('[data-testid="preview-frame"]');
    await frame.getByText('示例市创新联合体').first().waitFor();

    await page.getByRole('button', { name: /导出到数据文件夹/ }).click();
    await page.getByTestId('export-result').waitFor({ timeout: 60_000 });
    await shotsAtBothSizes(page, 'region-files-04-exported');
    const folder = join(e2e.host.dataDir, '导出', '示例市现代煤化工创新联合体');
    const documents = readdirSync(folder).filter((name) => name.endsWith('.docx'));
    expect(documents.length).toBeGreaterThanOrEqual(2);
    const text = documents.map((name) => readZipEntry(readFileSync(join(folder, name)), 'word/document.xml')).join('');
    expect(text).toContain('示例市创新联合体组建申请表');
    expect(text).toContain('示例市科学技术局');
    expect(text).not.toContain('新疆');

    // 转其他地区 offers the loaded region, and a copy into it carries what both regions share.
    seedDraft(e2e.host, 'xinjiang', { consortiumName: '新疆维吾尔自治区测试创新联合体', industryField: '新材料' });
    await page.goto(e2e.host.url);
    await page.locator('tr', { hasText: '新疆维吾尔自治区测试创新联合体' }).getByRole('button', { name: /转其他地区/ }).click();
    const copyDialog = page.getByRole('dialog');
    await copyDialog.getByText('示例市', { exact: true }).click();
    await copyDialog.getByRole('button', { name: '复制为示例市申报' }).click();
    await page.locator('#field-consortiumName').waitFor();
    expect(await page.locator('.draft-bar').textContent()).toContain('示例市');
    expect(await page.locator('#field-industryField').inputValue()).toBe('新材料');

    // Back home, the draft names its region as the file does; the file cannot be removed while it is used.
    await page.goto(e2e.host.url);
    const draftRow = page.locator('tr', { hasText: '示例市现代煤化工创新联合体' });
    await draftRow.waitFor();
    expect(await draftRow.getByText('示例市', { exact: true }).count()).toBe(1);
    await shotsAtBothSizes(page, 'region-files-05-home');
    await page.getByRole('button', { name: '地区模板' }).click();
    await manager.getByRole('button', { name: '删除地区模板 示例市' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /^删\s?除$/ }).click();
    await expect.poll(() => problem.textContent()).toContain('还有 2 份草稿在使用：');
    expect(await problem.textContent()).toContain('「示例市现代煤化工创新联合体」');
    expect(await manager.locator('tr', { hasText: '示例市' }).count()).toBe(1);
    expect(await manager.locator('tr', { hasText: '示例市' }).textContent()).toContain('2 份');
    await shotsAtBothSizes(page, 'region-files-06-in-use');
    expect(errors).toEqual([]);
  }, 120_000);
});
