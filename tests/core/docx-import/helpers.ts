import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { coreBuildOptions } from '../../../electron/core/documents/export-package';
import { writeDocx } from '../../../electron/core/documents/docx';
import { findSoffice } from '../../../electron/core/documents/libreoffice';
import { deriveValues, filledRows, printedMembers } from '../../../electron/shared/derive';
import { buildApplicationForm } from '../../../electron/shared/documents';
import { planFields } from '../../../electron/shared/documents';
import type { DerivedValues } from '../../../electron/shared/checks';
import type { DocxImportPreview } from '../../../electron/shared/docx-import';
import type { Draft, TableRow } from '../../../electron/shared/draft';
import type { RegionTemplate, TableId } from '../../../electron/shared/region-template';
import { normalizeDate } from '../../../electron/shared/validation';

/** The application form of a draft exactly as the app exports it. */
export async function exportedForm(template: RegionTemplate, draft: Draft): Promise<Buffer> {
  return writeDocx(buildApplicationForm(template, draft, coreBuildOptions()));
}

/** Converts files with LibreOffice in one run (each start costs seconds) and returns the outputs by input name. */
export function convertWithLibreOffice(files: string[], format: 'docx' | 'doc', outDir: string, profileDir: string): Map<string, string> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) is required by this test');
  mkdirSync(outDir, { recursive: true });
  const filter = format === 'docx' ? 'docx:MS Word 2007 XML' : 'doc:MS Word 97';
  execFileSync(
    soffice,
    [`-env:UserInstallation=${pathToFileURL(profileDir).href}`, '--headless', '--norestore', '--convert-to', filter, '--outdir', outDir, ...files],
    { timeout: 240_000, stdio: 'ignore' },
  );
  const out = new Map<string, string>();
  for (const file of files) {
    const base = file.split('/').pop()!.replace(/\.[^.]+$/, '');
    const produced = readdirSync(outDir).find((name) => name === `${base}.${format}`);
    if (!produced) throw new Error(`LibreOffice did not convert ${file}`);
    out.set(file, join(outDir, produced));
  }
  return out;
}

export function writeTemp(dir: string, name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export const read = (path: string): Buffer => readFileSync(path);

/** Free text as the form prints it: one paragraph per line, leading blanks and empty lines dropped. */
function lines(value: string): string {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

function comparable(type: string, value: string): string {
  const trimmed = value.trim();
  if (type === 'date') return normalizeDate(trimmed) ?? trimmed;
  return lines(trimmed);
}

/** The fields the application form prints (not the 实施方案's, not those kept only for rules). */
export function printedFields(template: RegionTemplate) {
  const planKeys = new Set(planFields(template).map((field) => field.key));
  return template.fields.filter(
    (f) => !f.extra && (f.step === 'basic' || (f.step === 'texts' && f.type === 'longtext' && !planKeys.has(f.key))),
  );
}

function importedDraft(template: RegionTemplate, preview: DocxImportPreview): Draft {
  const tables = { members: [], team: [], platforms: [], council: [] } as Record<TableId, TableRow[]>;
  for (const table of preview.tables) tables[table.table] = table.rows.map((row, i) => ({ id: `r${i}`, values: row.values }));
  return {
    id: 'imported',
    regionId: template.id,
    templateVersion: template.version,
    createdAt: '',
    updatedAt: '',
    deletedAt: null,
    fields: Object.fromEntries(preview.fields.map((f) => [f.key, f.value])),
    tables,
  };
}

/**
 * Every value the form prints reads back the same: fields (a count left empty is what the tables give),
 * and each printed column of each list, row by row (the members the form lists: at most its 20 main ones).
 */
export function expectSameValues(template: RegionTemplate, original: Draft, preview: DocxImportPreview, what: string): void {
  const imported = importedDraft(template, preview);
  const originalDerived = deriveValues(template, original);
  const importedDerived = deriveValues(template, imported);
  for (const field of printedFields(template)) {
    const effective = (draft: Draft, derived: DerivedValues) => {
      const typed = (draft.fields[field.key] ?? '').trim();
      return field.derived && typed === '' ? String(derived[field.derived]) : comparable(field.type, typed);
    };
    expect(effective(imported, importedDerived), `${what}: ${field.key}（${field.label}）`).toBe(effective(original, originalDerived));
  }
  for (const table of template.tables) {
    const columns = table.columns.filter((c) => !c.extra);
    const expected = table.key === 'members' ? printedMembers(template, original) : filledRows(original.tables[table.key]);
    const got = imported.tables[table.key];
    expect(got.length, `${what}: rows of ${table.key}`).toBe(expected.length);
    expected.forEach((row, i) => {
      for (const column of columns) {
        expect(comparable(column.type, got[i].values[column.key] ?? ''), `${what}: ${table.key} row ${i + 1} ${column.key}`).toBe(
          comparable(column.type, row.values[column.key] ?? ''),
        );
      }
    });
  }
}
