import { normalizeUnitName } from '../../shared/derive';
import type { TableRow, Values } from '../../shared/draft';
import { UserError } from '../../shared/errors';
import { maxRowsPerCall } from '../../shared/contract/define';
import type { RegionTemplate } from '../../shared/region-template';
import { normalizeUscc } from '../../shared/validation';
import type {
  ImportCounts,
  ImportMode,
  ImportPreview,
  ImportProblem,
  ImportRow,
  ImportSummary,
  WorkbookTable,
} from '../../shared/workbooks';
import type { DraftStore } from '../storage/draft-store';
import { HeaderMatcher, nameAndUsccKey, tableDef } from './headers';
import { findTableSheet, loadWorkbook, readTableSheet, type ParsedRow } from './sheet-reader';

/**
 * Importing a list from a workbook: read and check everything first (the preview), write nothing until
 * the user confirms a mode, then take a revision and write in one transaction.
 */

/** How rows are recognised: units by 统一社会信用代码 (by name when a side has no code), people by 姓名 + 工作单位. */
export class RowMatcher {
  private readonly byUscc = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();
  private readonly byKey = new Map<string, string>();
  private readonly usccOf = new Map<string, string>();

  constructor(
    readonly table: WorkbookTable,
    rows: TableRow[],
  ) {
    for (const row of rows) this.add(row.id, row.values);
  }

  add(id: string, values: Values): void {
    if (this.table === 'members') {
      const uscc = normalizeUscc(values.uscc ?? '');
      if (uscc !== '' && !this.byUscc.has(uscc)) this.byUscc.set(uscc, id);
      this.usccOf.set(id, uscc);
      const name = normalizeUnitName(values.name ?? '');
      if (name !== '') this.byName.set(name, [...(this.byName.get(name) ?? []), id]);
      return;
    }
    const key = RowMatcher.personKey(this.table, values);
    if (key !== null && !this.byKey.has(key)) this.byKey.set(key, id);
  }

  /** 姓名 + 工作单位 for people, 平台名称 + 依托单位 for platforms; null without a name. */
  static personKey(table: WorkbookTable, values: Values): string | null {
    const name = normalizeUnitName(values.name ?? '');
    if (name === '') return null;
    const unit = normalizeUnitName((table === 'team' ? values.workUnit : values.hostUnit) ?? '');
    return `${name}|${unit}`;
  }

  /** The id of the row these values denote, or null. */
  find(values: Values): string | null {
    if (this.table !== 'members') {
      const key = RowMatcher.personKey(this.table, values);
      return key === null ? null : (this.byKey.get(key) ?? null);
    }
    const uscc = normalizeUscc(values.uscc ?? '');
    if (uscc !== '') {
      const byCode = this.byUscc.get(uscc);
      if (byCode) return byCode;
    }
    // By name only where one side has no code: two units of one name and different codes stay apart.
    const named = this.byName.get(normalizeUnitName(values.name ?? '')) ?? [];
    return named.find((id) => uscc === '' || this.usccOf.get(id) === '') ?? null;
  }
}

function describeKey(table: WorkbookTable): string {
  return table === 'members' ? '统一社会信用代码（或单位名称）相同' : table === 'team' ? '姓名和工作单位相同' : '平台名称和依托单位相同';
}

/** Decides each row's outcome against the draft's rows and the earlier rows of the sheet. */
export function classify(
  table: WorkbookTable,
  parsed: ParsedRow[],
  existing: TableRow[],
  sheetName: string,
): { rows: ImportRow[]; problems: ImportProblem[] } {
  const inDraft = new RowMatcher(table, existing);
  const inSheet = new RowMatcher(table, []);
  const sheetRowOf = new Map<string, number>();
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const row of parsed) {
    problems.push(...row.problems);
    if (row.problems.some((problem) => problem.severity === 'error')) {
      rows.push({ row: row.row, values: row.values, outcome: 'invalid' });
      continue;
    }
    const earlier = inSheet.find(row.values);
    if (earlier !== null) {
      const first = sheetRowOf.get(earlier) as number;
      problems.push({
        row: row.row,
        column: '',
        columnLetter: '',
        severity: 'warning',
        code: 'duplicate',
        message: `与第 ${first} 行重复（${describeKey(table)}），此行不导入`,
        sheet: sheetName,
      });
      rows.push({ row: row.row, values: row.values, outcome: 'duplicate', duplicateOfRow: first });
      continue;
    }
    const id = `sheet-row-${row.row}`;
    inSheet.add(id, row.values);
    sheetRowOf.set(id, row.row);
    const match = inDraft.find(row.values);
    rows.push(
      match === null
        ? { row: row.row, values: row.values, outcome: 'new' }
        : { row: row.row, values: row.values, outcome: 'update', matchRowId: match },
    );
  }
  return { rows, problems };
}

