import type ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { filledRows, leadRowOf, normalizeUnitName } from '../../shared/derive';
import type { Draft, TableRow, Values } from '../../shared/draft';
import { fieldKeys, memberKeys } from '../../shared/draft';
import { UserError } from '../../shared/errors';
import type { ColumnDef, RegionTemplate } from '../../shared/region-template';
import { normalizeUscc } from '../../shared/validation';
import type {
  AbsorbDecision,
  AbsorbFilePreview,
  AbsorbPreview,
  AbsorbSummary,
  CollectedRowChange,
  CollectionFile,
  FieldChange,
  ImportProblem,
} from '../../shared/workbooks';
import { collectionFormat, workbookSheetNames } from '../../shared/workbooks';
import type { DraftStore } from '../storage/draft-store';
import { cleanLine, fromText, readCellValue, toColumnValue } from './cell-values';
import { HeaderMatcher, tableDef } from './headers';
import { classify } from './import';
import { findHeaderRow, loadWorkbook, readTableSheet, type ParsedRow } from './sheet-reader';
import {
  allBorders,
  buildWorkbook,
  cellValueFor,
  columnWidth,
  fontName,
  isTextColumn,
  listColumns,
  OptionLists,
  printSetup,
  rangeValidations,
  rowHeightFor,
  safeFileName,
  textFormat,
  validationFor,
  writeListSheet,
  writeNotesSheet,
  headerStyle,
} from './writer';

/**
 * Member data collection (信息采集): the lead unit sends each member a workbook pre-filled with what the
 * draft knows about it — its own details, its team members and its platforms — and reads the returned
 * files back. A returned file is matched to its member by 统一社会信用代码 (or, when the member corrected
 * its code, by the code the file was sent with); empty cells of the draft are filled, differing values are
 * listed as conflicts for the user to decide, and nothing is deleted.
 */

export const collectionSheets = {
  notes: '填写说明',
  member: '本单位信息',
  team: workbookSheetNames.team,
  platforms: workbookSheetNames.platforms,
  /** Hidden: where the file came from, so a returned file can be traced to its draft and member. */
  marker: '_采集信息',
} as const;

/** Decided by the lead unit, not by the member: shown in the notes, never read back. */
const leadDecidedKeys: string[] = [memberKeys.tier, memberKeys.main];
/** The member's own rows are recognised by this column, which the collection sheets leave out. */
const unitColumnOf = { team: 'workUnit', platforms: 'hostUnit' } as const;
type CollectedTable = keyof typeof unitColumnOf;

function memberColumns(template: RegionTemplate): ColumnDef[] {
  return listColumns(tableDef(template, 'members'), leadDecidedKeys);
}

function findMember(draft: Draft, memberRowId: string): TableRow {
  const row = draft.tables.members.find((candidate) => candidate.id === memberRowId);
  if (!row) throw new UserError('row.notFound', '找不到该成员单位，可能已被删除。', `member ${memberRowId} not found`);
  return row;
}

function rowsOfUnit(draft: Draft, table: CollectedTable, unitName: string): TableRow[] {
  const unit = normalizeUnitName(unitName);
  if (unit === '') return [];
  return filledRows(draft.tables[table]).filter((row) => normalizeUnitName(row.values[unitColumnOf[table]] ?? '') === unit);
}

