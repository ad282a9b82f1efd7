import type { Values } from '../../../shared/draft';
import { memberKeys } from '../../../shared/draft';
import { UserError } from '../../../shared/errors';
import type { RegionTemplate } from '../../../shared/region-template';
import { normalizeUscc } from '../../../shared/validation';
import type { ImportProblem } from '../../../shared/workbooks';
import { collectionFormat } from '../../../shared/workbooks';
import { cleanLine, toColumnValue } from '../cell-values';
import { HeaderMatcher, tableDef } from '../headers';
import type { ReadWorkbook } from '../reading/workbook-reader';
import { findHeaderRow, loadWorkbook, readTableSheet, type ParsedRow } from '../sheet-reader';
import { collectionSheets, memberColumns, unitColumnOf, type CollectedTable } from './sheets';

/** Reading returned collection workbooks: the marker, the member's own details, its team and platforms. */

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

const sheetNamed = (workbook: ReadWorkbook, name: string) => workbook.sheets.find((sheet) => sheet.name === name);

function readMarker(workbook: ReadWorkbook): CollectionMarker | null {
  const sheet = sheetNamed(workbook, collectionSheets.marker);
  if (!sheet) return null;
  const entries = new Map<string, string>();
  sheet.rowNumbers.forEach((row) => {
    const key = sheet.value(row, 1);
    const value = sheet.value(row, 2);
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
function readMemberSheet(workbook: ReadWorkbook, template: RegionTemplate, problems: ImportProblem[]): Values | null {
  const matcher = new HeaderMatcher(template, 'members');
  const allowed = new Map(memberColumns(template).map((column) => [column.key, column]));
  const candidates = [sheetNamed(workbook, collectionSheets.member), ...workbook.sheets].filter(
    (sheet): sheet is NonNullable<typeof sheet> => sheet !== undefined,
  );
  for (const sheet of candidates) {
    const values: Values = {};
    const sheetProblems: ImportProblem[] = [];
    let recognised = 0;
    sheet.rowNumbers.forEach((rowNumber) => {
      const label = sheet.value(rowNumber, 1);
      if (label.kind !== 'text') return;
      const target = matcher.match(cleanLine(label.text));
      const column = target ? allowed.get(target.key) : undefined;
      if (!column || column.key in values) return;
      recognised++;
      const { value, problems: cellProblems } = toColumnValue(column, sheet.value(rowNumber, 2));
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

function readCollectedTable(workbook: ReadWorkbook, template: RegionTemplate, table: CollectedTable, problems: ImportProblem[]): ParsedRow[] {
  const sheet = sheetNamed(workbook, collectionSheets[table]);
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

export function isFailure(result: CollectionReturn | CollectionFailure): result is CollectionFailure {
  return 'error' in result;
}

