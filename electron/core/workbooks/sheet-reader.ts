import type { Values } from '../../shared/draft';
import { UserError } from '../../shared/errors';
import type { ColumnDef } from '../../shared/region-template';
import { normalizeUscc, toHalfWidth, validateValue, type ValueProblem } from '../../shared/validation';
import type { HeaderMatch, ImportProblem, WorkbookTable } from '../../shared/workbooks';
import { workbookSheetNames } from '../../shared/workbooks';
import { cleanLine, toColumnValue, type ColumnValue, type RawCell } from './cell-values';
import { columnLetter, HeaderMatcher, nameAndUsccKey, type HeaderTarget } from './headers';
import { readWorkbook, type ReadSheet, type ReadWorkbook } from './reading/workbook-reader';

/**
 * Reading a list (成员单位, 科研团队, 科研平台) from a worksheet people made themselves: find the header row
 * (below title rows, ignoring merged title cells), map its columns to the template's, and read every row
 * into the draft's strings with the problems of each cell.
 */

/** Header rows are looked for among the first rows only: a title and a note or two come before them. */
const headerSearchRows = 30;

export interface ParsedRow {
  /** Excel row number. */
  row: number;
  values: Values;
  problems: ImportProblem[];
}

export interface SheetRead {
  sheetName: string;
  headerRow: number;
  columns: HeaderMatch[];
  /** Template keys the sheet has a column for. */
  keys: Set<string>;
  rows: ParsedRow[];
}

/** The column identifying a row of each table: a row without it cannot be imported. */
export const identityKey: Record<WorkbookTable, string> = { members: 'name', team: 'name', platforms: 'name' };

/** Reads a workbook with the bounded reader; every check of zip-safety and the reader applies. */
export function loadWorkbook(bytes: Buffer, fileName: string): Promise<ReadWorkbook> {
  return readWorkbook(bytes, fileName);
}

const emptyCell: RawCell = { kind: 'empty' };
/** A cell's position as one number, for sets of positions. */
const position = (row: number, column: number) => row * 16_384 + column;

/** The raw value of a cell; a merged cell takes its master's value only when merged down one column. */
function rawAt(sheet: ReadSheet, row: number, column: number): { raw: RawCell; source: number } {
  const merge = sheet.coveringMerge(row, column);
  if (merge) {
    // Merged down (工作单位 written once for five people) means the same value on each row; merged across
    // it belongs to the master's own column.
    if (merge.left === column) return { raw: sheet.own(merge.top, merge.left), source: position(merge.top, merge.left) };
    return { raw: emptyCell, source: position(row, column) };
  }
  return { raw: sheet.own(row, column), source: position(row, column) };
}

function isMergedAcross(sheet: ReadSheet, row: number, column: number): boolean {
  const next = sheet.coveringMerge(row, column + 1);
  return next !== undefined && next.top === row && next.left === column;
}

function rawText(raw: RawCell): string {
  switch (raw.kind) {
    case 'text':
      return raw.text;
    case 'number':
      return String(raw.value);
    default:
      return '';
  }
}

interface HeaderFound {
  row: number;
  score: number;
  targets: Map<number, HeaderTarget & { header: string }>;
}

/** The best header row of a sheet for a table, or null when no row names at least two of its columns. */
export function findHeaderRow(sheet: ReadSheet, matcher: HeaderMatcher): HeaderFound | null {
  let best: HeaderFound | null = null;
  const last = Math.min(sheet.rowCount, headerSearchRows);
  for (let r = 1; r <= last; r++) {
    const targets = new Map<number, HeaderTarget & { header: string }>();
    const keys = new Set<string>();
    for (const [column, cell] of sheet.cellsOf(r)) {
      // A merged title cell appears once (its master); the cells it covers are not headers.
      if (sheet.coveringMerge(r, column)) continue;
      const header = cleanLine(rawText(cell));
      const target = header === '' ? null : matcher.match(header);
      if (!target) continue;
      targets.set(column, { ...target, header });
      if (target.key !== '') keys.add(target.key);
    }
    const identity = identityKey[matcher.table];
    const identified = keys.has(identity) || (matcher.table === 'members' && keys.has(nameAndUsccKey));
    if (!identified || keys.size < 2) continue;
    if (!best || keys.size > best.score) best = { row: r, score: keys.size, targets };
  }
  return best;
}