/** The 本单位信息 sheet: one row per detail, label | value | how to fill it. */
function writeMemberSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, template: RegionTemplate, member: TableRow, lists: OptionLists, title: string): void {
  const columns = memberColumns(template);
  const help = (column: ColumnDef): string => {
    const parts: string[] = [];
    if (column.key === memberKeys.uscc) parts.push('用于识别贵单位，请仔细核对；如有误请直接改正');
    if (column.required) parts.push('必填');
    if (column.type === 'select' || column.type === 'boolean') parts.push('请从下拉列表中选择');
    if (column.maxChars) parts.push(`限 ${column.maxChars} 字`);
    // The form's own help is written for the lead unit; the name's (第1行为牵头单位) would only confuse.
    if (column.help && column.key !== memberKeys.name) parts.push(column.help);
    return parts.join('；');
  };
  const sheet = workbook.addWorksheet(collectionSheets.member, {
    views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'B2' }],
    ...printSetup(title),
  });
  const values = columns.map((column) => cellValueFor(column, member.values[column.key] ?? ''));
  sheet.columns = [
    { width: columnWidth('项目', columns.map((column) => column.label), 'text'), style: { font: { name: fontName, size: 11, bold: true }, alignment: { vertical: 'top', wrapText: true } } },
    { width: 50, style: { font: { name: fontName, size: 11 }, alignment: { vertical: 'top', wrapText: true }, numFmt: textFormat } },
    { width: columnWidth('说明', columns.map(help), 'longtext'), style: { font: { name: fontName, size: 10, color: { argb: 'FF595959' } }, alignment: { vertical: 'top', wrapText: true } } },
  ];
  const widths = sheet.columns.map((column) => column.width ?? 10);
  const header = sheet.addRow(['项目', '填写内容', '说明']);
  header.height = 20;
  header.eachCell((cell) => {
    cell.style = headerStyle;
  });
  header.commit();
  const validations = rangeValidations(sheet);
  columns.forEach((column, i) => {
    const row = sheet.addRow([column.label, values[i], help(column)]);
    // The 200-字 role needs room to be written in.
    row.height = Math.max(column.type === 'longtext' ? 120 : 0, rowHeightFor([column.label, String(values[i]), help(column)], widths));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = allBorders;
    });
    if (!isTextColumn(column.type)) row.getCell(2).numFmt = 'General';
    row.commit();
    const validation = validationFor(column, lists);
    if (validation) validations.add(`B${i + 2}:B${i + 2}`, validation);
  });
  sheet.commit();
}

function writeMarkerSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, template: RegionTemplate, draft: Draft, member: TableRow): void {
  const sheet = workbook.addWorksheet(collectionSheets.marker, { state: 'hidden' });
  sheet.columns = [{ width: 16 }, { width: 40, style: { numFmt: textFormat } }];
  const entries: Array<[string, string]> = [
    ['format', collectionFormat],
    ['version', '1'],
    ['regionId', template.id],
    ['draftId', draft.id],
    ['memberRowId', member.id],
    ['uscc', normalizeUscc(member.values[memberKeys.uscc] ?? '')],
    ['name', member.values[memberKeys.name] ?? ''],
    ['createdAt', new Date().toISOString()],
  ];
  for (const entry of entries) sheet.addRow(entry).commit();
  sheet.commit();
}

/** The workbook sent to one member unit, pre-filled with what the draft knows about it. */
export function writeCollectionWorkbook(template: RegionTemplate, draft: Draft, memberRowId: string): Promise<Buffer> {
  const member = findMember(draft, memberRowId);
  const memberName = (member.values[memberKeys.name] ?? '').trim() || '（未填写单位名称）';
  const consortium = (draft.fields[fieldKeys.consortiumName] ?? '').trim() || `${template.shortName}创新联合体`;
  const lead = leadRowOf(draft);
  const leadName = lead?.values[memberKeys.name]?.trim() || '牵头单位';
  const contact = [draft.fields[fieldKeys.contactName], draft.fields[fieldKeys.contactPhone]].filter((part) => part && part.trim()).join('，');
  const tier = (member.values[memberKeys.tier] ?? '').trim();
  const title = `${consortium} 成员单位信息采集表（${memberName}）`;
  return buildWorkbook((workbook) => {
    workbook.title = title;
    const lists = new OptionLists();
    writeNotesSheet(workbook, collectionSheets.notes, title, [
      `致 ${memberName}：`,
      `${leadName}正在组织申报“${consortium}”，请贵单位填写本表并发回${contact ? `（联系人：${contact}）` : ''}。`,
      ...(tier ? [`贵单位在联合体中的层级：${tier}（由牵头单位确定，无需填写）。`] : []),
      `1. “${collectionSheets.member}”：贵单位的名称、统一社会信用代码、地位与分工、联系人等。已知的内容已预先填好，请核对；有误请直接改正。`,
      `2. “${collectionSheets.team}”：贵单位参加本联合体科研团队的人员，每人一行。`,
      `3. “${collectionSheets.platforms}”：贵单位已建的科研平台，每个平台一行。`,
      '4. 统一社会信用代码等列已设为文本格式，请输入完整代码（含末位字母，如 X）；带下拉箭头的单元格请从列表中选择。',
      '5. 请不要修改工作表名称、表头和隐藏的工作表，不要另存为其他格式；填好后保存为 .xlsx 文件发回即可。',
    ]);
    writeMemberSheet(workbook, template, member, lists, title);
    for (const table of ['team', 'platforms'] as const) {
      const def = tableDef(template, table);
      writeListSheet(
        workbook,
        {
          name: collectionSheets[table],
          title: `${memberName} ${def.label}`,
          columns: listColumns(def, [unitColumnOf[table]]),
          rows: rowsOfUnit(draft, table, member.values[memberKeys.name] ?? '').map((row) => row.values),
          numbered: true,
          forFilling: true,
        },
        lists,
      );
    }
    lists.write(workbook);
    writeMarkerSheet(workbook, template, draft, member);
  });
}