export function countOutcomes(rows: ImportRow[], problems: ImportProblem[]): ImportCounts {
  const warned = new Set(problems.filter((problem) => problem.severity === 'warning').map((problem) => problem.row));
  const counts: ImportCounts = { total: rows.length, new: 0, update: 0, duplicate: 0, invalid: 0, warnings: 0 };
  for (const row of rows) {
    counts[row.outcome]++;
    if (warned.has(row.row) && (row.outcome === 'new' || row.outcome === 'update')) counts.warnings++;
  }
  return counts;
}

/**
 * Reads a workbook for importing one table, checks every row and says what would happen to it; writes
 * nothing. `existing` are the draft's current rows of that table, for 'update' outcomes.
 */
export async function readWorkbookForImport(
  bytes: Buffer,
  fileName: string,
  template: RegionTemplate,
  table: WorkbookTable,
  existing: TableRow[] = [],
): Promise<ImportPreview> {
  const workbook = await loadWorkbook(bytes, fileName);
  const matcher = new HeaderMatcher(template, table);
  const def = tableDef(template, table);
  const { sheet, found } = findTableSheet(workbook, matcher, fileName, def.label);
  const read = readTableSheet(sheet, matcher, found);
  const { rows, problems } = classify(table, read.rows, existing, read.sheetName);
  const missingColumns = def.columns
    .filter((column) => !read.keys.has(column.key))
    .map((column) => ({ key: column.key, label: column.label, required: column.required }));
  return {
    fileName,
    table,
    sheetName: read.sheetName,
    headerRow: read.headerRow,
    columns: read.columns.map((column) => (column.key === nameAndUsccKey ? { ...column, how: 'combined' } : column)),
    missingColumns,
    rows,
    problems,
    counts: countOutcomes(rows, problems),
  };
}

const tableNames: Record<WorkbookTable, string> = { members: '成员单位', team: '科研团队', platforms: '科研平台' };

/** Only the cells that say something: an empty cell of the sheet never erases what the draft holds. */
function nonEmpty(values: Values): Values {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value.trim() !== ''));
}

/**
 * Writes a previewed import. Matching is done again against the draft as it is now, so rows edited or
 * deleted since the preview are handled correctly. A revision ('before-import') is taken first, and the
 * whole import is one transaction: it happens completely or not at all.
 */
export function applyImport(store: DraftStore, draftId: string, preview: ImportPreview, mode: ImportMode): ImportSummary {
  const table = preview.table;
  const usable = preview.rows.filter((row) => row.outcome === 'new' || row.outcome === 'update');
  const skippedInSheet = preview.rows.length - usable.length;
  let summary: ImportSummary | undefined;
  store.batch(() => {
    const draft = store.getDraft(draftId);
    const current = draft.tables[table];
    const matcher = new RowMatcher(table, current);
    const toAdd: Values[] = [];
    const toUpdate: Array<{ id: string; values: Values }> = [];
    let skipped = skippedInSheet;
    if (mode === 'replace') {
      toAdd.push(...usable.map((row) => row.values));
    } else {
      for (const row of usable) {
        const id = matcher.find(row.values);
        if (id === null) toAdd.push(row.values);
        else if (mode === 'update') toUpdate.push({ id, values: nonEmpty(row.values) });
        else skipped++;
      }
    }
    const finalCount = (mode === 'replace' ? 0 : current.length) + toAdd.length;
    if (finalCount > maxRowsPerCall) {
      throw new UserError(
        'import.tooManyRows',
        `导入后${tableNames[table]}表将有 ${finalCount} 行，超过 ${maxRowsPerCall} 行的上限，未导入。`,
        `${finalCount} rows > ${maxRowsPerCall}`,
      );
    }
    const revision = store.createRevision(draftId, 'before-import', `导入${tableNames[table]}（${preview.fileName}）之前`);
    if (mode === 'replace') store.replaceTable(draftId, table, toAdd);
    else {
      for (const update of toUpdate) store.updateRow(draftId, table, update.id, update.values);
      if (toAdd.length > 0) store.addRows(draftId, table, null, toAdd);
    }
    summary = {
      mode,
      table,
      added: toAdd.length,
      updated: toUpdate.length,
      skipped,
      revisionId: revision.id,
      rowCount: finalCount,
    };
  });
  return summary as ImportSummary;
}
