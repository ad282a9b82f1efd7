import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportPackage, noLibreOfficeMessage } from '../../../electron/core/documents/export-package';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import type { Draft } from '../../../electron/shared/draft';
import { UserError } from '../../../electron/shared/errors';
import type { RegionId } from '../../../electron/shared/region-template';
import { tableIds } from '../../../electron/shared/region-template';
import { makeTempDir } from '../../helpers/temp-dir';
import { allRegions, exampleDraft, templateOf } from '../../shared/documents/fixtures';
import { readZipEntry } from './zip';

/** An example draft saved in a real store, as the app would have it. */
function stored(store: DraftStore, regionId: RegionId, fields: Record<string, string> = {}): Draft {
  const example = exampleDraft(regionId);
  return store.createDraft({
    regionId,
    templateVersion: example.templateVersion,
    fields: { ...example.fields, ...fields },
    tables: Object.fromEntries(tableIds.map((t) => [t, example.tables[t].map((row) => row.values)])),
  });
}

describe('export', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: DraftStore;
  beforeEach(() => {
    temp = makeTempDir('lianheti-export-');
    store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
  });
  afterEach(() => {
    store.close();
    temp.cleanup();
  });

  for (const regionId of allRegions) {
    it(`${regionId}: writes the whole package into a folder named after the consortium`, async () => {
      const template = templateOf(regionId);
      const draft = stored(store, regionId);
      const out = join(temp.dir, 'out');
      const result = await exportPackage({ template, draft, store, outDir: out, pdf: false });

      expect(result.folder).toBe(join(out, draft.fields.consortiumName));
      expect(result.skipped).toEqual([]);
      // The filing first, numbered; a report asked for later comes last, unnumbered and marked as such.
      const later = template.package.laterReports;
      expect(result.files.map((file) => file.kind)).toEqual([
        ...template.documents.filter((kind) => !later.includes(kind)),
        ...template.documents.filter((kind) => later.includes(kind)),
      ]);
      for (const file of result.files) {
        if ((later as string[]).includes(file.kind)) expect(file.name).toMatch(/^[^0-9].*（备案后报送）\.docx$/);
        else expect(file.name).toMatch(/^\d\d /);
      }
      const onDisk = readdirSync(result.folder).sort();
      expect(onDisk).toEqual(result.files.map((file) => file.name).sort());
      for (const file of result.files) {
        expect(statSync(join(result.folder, file.name)).size).toBe(file.bytes);
        expect(file.name.endsWith(`.${file.format}`)).toBe(true);
      }
      // Each .docx is a complete Word file with the consortium's name inside.
      const form = result.files.find((file) => file.kind === 'applicationForm');
      const xml = readZipEntry(readFileSync(join(result.folder, form!.name)), 'word/document.xml');
      expect(xml).toContain(draft.fields.consortiumName);
      expect(result.files.find((file) => file.kind === 'stampChecklist')?.name).toMatch(/盖章清单\.docx$/);
      expect(result.files.find((file) => file.kind === 'memberWorkbook')?.name).toMatch(/\.xlsx$/);
    });
  }

  it('takes a revision of the draft before it writes anything', async () => {
    const draft = stored(store, 'xinjiang');
    await exportPackage({ template: templateOf('xinjiang'), draft, store, outDir: join(temp.dir, 'out'), pdf: false });
    expect(store.listRevisions(draft.id).map((revision) => revision.cause)).toEqual(['before-export']);
  });

  it('names the folder safely, whatever the consortium is called', async () => {
    const draft = stored(store, 'xinjiang', { consortiumName: '../煤化工:创新*联合体?' });
    const out = join(temp.dir, 'out');
    const result = await exportPackage({ template: templateOf('xinjiang'), draft, store, outDir: out, pdf: false });
    expect(result.folder).toBe(join(out, '_煤化工_创新_联合体_'));
    expect(readdirSync(out)).toEqual(['_煤化工_创新_联合体_']);

    const unnamed = stored(store, 'xinjiang', { consortiumName: '' });
    const second = await exportPackage({ template: templateOf('xinjiang'), draft: unnamed, store, outDir: out, pdf: false });
    expect(second.folder).toBe(join(out, '未命名联合体'));
  });

  it('never leaves a half-written file in place of a good one when it fails', async () => {
    const template = templateOf('xinjiang');
    const draft = stored(store, 'xinjiang');
    const out = join(temp.dir, 'out');
    const first = await exportPackage({ template, draft, store, outDir: out, pdf: false });
    const workbook = first.files.find((file) => file.kind === 'memberWorkbook')!;
    const good = readFileSync(join(first.folder, workbook.name));

    // The workbook writer fails halfway through the second export.
    const failing = () => Promise.reject(new Error('disk went away'));
    await expect(exportPackage({ template, draft, store, outDir: out, pdf: false, writeMemberWorkbook: failing })).rejects.toThrow();
    expect(readFileSync(join(first.folder, workbook.name)).equals(good)).toBe(true);
    expect(readdirSync(first.folder).filter((name) => name.endsWith('.part'))).toEqual([]);

    // A file that cannot be replaced (here: a folder in its way) is reported in Chinese and the others stay whole.
    const form = first.files.find((file) => file.kind === 'applicationForm')!;
    const blocked = join(first.folder, form.name);
    const before = readFileSync(join(first.folder, first.files[1].name));
    await import('node:fs/promises').then((fs) => fs.rm(blocked));
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'keep.txt'), 'x');
    const error = await exportPackage({ template, draft, store, outDir: out, pdf: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(form.name);
    expect((error as UserError).message).toContain('原有文件未被改动');
    expect(readFileSync(join(first.folder, first.files[1].name)).equals(before)).toBe(true);
    expect(readdirSync(first.folder).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('asks for LibreOffice before writing anything when a PDF is wanted and there is none', async () => {
    const draft = stored(store, 'xinjiang');
    const out = join(temp.dir, 'out');
    const error = await exportPackage({
      template: templateOf('xinjiang'),
      draft,
      store,
      outDir: out,
      pdf: true,
      soffice: join(temp.dir, 'no-such-soffice'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(noLibreOfficeMessage);
    expect(existsSync(out)).toBe(false);
  });
});