export function collectionFileName(member: TableRow, index: number): string {
  const number = String(index + 1).padStart(2, '0');
  return `信息采集表-${number}-${safeFileName(member.values[memberKeys.name] ?? '', `成员单位${number}`)}.xlsx`;
}

/** One collection workbook per member unit (the lead included), written into `dir`. */
export async function writeCollectionFiles(template: RegionTemplate, draft: Draft, dir: string): Promise<CollectionFile[]> {
  if (!isAbsolute(dir)) throw new UserError('export.folder', '导出文件夹必须是完整路径。', `not absolute: ${dir}`);
  const members = filledRows(draft.tables.members);
  if (members.length === 0) {
    throw new UserError('collect.noMembers', '成员单位表还是空的：请先添加成员单位，再生成信息采集表。', 'no members');
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UserError('export.folder', `无法创建文件夹“${dir}”，请检查权限或换一个位置。`, String(error));
  }
  const files: CollectionFile[] = [];
  for (const [index, member] of members.entries()) {
    const fileName = collectionFileName(member, index);
    const path = join(dir, fileName);
    writeFileSync(path, await writeCollectionWorkbook(template, draft, member.id));
    files.push({ memberRowId: member.id, memberName: member.values[memberKeys.name] ?? '', fileName, path });
  }
  return files;
}

// ---- reading returned files ---------------------------------------------------------------------

export interface CollectionMarker {
  regionId: string;
  draftId: string;
  memberRowId: string;
  uscc: string;
  name: string;
}

/** What one returned collection workbook holds. */
export interface CollectionReturn {
  fileName: string;
  marker: CollectionMarker | null;
  /** The member's own details as returned (only rows found in the sheet); invalid values are left out. */
  member: Values;
  team: ParsedRow[];
  platforms: ParsedRow[];
  problems: ImportProblem[];
}

/** A returned file that could not be read at all. */
export interface CollectionFailure {
  fileName: string;
  error: string;
}

function readMarker(workbook: ExcelJS.Workbook): CollectionMarker | null {
  const sheet = workbook.getWorksheet(collectionSheets.marker);
  if (!sheet) return null;
  const entries = new Map<string, string>();
  sheet.eachRow((row) => {
    const key = readCellValue(row.getCell(1).value);
    const value = readCellValue(row.getCell(2).value);
    if (key.kind === 'text') entries.set(key.text, value.kind === 'text' ? value.text : value.kind === 'number' ? String(value.value) : '');
  });
  if (entries.get('format') !== collectionFormat) return null;
  return {
    regionId: entries.get('regionId') ?? '',
    draftId: entries.get('draftId') ?? '',
    memberRowId: entries.get('memberRowId') ?? '',
    uscc: normalizeUscc(entries.get('uscc') ?? ''),
    name: entries.get('name') ?? '',
  };
}

