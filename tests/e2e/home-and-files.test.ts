import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Values } from '../../electron/shared/draft';
import type { TableId } from '../../electron/shared/region-template';
import example from '../../resources/examples/xinjiang.json';
import type { E2E } from './support';
import { backUpNow, openPage, rowsOf, seedDraft, shot, startE2E, stopE2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

const exampleDraft = example.drafts[0];
const seedExample = () =>
  seedDraft(e2e.host, 'xinjiang', exampleDraft.fields, exampleDraft.tables as unknown as Partial<Record<TableId, Values[]>>);

describe('the home screen and the files that carry drafts', () => {
  it('shows each draft’s completeness and eligibility, duplicates, copies to another region, and round-trips a project file', async () => {
    const draft = seedExample();
    const { page, errors } = await openPage(e2e);
    // Opening the draft checks it; the home screen then shows the result.
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/check`);
    await page.locator('[data-testid="check-report"][aria-busy="false"]').waitFor();
    await page.getByRole('button', { name: '← 首页' }).click();
    const row = page.locator(`tr[data-row-key="${draft.id}"]`);
    await row.getByText('符合组建条件').waitFor();
    expect(await row.textContent()).toContain('100%');
    await shot(page, 'home-01-drafts-with-state');

    await row.getByRole('button', { name: /复\s?制$/ }).click();
    await page.getByText('已复制草稿').waitFor();
    await page.getByRole('row').filter({ hasText: '（副本）' }).waitFor();

    // 转其他地区: what is carried, left behind and to be filled is shown before anything is made.
    await row.getByRole('button', { name: /转其他地区/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/将带过去 \d+ 项已填写的字段/).waitFor();
    await dialog.getByText('广西', { exact: true }).click();
    await dialog.getByText(/广西需要补填/).waitFor();
    await shot(page, 'home-02-copy-to-region-plan');
    await dialog.getByRole('button', { name: /复制为广西申报/ }).click();
    await page.getByText('通用申请表版式').first().waitFor();
    expect(page.url()).toMatch(/#\/draft\/[^/]+\/basic$/);
    const copiedId = decodeURIComponent(page.url().split('#/draft/')[1].split('/')[0]);
    expect(e2e.host.store.getDraft(copiedId).regionId).toBe('guangxi');
    expect(rowsOf(e2e.host, copiedId, 'members')).toHaveLength(24);
    await shot(page, 'home-03-copied-to-guangxi');
    await page.getByRole('button', { name: '← 首页' }).click();

    // Save one draft as a project file, then open it again as a new draft.
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: '保存为项目文件' }).click();
    const file = await (await download).path();
    const json = JSON.parse(readFileSync(file, 'utf8')) as { format: string; drafts: unknown[] };
    expect(json.format).toBe('lianheti-project');
    expect(json.drafts).toHaveLength(1);
    await page.getByLabel('选择项目文件').setInputFiles(file);
    const importDialog = page.getByRole('dialog');
    await importDialog.getByText(/本机已有这份草稿/).waitFor();
    await shot(page, 'home-04-open-project-file');
    await importDialog.getByRole('button', { name: /导\s?入/ }).click();
    await page.getByText('已导入 1 份草稿').waitFor();
    await expect.poll(() => page.getByRole('row').filter({ hasText: exampleDraft.fields.consortiumName }).count()).toBe(4);
    expect(e2e.host.store.listDrafts()).toHaveLength(4);

    // 关于与数据位置: where the data is, and its backups.
    await page.getByRole('button', { name: /关于与数据位置/ }).click();
    await page.getByText('drafts.sqlite').first().waitFor();
    await backUpNow(page);
    await shot(page, 'home-05-about-and-backups');
    expect(errors).toEqual([]);
  });

  it('exports the lists to Excel and imports them into another draft after a preview', async () => {
    const source = seedExample();
    const target = seedDraft(e2e.host, 'xinjiang', { consortiumName: 'Excel 导入测试联合体' });
    const { page, errors } = await openPage(e2e);
    await page.goto(`${e2e.host.url}/#/draft/${source.id}/team`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 Excel/ }).click();
    const workbook = await (await download).path();

    await page.goto(`${e2e.host.url}/#/draft/${target.id}/team`);
    await page.getByText('还没有数据').waitFor();
    await page.getByLabel('选择要导入的科研团队 Excel 文件').setInputFiles(workbook);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('导入科研团队').waitFor();
    expect(await dialog.textContent()).toContain('新增10');
    await shot(page, 'files-01-excel-import-preview');
    await dialog.getByRole('button', { name: /导\s?入/ }).click();
    await page.getByText(/已导入科研团队：新增 10 行/).waitFor();
    await page.getByTestId('grid-team').getByText('共 10 行').waitFor();
    expect(rowsOf(e2e.host, target.id, 'team').map((row) => row.name)).toEqual(exampleDraft.tables.team.map((row) => row.name));
    await shot(page, 'files-02-excel-imported');
    expect(errors).toEqual([]);
  });
});
