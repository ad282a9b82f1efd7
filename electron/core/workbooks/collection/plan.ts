import { filledRows, normalizeUnitName } from '../../../shared/derive';
import type { Draft, TableRow, Values } from '../../../shared/draft';
import { memberKeys } from '../../../shared/draft';
import type { ColumnDef, RegionTemplate } from '../../../shared/region-template';
import { normalizeUscc } from '../../../shared/validation';
import type { AbsorbFilePreview, AbsorbPreview, CollectedRowChange, FieldChange, ImportProblem } from '../../../shared/workbooks';
import { fromText } from '../cell-values';
import { tableDef } from '../headers';
import { classify } from '../import';
import type { ParsedRow } from '../sheet-reader';
import { isFailure, type CollectionFailure, type CollectionReturn } from './read';
import { collectionSheets, memberColumns, rowsOfUnit, unitColumnOf, type CollectedTable } from './sheets';

/** Planning what returned collection workbooks change in a draft: fills, conflicts, added rows. */

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