/** The 本单位信息 sheet: the member's details by their labels in column A. */
function readMemberSheet(workbook: ExcelJS.Workbook, template: RegionTemplate, problems: ImportProblem[]): Values | null {
  const matcher = new HeaderMatcher(template, 'members');
  const allowed = new Map(memberColumns(template).map((column) => [column.key, column]));
  const candidates = [workbook.getWorksheet(collectionSheets.member), ...workbook.worksheets].filter(
    (sheet): sheet is ExcelJS.Worksheet => sheet !== undefined,
  );
  for (const sheet of candidates) {
    const values: Values = {};
    const sheetProblems: ImportProblem[] = [];
    let recognised = 0;
    sheet.eachRow((row, rowNumber) => {
      const label = readCellValue(row.getCell(1).value);
      if (label.kind !== 'text') return;
      const target = matcher.match(cleanLine(label.text));
      const column = target ? allowed.get(target.key) : undefined;
      if (!column || column.key in values) return;
      recognised++;
      const { value, problems: cellProblems } = toColumnValue(column, readCellValue(row.getCell(2).value));
      const blocking = cellProblems.some((problem) => problem.severity === 'error');
      for (const problem of cellProblems) {
        sheetProblems.push({
          row: rowNumber,
          column: column.label,
          columnLetter: 'B',
          columnKey: column.key,
          severity: problem.code === 'text.maxChars' ? 'warning' : problem.severity,
          code: problem.code,
          message: blocking ? `${problem.message}（此项未采用）` : problem.message,
          sheet: sheet.name,
        });
      }
      if (!blocking) values[column.key] = value;
    });
    if (recognised >= 2 && (memberKeys.uscc in values || memberKeys.name in values || sheet.name === collectionSheets.member)) {
      problems.push(...sheetProblems);
      return values;
    }
  }
  return null;
}

function readCollectedTable(workbook: ExcelJS.Workbook, template: RegionTemplate, table: CollectedTable, problems: ImportProblem[]): ParsedRow[] {
  const sheet = workbook.getWorksheet(collectionSheets[table]);
  const label = tableDef(template, table).label;
  if (!sheet) {
    problems.push({ row: 0, column: '', columnLetter: '', severity: 'warning', code: 'collect.sheetMissing', message: `文件中没有“${collectionSheets[table]}”工作表，${label}未导入`, sheet: collectionSheets[table] });
    return [];
  }
  const matcher = new HeaderMatcher(template, table);
  const found = findHeaderRow(sheet, matcher);
  if (!found) {
    if (sheet.actualRowCount > 1) {
      problems.push({ row: 0, column: '', columnLetter: '', severity: 'warning', code: 'collect.noHeader', message: `“${sheet.name}”工作表的表头被修改，无法识别，${label}未导入`, sheet: sheet.name });
    }
    return [];
  }
  const read = readTableSheet(sheet, matcher, found);
  // The unit is the member itself; a 工作单位 / 依托单位 column someone added is not read.
  return read.rows.map((row) => {
    const values = { ...row.values };
    delete values[unitColumnOf[table]];
    return { ...row, values, problems: row.problems.filter((problem) => problem.columnKey !== unitColumnOf[table]) };
  });
}

/** Reads one returned collection workbook; throws a UserError when it is not one. */
export async function readCollectionWorkbook(bytes: Buffer, fileName: string, template: RegionTemplate): Promise<CollectionReturn> {
  const workbook = await loadWorkbook(bytes, fileName);
  const problems: ImportProblem[] = [];
  const marker = readMarker(workbook);
  const member = readMemberSheet(workbook, template, problems);
  if (!member) {
    throw new UserError(
      'collect.notCollection',
      `文件“${fileName}”不是成员单位信息采集表（找不到“${collectionSheets.member}”工作表）。请选择由本软件生成、成员单位填写后发回的采集表。`,
      'no member sheet',
    );
  }
  if (marker && marker.regionId !== '' && marker.regionId !== template.id) {
    throw new UserError(
      'collect.otherRegion',
      `文件“${fileName}”是为其他地区的申报生成的采集表，不能导入到当前草稿。`,
      `marker region ${marker.regionId} != ${template.id}`,
    );
  }
  const team = readCollectedTable(workbook, template, 'team', problems);
  const platforms = readCollectedTable(workbook, template, 'platforms', problems);
  return { fileName, marker, member, team, platforms, problems };
}