/** The columns as understood: first column wins for a key, except the parts of a joined column. */
function headerMatches(sheet: ReadSheet, found: HeaderFound, matcher: HeaderMatcher): HeaderMatch[] {
  const columns: HeaderMatch[] = [];
  const taken = new Set<string>();
  const lastColumn = Math.max(sheet.lastColumn(found.row), ...found.targets.keys());
  for (let column = 1; column <= lastColumn; column++) {
    const target = found.targets.get(column);
    const header = target?.header ?? (sheet.coveringMerge(found.row, column) ? '' : cleanLine(rawText(sheet.own(found.row, column))));
    if (!target && header === '') continue;
    const part = target?.joinPart;
    const slot = target ? `${target.key}#${part ?? ''}` : '';
    const usable = target !== undefined && target.how !== 'index' && !taken.has(slot);
    if (usable) taken.add(slot);
    columns.push({
      column,
      columnLetter: columnLetter(column),
      header,
      key: usable ? target.key : null,
      label: usable ? matcher.label(target.key) : null,
      how: target?.how === 'index' ? 'index' : usable ? target.how : null,
    });
  }
  return columns;
}

const noteStart = /^(注|备注|说明|填表说明|填报说明|填表人|填报人|审核人|负责人签字|合计|总计|小计)\s*[:：\s]/;
/** Splits 「XX有限公司\n91650100XXXXXXXXXX」 (the printed form's 名称及统一社会信用代码) into name and code. */
function splitNameAndUscc(text: string): { name: string; uscc: string } {
  // toHalfWidth maps one UTF-16 unit to one, so positions found in the folded text hold in the original.
  const match = /(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])/.exec(toHalfWidth(text));
  if (!match) return { name: cleanLine(text), uscc: '' };
  const rest = text.slice(0, match.index) + text.slice(match.index + match[0].length);
  const name = rest
    .replace(/[（(【[]\s*[)）】\]]/g, '')
    .replace(/^[\s：:、/，,;；]+|[\s：:、/，,;；]+$/g, '');
  return { name: cleanLine(name), uscc: normalizeUscc(match[0]) };
}

function toProblem(
  sheet: string,
  row: number,
  match: { header: string; columnLetter: string; key?: string },
  problem: ValueProblem,
): ImportProblem {
  return {
    row,
    column: match.header,
    columnLetter: match.columnLetter,
    ...(match.key ? { columnKey: match.key } : {}),
    severity: problem.severity,
    code: problem.code,
    message: problem.message,
    sheet,
  };
}

/**
 * Problems that stop a row from being useful are errors; those the user can put right in the app later —
 * a required cell left blank, a text over its 字 limit — are warnings, so that the row is still imported.
 */
function importSeverity(problem: ValueProblem): ValueProblem {
  if (problem.code === 'text.maxChars') return { ...problem, severity: 'warning', message: `${problem.message}，导入后请在软件中精简` };
  return problem;
}

/** Column types whose cells repeat a handful of texts, and at most how many texts of one column are kept. */
const memoTypes = new Set<string>(['select', 'multiselect', 'boolean']);
const memoSize = 1024;

/** toColumnValue of a text cell, computed once per text of the column (it depends on nothing else). */
function memoized(memo: Map<string, ColumnValue>, def: ColumnDef, raw: RawCell): ColumnValue {
  if (raw.kind !== 'text') return toColumnValue(def, raw);
  let value = memo.get(raw.text);
  if (value === undefined) {
    value = toColumnValue(def, raw);
    if (memo.size < memoSize) memo.set(raw.text, value);
  }
  return value;
}

