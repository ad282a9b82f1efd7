import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import { exportedForm } from '../core/docx-import/helpers';
import { makeTempDir } from '../helpers/temp-dir';
import { exampleDraft } from '../shared/documents/fixtures';
import type { E2E } from './support';
import { openPage, rowsOf, shot, startE2E, stopE2E } from './support';

let e2e: E2E;
const temp = makeTempDir('lianheti-e2e-word-');
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
  temp.cleanup();
});

describe('从 Word 导入 on the home screen', () => {
  it('previews what the filled form says, writes nothing until confirmed, then opens the new draft', async () => {
    const template = loadRegionTemplates().find((t) => t.id === 'neimenggu')!;
    const original = exampleDraft('neimenggu');
    const file = join(temp.dir, '内蒙古备案申请登记表.docx');
    writeFileSync(file, await exportedForm(template, original));

    const { page, errors } = await openPage(e2e);
    await page.goto(e2e.host.url);
    await page.getByRole('button', { name: /从 Word 导入/ }).waitFor();
    await page.getByLabel('选择要导入的 Word 申请表').setInputFiles(file);
    const dialog = page.getByRole('dialog');
    await dialog.getByText('从 Word 导入：内蒙古备案申请登记表.docx').waitFor();
    await dialog.getByText(/识别为内蒙古自治区/).waitFor();
    await dialog.getByText(original.fields.consortiumName).first().waitFor();
    expect(await dialog.textContent()).toMatch(/申请表 第\d+个表格 第1行 第2格/);
    await shot(page, 'word-import-01-preview');
    // Nothing is written before the user confirms.
    expect(e2e.host.store.listDrafts()).toHaveLength(0);

    await dialog.getByRole('tab', { name: /表格/ }).click();
    await dialog.getByText(`成员单位：${original.tables.members.length} 行`).waitFor();
    await shot(page, 'word-import-02-preview-tables');

    await dialog.getByRole('button', { name: '导入为新草稿' }).click();
    await page.getByText(/已从“内蒙古备案申请登记表.docx”新建草稿/).waitFor();
    await page.waitForURL(/#\/draft\/[^/]+\/basic$/);
    const draftId = decodeURIComponent(page.url().split('#/draft/')[1].split('/')[0]);
    const draft = e2e.host.store.getDraft(draftId);
    expect(draft.regionId).toBe('neimenggu');
    expect(draft.fields.consortiumName).toBe(original.fields.consortiumName);
    expect(draft.fields.legalRepIdCard).toBe(original.fields.legalRepIdCard);
    expect(rowsOf(e2e.host, draftId, 'members').map((row) => row.name)).toEqual(original.tables.members.map((row) => row.values.name));
    await page.getByLabel('创新联合体名称').first().waitFor();
    await shot(page, 'word-import-03-new-draft');

    // In the open draft: the same file again, merged with the Excel import's choices; a revision comes first.
    await page.getByLabel('选择要导入的 Word 申请表').setInputFiles(file);
    const merge = page.getByRole('dialog');
    await merge.getByRole('radio', { name: /补充并更新/ }).waitFor();
    await shot(page, 'word-import-04-merge-choices');
    await merge.getByRole('radio', { name: /补充并更新/ }).check();
    await merge.getByRole('button', { name: '导入到此草稿' }).click();
    await page.getByText(/已从“内蒙古备案申请登记表.docx”导入/).waitFor();
    expect(rowsOf(e2e.host, draftId, 'members')).toHaveLength(original.tables.members.length);
    expect(e2e.host.store.listRevisions(draftId).some((revision) => revision.cause === 'before-import')).toBe(true);
    expect(errors).toEqual([]);
  });
});