/** Reads many returned files; a file that cannot be read is reported, not fatal. */
export async function readCollectionWorkbooks(
  files: Array<{ fileName: string; bytes: Buffer }>,
  template: RegionTemplate,
): Promise<Array<CollectionReturn | CollectionFailure>> {
  const results: Array<CollectionReturn | CollectionFailure> = [];
  for (const file of files) {
    try {
      results.push(await readCollectionWorkbook(file.bytes, file.fileName, template));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      results.push({ fileName: file.fileName, error: error.message });
    }
  }
  return results;
}

function isFailure(result: CollectionReturn | CollectionFailure): result is CollectionFailure {
  return 'error' in result;
}

// ---- planning and applying -------------------------------------------------------------------------

function sameValue(column: ColumnDef | undefined, a: string, b: string): boolean {
  if (!column) return a.trim() === b.trim();
  return fromText(column, a) === fromText(column, b);
}

/** Cells that change: empty ones filled, differing ones listed as conflicts. */
function fieldChanges(columns: ColumnDef[], current: Values, incoming: Values, conflictPrefix: string): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const column of columns) {
    const value = incoming[column.key];
    if (value === undefined || value.trim() === '') continue;
    const now = current[column.key] ?? '';
    if (now.trim() === '') changes.push({ key: column.key, label: column.label, current: now, incoming: value, kind: 'fill' });
    else if (!sameValue(column, now, value)) {
      changes.push({ key: column.key, label: column.label, current: now, incoming: value, kind: 'conflict', conflictId: `${conflictPrefix}:${column.key}` });
    }
  }
  return changes;
}

function rowChanges(
  template: RegionTemplate,
  draft: Draft,
  table: CollectedTable,
  memberName: string,
  incoming: ParsedRow[],
  fileIndex: number,
  problems: ImportProblem[],
): { changes: CollectedRowChange[]; notReturned: string[] } {
  const columns = tableDef(template, table).columns.filter((column) => column.key !== unitColumnOf[table]);
  const existing = rowsOfUnit(draft, table, memberName);
  const byName = new Map(existing.map((row) => [normalizeUnitName(row.values.name ?? ''), row]));
  // The unit is the member itself, so 姓名 (or 平台名称) alone identifies a row within the file.
  const { rows, problems: rowProblems } = classify(table, incoming.map((row) => ({ ...row, values: { ...row.values, [unitColumnOf[table]]: memberName } })), [], collectionSheets[table]);
  problems.push(...rowProblems);
  const returned = new Set<string>();
  const changes: CollectedRowChange[] = [];
  for (const row of rows) {
    if (row.outcome === 'invalid' || row.outcome === 'duplicate') continue;
    const values = { ...row.values };
    delete values[unitColumnOf[table]];
    const name = normalizeUnitName(values.name ?? '');
    returned.add(name);
    const match = byName.get(name);
    if (!match) {
      changes.push({ row: row.row, name: values.name ?? '', kind: 'add', values, changes: [] });
      continue;
    }
    const cellChanges = fieldChanges(columns, match.values, values, `${fileIndex}:${table}:${name}`);
    if (cellChanges.length > 0) {
      changes.push({ row: row.row, name: values.name ?? '', kind: 'update', rowId: match.id, values, changes: cellChanges });
    }
  }
  const notReturned = existing
    .filter((row) => !returned.has(normalizeUnitName(row.values.name ?? '')))
    .map((row) => row.values.name ?? '');
  return { changes, notReturned };
}

/**
 * What the returned files would change in the draft. Pure: the same draft and files give the same
 * preview, with the same conflict ids, which is what lets apply recompute it against the draft as it is.
 */