/** Reads the rows of a sheet for a table, from the row after the header to the last row. */
export function readTableSheet(sheet: ReadSheet, matcher: HeaderMatcher, found: HeaderFound): SheetRead {
  const columns = headerMatches(sheet, found, matcher);
  const used = columns.filter((column) => column.key !== null);
  const defs = new Map<string, ColumnDef>(matcher.columns.map((column) => [column.key, column]));
  const keys = new Set(used.map((column) => column.key as string).filter((key) => key !== nameAndUsccKey));
  const hasCombined = used.some((column) => column.key === nameAndUsccKey);
  if (hasCombined) {
    keys.add('name');
    keys.add('uscc');
  }
  const joinParts = new Map<string, HeaderMatch[]>();
  for (const column of used) {
    const target = found.targets.get(column.column);
    if (target?.joinPart !== undefined) {
      const parts = joinParts.get(column.key as string) ?? [];
      parts[target.joinPart] = column;
      joinParts.set(column.key as string, parts);
    }
  }

  const identity = identityKey[matcher.table];
  const identityDef = defs.get(identity);
  // What each used column is, worked out once rather than for every row.
  const plan = used.map((column) => {
    const key = column.key as string;
    const def = defs.get(key);
    // Columns of a few choices (单位类型, 是/否) repeat the same texts on every row: each is read once.
    const memo = def && memoTypes.has(def.type) ? new Map<string, ColumnValue>() : undefined;
    return { column, key, def, joinPart: found.targets.get(column.column)?.joinPart, where: { header: column.header, columnLetter: column.columnLetter, key }, memo };
  });
  const checkCombinedUscc = hasCombined && !used.some((column) => column.key === 'uscc');
  const combined = used.find((column) => column.key === nameAndUsccKey);
  const required = [...keys].flatMap((key) => {
    const def = defs.get(key);
    if (!def?.required) return [];
    const column = used.find((candidate) => candidate.key === key || (candidate.key === nameAndUsccKey && (key === 'name' || key === 'uscc')));
    const where = { header: column?.header ?? def.label, columnLetter: column?.columnLetter ?? '', key };
    const problem: ValueProblem =
      key === identity
        ? { severity: 'error', code: 'required', message: `缺少${identityDef?.label ?? '名称'}，该行无法导入` }
        : { severity: 'warning', code: 'required', message: `${def.label}为必填项，当前为空，导入后请补充` };
    return [{ key, where, problem }];
  });
  const rows: ParsedRow[] = [];
  const reading: RowPlan = { sheet, plan, defs, joinParts, checkCombinedUscc, combined, required, raws: new Array<RawCell>(plan.length) };
  for (const r of sheet.rowsAfter(found.row)) {
    const row = readRow(reading, r);
    if (row) rows.push(row);
  }
  return { sheetName: sheet.name, headerRow: found.row, columns, keys, rows };
}

/** What readRow needs, worked out once for the sheet. */
interface RowPlan {
  sheet: ReadSheet;
  plan: Array<{ column: HeaderMatch; key: string; def: ColumnDef | undefined; joinPart: number | undefined; where: { header: string; columnLetter: string; key: string }; memo: Map<string, ColumnValue> | undefined }>;
  defs: Map<string, ColumnDef>;
  joinParts: Map<string, HeaderMatch[]>;
  checkCombinedUscc: boolean;
  combined: HeaderMatch | undefined;
  required: Array<{ key: string; where: { header: string; columnLetter: string; key: string }; problem: ValueProblem }>;
  /** The row's raw cells, one per plan entry: reused from row to row. */
  raws: RawCell[];
}

/**
 * One row of the list with its problems, or null for a row that is not one (empty, a note, a title).
 * A function of its own, called for every row, so that the engine optimizes it as a whole early on.
 */
