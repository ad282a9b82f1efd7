import { normalizeUnitName } from '../../shared/derive';
import type { DocxImportPreview, DocxImportSummary, DocxImportTarget } from '../../shared/docx-import';
import type { TableRow, Values } from '../../shared/draft';
import { UserError } from '../../shared/errors';
import { maxRowsPerCall } from '../../shared/contract/define';
import type { RegionTemplate, TableId } from '../../shared/region-template';
import type { ImportMode } from '../../shared/workbooks';
import type { DraftStore } from '../storage/draft-store';
import { RowMatcher } from '../workbooks/import';

/**
 * Writing a previewed Word import: into a new draft, or into an open draft the way the Excel import does
 * (append: only what is missing; update: the file's non-empty values win; replace: the file's fields and
 * lists replace the draft's). An open draft gets a revision first, and everything is one transaction.
 */

const tableNames: Record<TableId, string> = { members: '成员单位', team: '科研团队', platforms: '科研平台', council: '理事会' };

/** Finds the draft row an imported row denotes: units by code or name, people by name and unit. */
function matcherFor(table: TableId, rows: TableRow[]): { find(values: Values): string | null; add(id: string, values: Values): void } {
  if (table !== 'council') return new RowMatcher(table, rows);
  // 理事会 rows are people: 姓名 + 单位.
  const keyOf = (values: Values) => {
    const name = normalizeUnitName(values.name ?? '');
    return name === '' ? null : `${name}|${normalizeUnitName(values.unit ?? '')}`;
  };
  const byKey = new Map<string, string>();
  const add = (id: string, values: Values) => {
    const key = keyOf(values);
    if (key !== null && !byKey.has(key)) byKey.set(key, id);
  };
  for (const row of rows) add(row.id, row.values);
  return { find: (values) => byKey.get(keyOf(values) ?? '') ?? null, add };
}

const nonEmpty = (values: Values): Values => Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));

function checkRowCount(table: TableId, count: number): void {
  if (count > maxRowsPerCall) {
    throw new UserError(
      'import.tooManyRows',
      `导入后${tableNames[table]}表将有 ${count} 行，超过 ${maxRowsPerCall} 行的上限，未导入。`,
      `${count} rows > ${maxRowsPerCall}`,
    );
  }
}

export function applyDocxImport(
  store: DraftStore,
  template: RegionTemplate,
  preview: DocxImportPreview,
  target: DocxImportTarget,
): DocxImportSummary {
  if (template.id !== preview.regionId) {
    throw new UserError('docx.regionMismatch', `该文件按${template.name}以外的地区读取，不能导入此草稿。请重新选择文件。`, `${preview.regionId} vs ${template.id}`);
  }
  if (target.kind === 'new') {
    const fields = Object.fromEntries(preview.fields.filter((f) => f.value !== '').map((f) => [f.key, f.value]));
    const tables: Partial<Record<TableId, Values[]>> = {};
    for (const table of preview.tables) {
      checkRowCount(table.table, table.rows.length);
      tables[table.table] = table.rows.map((row) => nonEmpty(row.values));
    }
    const draft = store.createDraft({ regionId: template.id, templateVersion: template.version, fields, tables });
    return {
      draftId: draft.id,
      created: true,
      mode: 'new',
      fieldsSet: Object.keys(fields).length,
      rowsAdded: preview.tables.reduce((sum, t) => sum + t.rows.length, 0),
      rowsUpdated: 0,
      revisionId: null,
    };
  }
  return mergeInto(store, preview, target.draftId, target.mode);
}

function mergeInto(store: DraftStore, preview: DocxImportPreview, draftId: string, mode: ImportMode): DocxImportSummary {
  return store.batch(() => {
    const draft = store.getDraft(draftId);
    if (draft.regionId !== preview.regionId) {
      throw new UserError('docx.regionMismatch', '该文件按其他地区读取，不能导入此草稿。请在草稿中重新选择文件。', `${preview.regionId} vs ${draft.regionId}`);
    }
    const revision = store.createRevision(draftId, 'before-import', `从 Word 导入（${preview.fileName}）之前`);
    let fieldsSet = 0;
    for (const field of preview.fields) {
      const current = (draft.fields[field.key] ?? '').trim();
      const write =
        mode === 'replace' ? field.value !== current : mode === 'update' ? field.value !== '' && field.value !== current : current === '' && field.value !== '';
      if (!write) continue;
      store.setField(draftId, field.key, field.value);
      fieldsSet++;
    }
    let rowsAdded = 0;
    let rowsUpdated = 0;
    for (const table of preview.tables) {
      const rows = table.rows.map((row) => nonEmpty(row.values));
      if (mode === 'replace') {
        checkRowCount(table.table, rows.length);
        store.replaceTable(draftId, table.table, rows);
        rowsAdded += rows.length;
        continue;
      }
      const current = draft.tables[table.table];
      const matcher = matcherFor(table.table, current);
      const toAdd: Values[] = [];
      for (const values of rows) {
        const id = matcher.find(values);
        if (id === null) {
          toAdd.push(values);
          // A row the file repeats is added once: later repeats match this one (ids of real rows are UUIDs).
          matcher.add(`new-${toAdd.length}`, values);
        } else if (mode === 'update' && !id.startsWith('new-')) {
          store.updateRow(draftId, table.table, id, values);
          rowsUpdated++;
        }
      }
      checkRowCount(table.table, current.length + toAdd.length);
      if (toAdd.length > 0) store.addRows(draftId, table.table, null, toAdd);
      rowsAdded += toAdd.length;
    }
    return { draftId, created: false, mode, fieldsSet, rowsAdded, rowsUpdated, revisionId: revision.id };
  });
}