export function planAbsorb(template: RegionTemplate, draft: Draft, results: Array<CollectionReturn | CollectionFailure>): AbsorbPreview {
  const members = filledRows(draft.tables.members);
  const byUscc = new Map<string, TableRow>();
  for (const row of members) {
    const uscc = normalizeUscc(row.values[memberKeys.uscc] ?? '');
    if (uscc !== '' && !byUscc.has(uscc)) byUscc.set(uscc, row);
  }
  const columns = memberColumns(template);
  const seen = new Map<string, string>();
  const files: AbsorbFilePreview[] = results.map((result, fileIndex): AbsorbFilePreview => {
    const base = { fileName: result.fileName, member: [], team: [], platforms: [], notReturned: { team: [], platforms: [] }, problems: [] };
    if (isFailure(result)) return { ...base, status: 'error', message: result.error, memberName: '', uscc: '' };
    const uscc = normalizeUscc(result.member[memberKeys.uscc] ?? '');
    const name = result.member[memberKeys.name] ?? result.marker?.name ?? '';
    let row = uscc !== '' ? byUscc.get(uscc) : undefined;
    let matchedBy: AbsorbFilePreview['matchedBy'] = row ? 'uscc' : undefined;
    if (!row && result.marker && result.marker.uscc !== '') {
      row = byUscc.get(result.marker.uscc);
      if (row) matchedBy = 'sentUscc';
    }
    // Sent to a member whose code the draft did not know yet: the file names the row it was made for.
    if (!row && result.marker && result.marker.draftId === draft.id) {
      row = members.find((candidate) => candidate.id === result.marker?.memberRowId && normalizeUscc(candidate.values[memberKeys.uscc] ?? '') === '');
      if (row) matchedBy = 'sentTo';
    }
    if (!row) {
      return {
        ...base,
        status: 'unmatched',
        problems: result.problems,
        message: uscc
          ? `草稿中没有统一社会信用代码为 ${uscc} 的成员单位（文件中的单位：${name || '未填写'}）。请先在成员单位表中添加该单位或核对代码，再导入此文件。`
          : `文件中没有填写统一社会信用代码，无法确定是哪一家成员单位（文件中的单位：${name || '未填写'}）。`,
        memberName: name,
        uscc,
      };
    }
    const earlier = seen.get(row.id);
    if (earlier !== undefined) {
      return {
        ...base,
        status: 'error',
        message: `与“${earlier}”是同一成员单位（${row.values[memberKeys.name] ?? ''}）的采集表，只采用前一个文件。`,
        memberRowId: row.id,
        memberName: row.values[memberKeys.name] ?? '',
        uscc,
      };
    }
    seen.set(row.id, result.fileName);
    const problems = [...result.problems];
    const memberName = row.values[memberKeys.name] ?? '';
    const team = rowChanges(template, draft, 'team', memberName, result.team, fileIndex, problems);
    const platforms = rowChanges(template, draft, 'platforms', memberName, result.platforms, fileIndex, problems);
    return {
      fileName: result.fileName,
      status: 'matched',
      memberRowId: row.id,
      memberName,
      uscc: normalizeUscc(row.values[memberKeys.uscc] ?? ''),
      matchedBy,
      ...(result.marker && result.marker.draftId !== '' && result.marker.draftId !== draft.id ? { fromOtherDraft: true } : {}),
      member: fieldChanges(columns, row.values, result.member, `${fileIndex}:member`),
      team: team.changes,
      platforms: platforms.changes,
      notReturned: { team: team.notReturned, platforms: platforms.notReturned },
      problems,
    };
  });
  const conflictCount = files.reduce(
    (sum, file) =>
      sum +
      file.member.filter((change) => change.kind === 'conflict').length +
      [...file.team, ...file.platforms].reduce((rows, row) => rows + row.changes.filter((change) => change.kind === 'conflict').length, 0),
    0,
  );
  return { files, conflictCount };
}

/**
 * Applies returned collection files: plans again against the draft as it is now, takes a revision
 * ('before-import'), then — in one transaction — fills the members' cells, applies the decided conflicts
 * (undecided ones keep the draft's value), updates and adds team and platform rows. New rows go right
 * after the member's existing ones. When a member takes a new name, its rows follow it.
 */
