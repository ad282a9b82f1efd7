import { normalizeUnitName } from '../../../shared/derive';
import type { Values } from '../../../shared/draft';
import { memberKeys } from '../../../shared/draft';
import { UserError } from '../../../shared/errors';
import type { RegionTemplate } from '../../../shared/region-template';
import type { AbsorbDecision, AbsorbSummary, FieldChange } from '../../../shared/workbooks';
import type { DraftStore } from '../../storage/draft-store';
import { planAbsorb } from './plan';
import type { CollectionFailure, CollectionReturn } from './read';
import { rowsOfUnit, unitColumnOf } from './sheets';

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