function readRow(reading: RowPlan, r: number): ParsedRow | null {
  const { sheet, plan, defs, joinParts, checkCombinedUscc, combined, required, raws } = reading;
  let filled = 0;
  let firstFilled = -1;
  let source = -1;
  let sources = 0;
  // A row no merged range touches (nearly every row) takes each cell's own value.
  const merged = sheet.hasMergesIn(r);
  const cells = merged ? undefined : sheet.cellsIn(r);
  for (let i = 0; i < plan.length; i++) {
    const column = plan[i].column.column;
    let raw: RawCell;
    let at: number;
    if (merged) {
      const found = rawAt(sheet, r, column);
      raw = found.raw;
      at = found.source;
    } else {
      raw = cells?.[column - 1] ?? emptyCell;
      at = position(r, column);
    }
    raws[i] = raw;
    if (raw.kind === 'empty') continue;
    filled++;
    if (firstFilled < 0) firstFilled = i;
    // Only whether one cell or several give the row's values matters.
    if (sources === 0) {
      source = at;
      sources = 1;
    } else if (at !== source) sources = 2;
  }
  if (filled === 0) return null;
  // A note below the list (注：…, 合计) or a title merged across the row is not a row of the list.
  if (sources === 1) {
    const text = rawText(raws[firstFilled]).trim();
    if (noteStart.test(text) || isMergedAcross(sheet, r, plan[firstFilled].column.column)) return null;
  }

  const values: Values = {};
  const problems: ImportProblem[] = [];
  let joined: Map<string, string[]> | null = null;
  for (let i = 0; i < plan.length; i++) {
    const { key, def, joinPart, where, memo } = plan[i];
    const raw = raws[i];
    if (key === nameAndUsccKey) {
      const split = splitNameAndUscc(rawText(raw));
      if (!values.name && split.name) values.name = split.name;
      if (!values.uscc && split.uscc) values.uscc = split.uscc;
      continue;
    }
    if (!def) continue;
    if (joinPart !== undefined) {
      joined ??= new Map<string, string[]>();
      const parts = joined.get(key) ?? [];
      parts[joinPart] = cleanLine(rawText(raw));
      joined.set(key, parts);
      continue;
    }
    const { value, problems: cellProblems } = memo ? memoized(memo, def, raw) : toColumnValue(def, raw);
    values[key] = value;
    for (const problem of cellProblems) problems.push(toProblem(sheet.name, r, where, importSeverity(problem)));
  }
  if (joined) {
    for (const [key, parts] of joined) {
      const def = defs.get(key);
      const first = (joinParts.get(key) ?? []).find(Boolean);
      if (!def || !first) continue;
      values[key] = parts.filter((part) => part && part !== '').join('/');
      for (const problem of validateValue(def.type, values[key], { maxChars: def.maxChars })) {
        problems.push(toProblem(sheet.name, r, { header: first.header, columnLetter: first.columnLetter, key }, importSeverity(problem)));
      }
    }
  }
  if (checkCombinedUscc && combined && values.uscc !== undefined) {
    for (const problem of validateValue('uscc', values.uscc)) {
      problems.push(toProblem(sheet.name, r, { header: combined.header, columnLetter: combined.columnLetter, key: 'uscc' }, problem));
    }
  }

  // Required cells left blank in a column the sheet has.
  for (const { key, where, problem } of required) {
    if ((values[key] ?? '').trim() !== '') continue;
    if (problems.some((candidate) => candidate.columnKey === key)) continue;
    problems.push(toProblem(sheet.name, r, where, problem));
  }
  return { row: r, values, problems };
}

/** Sheets in the order they should be tried: visible ones first. */
function candidateSheets(workbook: ReadWorkbook): ReadSheet[] {
  const visible = workbook.sheets.filter((sheet) => sheet.state === 'visible');
  const hidden = workbook.sheets.filter((sheet) => !visible.includes(sheet));
  return [...visible, ...hidden];
}

/**
 * The sheet holding a table: the one whose header row names most of the table's columns; on a tie, the
 * one named like the table (成员单位, 科研团队, 科研平台). Throws when no sheet has a usable header row.
 */
export function findTableSheet(
  workbook: ReadWorkbook,
  matcher: HeaderMatcher,
  fileName: string,
  tableLabel: string,
): { sheet: ReadSheet; found: HeaderFound } {
  let best: { sheet: ReadSheet; found: HeaderFound; named: boolean } | null = null;
  for (const sheet of candidateSheets(workbook)) {
    const found = findHeaderRow(sheet, matcher);
    if (!found) continue;
    const named = sheet.name.includes(workbookSheetNames[matcher.table]) || sheet.name.includes(tableLabel);
    if (!best || found.score > best.found.score || (found.score === best.found.score && named && !best.named)) {
      best = { sheet, found, named };
    }
  }
  if (!best) {
    const identity = matcher.label(identityKey[matcher.table]) ?? '名称';
    const others = matcher.columns
      .filter((column) => column.key !== identityKey[matcher.table] && !column.extra)
      .slice(0, 3)
      .map((column) => `“${column.label}”`)
      .join('、');
    const sheets = workbook.sheets.map((sheet) => `“${sheet.name}”`).join('、');
    throw new UserError(
      'workbook.noHeader',
      `在文件“${fileName}”中没有找到${tableLabel}表：应有一行列名，包括“${identity}”以及 ${others} 等列。文件中的工作表：${sheets}。请确认选择了正确的文件和表格。`,
      `no header row for ${matcher.table} in ${workbook.sheets.length} sheets`,
    );
  }
  return { sheet: best.sheet, found: best.found };
}
