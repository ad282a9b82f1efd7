import { filledRows, normalizeUnitName } from '../../../shared/derive';
import type { Draft, TableRow } from '../../../shared/draft';
import { memberKeys } from '../../../shared/draft';
import { UserError } from '../../../shared/errors';
import type { ColumnDef, RegionTemplate } from '../../../shared/region-template';
import { workbookSheetNames } from '../../../shared/workbooks';
import { listColumns, tableDef } from '../headers';

/**
 * Member data collection (信息采集): the lead unit sends each member a workbook pre-filled with what the
 * draft knows about it — its own details, its team members and its platforms — and reads the returned
 * files back. A returned file is matched to its member by 统一社会信用代码 (or, when the member corrected
 * its code, by the code the file was sent with); empty cells of the draft are filled, differing values are
 * listed as conflicts for the user to decide, and nothing is deleted.
 *
 * This file holds what writing, reading, planning and applying share: the sheets and which rows are whose.
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
export const leadDecidedKeys: string[] = [memberKeys.tier, memberKeys.main];
/** The member's own rows are recognised by this column, which the collection sheets leave out. */
export const unitColumnOf = { team: 'workUnit', platforms: 'hostUnit' } as const;
export type CollectedTable = keyof typeof unitColumnOf;

export function memberColumns(template: RegionTemplate): ColumnDef[] {
  return listColumns(tableDef(template, 'members'), leadDecidedKeys);
}

export function findMember(draft: Draft, memberRowId: string): TableRow {
  const row = draft.tables.members.find((candidate) => candidate.id === memberRowId);
  if (!row) throw new UserError('row.notFound', '找不到该成员单位，可能已被删除。', `member ${memberRowId} not found`);
  return row;
}

export function rowsOfUnit(draft: Draft, table: CollectedTable, unitName: string): TableRow[] {
  const unit = normalizeUnitName(unitName);
  if (unit === '') return [];
  return filledRows(draft.tables[table]).filter((row) => normalizeUnitName(row.values[unitColumnOf[table]] ?? '') === unit);
}

