import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreHandlers } from '../../../electron/core/api';
import { checkDraft, noOtherDrafts } from '../../../electron/core/checks/check-draft';
import { exportPackage } from '../../../electron/core/documents/export-package';
import { getRegionTemplate } from '../../../electron/core/regions/templates';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { tableIds } from '../../../electron/shared/region-template';
import { makeTempDir } from '../../helpers/temp-dir';
import { exampleDraft } from '../../shared/documents/fixtures';
import { readZipEntry } from '../documents/zip';

/**
 * 「若成员单位超过20家，则只需填写主要成员单位的有关情况」: with more main members than the form's 20 rows the
 * check reports an error and export refuses for the same reason; within the limit the form prints exactly
 * the lead and the marked members.
 */
describe('main members on the printed form', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: DraftStore;
  beforeEach(() => {
    temp = makeTempDir('lianheti-main-members-');
    store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  const template = getRegionTemplate('xinjiang');
  function draftWithMain(main: number) {
    const example = exampleDraft('xinjiang');
    const rows = example.tables.members.map((row) => ({ ...row.values }));
    expect(rows.length).toBeGreaterThan(21);
    rows.forEach((row, i) => {
      row.main = i >= 1 && i <= main ? '是' : '否';
    });
    return store.createDraft({
      regionId: 'xinjiang',
      templateVersion: example.templateVersion,
      fields: example.fields,
      tables: Object.fromEntries(tableIds.map((t) => [t, t === 'members' ? rows : example.tables[t].map((row) => row.values)])),
    });
  }

  it('refuses to export 20 main members plus the lead, with the reason the check gives', async () => {
    const draft = draftWithMain(20);
    const error = checkDraft(template, draft, noOtherDrafts).findings.find((f) => f.id === 'members:tooManyMain');
    expect(error?.severity).toBe('error');
    const out = join(temp.dir, 'out');
    await expect(exportPackage({ template, draft, store, outDir: out, pdf: false })).rejects.toMatchObject({
      code: 'export.tooManyMainMembers',
      message: expect.stringContaining('超过申请表可列的 20 家'),
    });
    expect(existsSync(join(out, draft.fields.consortiumName))).toBe(false);
  });

  it('prints exactly the lead and 19 marked members', async () => {
    const draft = draftWithMain(19);
    expect(checkDraft(template, draft, noOtherDrafts).findings.some((f) => f.id.startsWith('members:'))).toBe(false);
    const result = await exportPackage({ template, draft, store, outDir: join(temp.dir, 'out'), pdf: false });
    const form = result.files.find((file) => file.kind === 'applicationForm');
    const xml = readZipEntry(readFileSync(join(result.folder, form?.name ?? '')), 'word/document.xml');
    // Each member's 地位与分工 is its own text and printed only in its member row.
    const roles = draft.tables.members.map((row) => row.values.role.slice(0, 30));
    for (const role of roles.slice(0, 20)) expect(xml, role).toContain(role);
    for (const role of roles.slice(20)) expect(xml, role).not.toContain(role);
  });
});

describe('main members in the print view', () => {
  it('refuses the form’s preview (and so its printing) for the same reason, and shows other documents', () => {
    const temp = makeTempDir('lianheti-main-preview-');
    const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
    try {
      const example = exampleDraft('xinjiang');
      const rows = example.tables.members.map((row, i) => ({ ...row.values, main: i >= 1 && i <= 20 ? '是' : '否' }));
      const draft = store.createDraft({
        regionId: 'xinjiang',
        templateVersion: example.templateVersion,
        fields: example.fields,
        tables: Object.fromEntries(tableIds.map((t) => [t, t === 'members' ? rows : example.tables[t].map((row) => row.values)])),
      });
      const api = createCoreHandlers({ store, templates: [getRegionTemplate('xinjiang')], appVersion: 'test', host: 'web' });
      expect(() => api['documents.preview']({ draftId: draft.id, kind: 'applicationForm' })).toThrow(/超过申请表可列的 20 家/);
      expect(() => api['documents.preview']({ draftId: draft.id, kind: 'package' })).toThrow(/无法打印申请表/);
      expect(api['documents.preview']({ draftId: draft.id, kind: 'agreement' })).toMatchObject({ title: expect.any(String) });
    } finally {
      store.close();
      temp.cleanup();
    }
  });
});
