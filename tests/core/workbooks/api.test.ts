import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreHandlers, dispatch } from '../../../electron/core/api';
import { loadRegionTemplates, getRegionTemplate } from '../../../electron/core/regions/templates';
import type { DraftStore } from '../../../electron/core/storage/draft-store';
import type { ContractHandlers, CoreHandlers } from '../../../electron/shared/contract';
import type { Draft } from '../../../electron/shared/draft';
import { makeDraft, makeUscc, openTempStore, storeDraft, usccWithX } from './fixtures';

/**
 * The workbook channels as the renderer calls them: files travel as base64, previews wait in the core
 * under an id until confirmed, and a failed read reaches the user as a Chinese message with nothing changed.
 */

const xinjiang = getRegionTemplate('xinjiang');
let store: DraftStore;
let dir: string;
let cleanup: () => void;
let api: CoreHandlers;
let draft: Draft;

beforeEach(() => {
  ({ store, dir, cleanup } = openTempStore());
  api = createCoreHandlers({ store, templates: loadRegionTemplates(), appVersion: 'test', host: 'web', exportDir: dir });
  draft = storeDraft(
    store,
    makeDraft(xinjiang, {
      members: [
        { name: '新疆天衡能源化工集团有限公司', uscc: usccWithX, unitType: '企业', tier: '牵头单位', highTech: '是' },
        { name: '新疆天山工业大学', uscc: makeUscc(51), unitType: '高校', tier: '核心层单位', highTech: '否' },
      ],
    }),
  );
});
afterEach(() => cleanup());

async function load(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ExcelJS.Buffer);
  return workbook;
}

async function rosterBase64(rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(['单位名称', '统一社会信用代码', '单位类型', '层级']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

describe('workbook channels', () => {
  it('export the draft’s workbook and keep a revision of what was exported', async () => {
    const file = await api['workbooks.export']({ draftId: draft.id });
    expect(file.fileName).toBe('新疆现代煤化工测试创新联合体-成员单位及科研团队平台名单.xlsx');
    const workbook = await load(file.dataBase64);
    expect(workbook.getWorksheet('成员单位')?.getCell('C2').value).toBe(usccWithX);
    expect(store.listRevisions(draft.id)[0]).toMatchObject({ cause: 'before-export' });
  });

  it('give a blank template of one list or all of them', async () => {
    const one = await api['workbooks.template']({ regionId: 'neimenggu', table: 'platforms' });
    expect(one.fileName).toBe('内蒙古-科研平台名单模板.xlsx');
    expect((await load(one.dataBase64)).worksheets[0].name).toBe('科研平台');
    const all = await api['workbooks.template']({ regionId: 'xinjiang' });
    expect((await load(all.dataBase64)).worksheets.map((sheet) => sheet.name)).toContain('科研团队');
  });

  it('preview without changing anything, then apply once with the chosen mode', async () => {
    const before = store.getDraft(draft.id);
    const preview = await api['workbooks.previewImport']({
      draftId: draft.id,
      table: 'members',
      fileName: '名单.xlsx',
      dataBase64: await rosterBase64([
        ['新疆天山工业大学', makeUscc(51), '高校', '核心层单位'],
        ['新疆煤化工技术研究院', makeUscc(80), '科研院所', '紧密合作单位'],
      ]),
    });
    expect(preview.importId).toMatch(/^[0-9a-f-]{36}$/);
    expect(preview.rows.map((row) => row.outcome)).toEqual(['update', 'new']);
    expect(store.getDraft(draft.id)).toEqual(before);

    const summary = await api['workbooks.applyImport']({ draftId: draft.id, importId: preview.importId, mode: 'append' });
    expect(summary).toMatchObject({ added: 1, skipped: 1, rowCount: 3 });
    expect(store.getDraft(draft.id).tables.members.map((row) => row.values.name)).toContain('新疆煤化工技术研究院');

    // A preview is used once: confirming twice must not import twice.
    const again = await dispatch(api as ContractHandlers, 'workbooks.applyImport', { draftId: draft.id, importId: preview.importId, mode: 'append' });
    expect(again).toMatchObject({ ok: false, error: { code: 'import.expired' } });
    expect(store.getDraft(draft.id).tables.members).toHaveLength(3);
  });

  it('only apply a preview to the draft it was made for', async () => {
    const other = store.createDraft({ regionId: 'xinjiang', templateVersion: xinjiang.version });
    const preview = await api['workbooks.previewImport']({ draftId: draft.id, table: 'members', fileName: 'a.xlsx', dataBase64: await rosterBase64([['甲公司', makeUscc(9), '企业', '核心层单位']]) });
    const result = await dispatch(api as ContractHandlers, 'workbooks.applyImport', { draftId: other.id, importId: preview.importId, mode: 'replace' });
    expect(result).toMatchObject({ ok: false, error: { code: 'import.expired' } });
    expect(store.getDraft(other.id).tables.members).toEqual([]);
  });

  it('answer a hostile file with a Chinese message and leave the draft and its history alone', async () => {
    const before = store.getDraft(draft.id);
    const result = await dispatch(api as ContractHandlers, 'workbooks.previewImport', {
      draftId: draft.id,
      table: 'members',
      fileName: '病毒.xlsx',
      dataBase64: Buffer.from('MZ\u0090\u0000 this is an executable').toString('base64'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'workbook.notZip' } });
    if (!result.ok) expect(result.error.message).toContain('病毒.xlsx');
    expect(store.getDraft(draft.id)).toEqual(before);
    expect(store.listRevisions(draft.id)).toEqual([]);
  });

  it('refuse a payload that is not base64', async () => {
    const result = await dispatch(api as ContractHandlers, 'workbooks.previewImport', { draftId: draft.id, table: 'members', fileName: 'a.xlsx', dataBase64: '<<<not base64>>>' });
    expect(result).toMatchObject({ ok: false, error: { code: 'payload.invalid' } });
  });

  it('write collection workbooks into a folder, read them back and apply them', async () => {
    const { files } = await api['workbooks.collectionFiles']({ draftId: draft.id, dir: join(dir, '信息采集') });
    expect(files).toHaveLength(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(files[1].path) as unknown as ExcelJS.Buffer);
    (workbook.getWorksheet('本单位信息') as ExcelJS.Worksheet).eachRow((row) => {
      if (row.getCell(1).value === '联系人') row.getCell(2).value = '汤建国';
    });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const preview = await api['workbooks.absorb']({ draftId: draft.id, files: [{ fileName: files[1].fileName, dataBase64: filled }] });
    expect(preview.files[0]).toMatchObject({ status: 'matched', member: [expect.objectContaining({ key: 'contactName', kind: 'fill' })] });
    expect(store.getDraft(draft.id).tables.members[1].values.contactName).toBeUndefined();
    const summary = await api['workbooks.applyAbsorb']({ draftId: draft.id, absorbId: preview.absorbId, decisions: [] });
    expect(summary).toMatchObject({ filesApplied: 1, fieldsWritten: 1 });
    expect(store.getDraft(draft.id).tables.members[1].values.contactName).toBe('汤建国');
  });

  it('refuse a relative folder for collection workbooks', async () => {
    const result = await dispatch(api as ContractHandlers, 'workbooks.collectionFiles', { draftId: draft.id, dir: 'relative/folder' });
    expect(result).toMatchObject({ ok: false, error: { code: 'export.folder' } });
  });
});