export function applyAbsorb(
  store: DraftStore,
  draftId: string,
  template: RegionTemplate,
  results: Array<CollectionReturn | CollectionFailure>,
  decisions: AbsorbDecision[],
): AbsorbSummary {
  const take = new Set(decisions.filter((decision) => decision.choice === 'take').map((decision) => decision.conflictId));
  const summary: AbsorbSummary = {
    filesApplied: 0,
    membersUpdated: 0,
    fieldsWritten: 0,
    teamAdded: 0,
    teamUpdated: 0,
    platformsAdded: 0,
    platformsUpdated: 0,
    conflictsTaken: 0,
    conflictsKept: 0,
    revisionId: 0,
  };
  const chosen = (changes: FieldChange[]): Values => {
    const values: Values = {};
    for (const change of changes) {
      if (change.kind === 'fill') values[change.key] = change.incoming;
      else if (change.conflictId && take.has(change.conflictId)) {
        values[change.key] = change.incoming;
        summary.conflictsTaken++;
      } else summary.conflictsKept++;
    }
    return values;
  };

  store.batch(() => {
    const draft = store.getDraft(draftId);
    const preview = planAbsorb(template, draft, results);
    const matched = preview.files.filter((file) => file.status === 'matched');
    if (matched.length === 0) {
      throw new UserError('collect.nothingToApply', '没有可以导入的采集表：所选文件都未能匹配到成员单位或无法读取。', 'no matched files');
    }
    summary.revisionId = store.createRevision(draftId, 'before-import', `导入信息采集表（${matched.length} 个文件）之前`).id;
    // Where each table's rows are and whose they are, kept current as rows are added.
    const order = {
      team: draft.tables.team.map((row) => ({ id: row.id, unit: normalizeUnitName(row.values.workUnit ?? '') })),
      platforms: draft.tables.platforms.map((row) => ({ id: row.id, unit: normalizeUnitName(row.values.hostUnit ?? '') })),
    };
    for (const file of matched) {
      const memberRowId = file.memberRowId as string;
      const memberValues = chosen(file.member);
      const oldName = file.memberName;
      const newName = memberValues[memberKeys.name] ?? oldName;
      const renamed = normalizeUnitName(newName) !== normalizeUnitName(oldName);
      if (Object.keys(memberValues).length > 0) {
        store.updateRow(draftId, 'members', memberRowId, memberValues);
        summary.membersUpdated++;
        summary.fieldsWritten += Object.keys(memberValues).length;
      }
      for (const table of ['team', 'platforms'] as const) {
        const unitKey = unitColumnOf[table];
        const changes = file[table];
        const updated = new Set<string>();
        for (const change of changes.filter((candidate) => candidate.kind === 'update')) {
          const values = chosen(change.changes);
          if (renamed) values[unitKey] = newName;
          if (Object.keys(values).length === 0) continue;
          store.updateRow(draftId, table, change.rowId as string, values);
          updated.add(change.rowId as string);
          if (table === 'team') summary.teamUpdated++;
          else summary.platformsUpdated++;
        }
        if (renamed) {
          for (const row of rowsOfUnit(draft, table, oldName)) {
            if (!updated.has(row.id)) store.updateRow(draftId, table, row.id, { [unitKey]: newName });
          }
        }
        const additions = changes.filter((candidate) => candidate.kind === 'add').map((change) => ({ ...change.values, [unitKey]: newName }));
        if (additions.length === 0) continue;
        const unit = normalizeUnitName(oldName);
        const lastOfUnit = order[table].map((row) => row.unit).lastIndexOf(unit);
        const at = lastOfUnit >= 0 ? lastOfUnit + 1 : null;
        const added = store.addRows(draftId, table, at, additions);
        order[table].splice(at ?? order[table].length, 0, ...added.map((row) => ({ id: row.id, unit })));
        if (table === 'team') summary.teamAdded += added.length;
        else summary.platformsAdded += added.length;
      }
      summary.filesApplied++;
    }
  });
  return summary;
}
