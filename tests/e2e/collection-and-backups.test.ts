import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Values } from '../../electron/shared/draft';
import type { TableId } from '../../electron/shared/region-template';
import example from '../../resources/examples/neimenggu.json';
import type { E2E } from './support';
import { backUpNow, expectAccessible, openPage, rowsOf, seedDraft, shotAt, startE2E, stopE2E } from './support';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

const exampleDraft = example.drafts[0];

/** Changes every cell holding `from` to `to` in a workbook, as a member unit would when correcting it. */
async function replaceInWorkbook(file: string, from: string, to: string): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  let changed = 0;
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value === from) {
          cell.value = to;
          changed++;
        }
      }),
    ),
  );
  await workbook.xlsx.writeFile(file);
  return changed;
}

describe('member data collection (信息采集) and backups, through the screens', () => {
  it('writes one workbook per member unit, reads a returned one back and applies the chosen change', async () => {
    const draft = seedDraft(e2e.host, 'neimenggu', exampleDraft.fields, exampleDraft.tables as unknown as Partial<Record<TableId, Values[]>>);
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
    await page.getByRole('button', { name: /信息采集/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /生成采集表/ }).click();
    const written = dialog.getByText(/已生成 9 份采集表，位于：/);
    await written.waitFor();
    await shotAt(page, 'collect-01-written', 1366, 768);
    const dir = ((await written.textContent()) ?? '').split('位于：')[1].trim();
    const file = readdirSync(dir).find((name) => name.includes('内蒙古阴山理工大学'));
    expect(file).toBeDefined();

    // The university corrects its contact person and sends the file back.
    const path = join(dir, file ?? '');
    expect(await replaceInWorkbook(path, '毛国庆', '毛国强')).toBeGreaterThan(0);
    await dialog.getByLabel('选择回收的采集表').setInputFiles(path);
    await dialog.getByText(/共 1 份文件，1 处与表中内容不同/).waitFor();
    await dialog.getByText('可导入').waitFor();
    await dialog.getByText('内蒙古阴山理工大学').click();
    await dialog.getByText('改为“毛国强”').click();
    await shotAt(page, 'collect-02-preview', 1366, 768);
    await shotAt(page, 'collect-02-preview', 1920, 1080);
    await expectAccessible(page, '信息采集：导入预览');
    await dialog.getByRole('button', { name: '导入采集表' }).click();
    await page.getByText(/已导入 1 份采集表：更新成员单位 1 家/).waitFor();
    expect(rowsOf(e2e.host, draft.id, 'members')[1].contactName).toBe('毛国强');
    await page.locator('[data-cell="1:contactName"]').getByText('毛国强').waitFor();
    expect(errors).toEqual([]);
  });

  it('restores a backup from 关于与数据位置, after keeping the current data as a backup first', async () => {
    const draft = seedDraft(e2e.host, 'xinjiang', { consortiumName: '备份前的名称' });
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/`);
    await page.getByRole('button', { name: /关于与数据位置/ }).click();
    const dialog = page.getByRole('dialog');
    await backUpNow(page);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // A change after the backup, which the restore takes back.
    e2e.host.store.setField(draft.id, 'consortiumName', '备份后改过的名称');
    await page.reload();
    await page.getByText('备份后改过的名称').waitFor();
    const draftsBefore = e2e.host.store.listDrafts().length;

    await page.getByRole('button', { name: /关于与数据位置/ }).click();
    const list = page.getByRole('region', { name: '备份列表' });
    const newest = list.getByRole('listitem').filter({ hasText: '手动' }).first();
    await newest.waitFor();
    await shotAt(page, 'backup-01-list', 1366, 768);
    await newest.getByRole('button', { name: /恢\s?复/ }).click();
    await page.getByText('用这个备份替换全部数据？').waitFor();
    await page.getByRole('button', { name: /^恢\s?复$/ }).last().click();
    await page.getByText('备份前的名称').waitFor();
    expect(e2e.host.store.listDrafts()).toHaveLength(draftsBefore);
    expect(e2e.host.store.getDraft(draft.id).fields.consortiumName).toBe('备份前的名称');
    // What was there before the restore is itself a backup now, so the restore can be undone.
    await page.getByRole('button', { name: /关于与数据位置/ }).click();
    await page.getByRole('region', { name: '备份列表' }).getByText(/恢复备份前的当前数据/).first().waitFor();
    await shotAt(page, 'backup-02-restored', 1366, 768);
    expect(errors).toEqual([]);
  });
});
