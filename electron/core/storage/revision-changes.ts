import type { RevisionChanges, RevisionSummary, TableChanges, TableRow, Values } from '../../shared/draft';
import type { RegionTemplate, StepId } from '../../shared/region-template';
import { tableIds } from '../../shared/region-template';
import type { DraftStore, RevisionSnapshot } from './draft-store';

/**
 * How many of a draft's newest revisions the history describes. Each description reads two snapshots (a
 * draft with 1000 team rows keeps ~0.5 MB per snapshot), and a draft edited for weeks gathers hundreds of
 * automatic revisions; older ones are listed without a description rather than making the list slow.
 */
export const describedRevisions = 40;

/** A value as the forms see it: a missing key and an empty value are the same blank cell. */
const valueOf = (values: Values, key: string): string => values[key] ?? '';

function sameValues(a: Values, b: Values): boolean {
  for (const key of Object.keys(a)) if (valueOf(a, key) !== valueOf(b, key)) return false;
  for (const key of Object.keys(b)) if (!(key in a) && valueOf(b, key) !== '') return false;
  return true;
}

function compareRows(before: readonly TableRow[], after: readonly TableRow[]): TableChanges {
  const earlier = new Map(before.map((row) => [row.id, row.values]));
  const later = new Set(after.map((row) => row.id));
  let added = 0;
  let changed = 0;
  const keptInOrder: string[] = [];
  for (const row of after) {
    const old = earlier.get(row.id);
    if (old === undefined) {
      added += 1;
      continue;
    }
    keptInOrder.push(row.id);
    if (!sameValues(old, row.values)) changed += 1;
  }
  const keptBefore = before.filter((row) => later.has(row.id)).map((row) => row.id);
  return {
    added,
    removed: before.length - keptBefore.length,
    changed,
    reordered: keptBefore.some((id, index) => keptInOrder[index] !== id),
  };
}

/**
 * What `after` changed against `before` (null: the draft's first revision, compared with an empty draft).
 * Fields are counted by the step where the user fills them, found through `stepOf`.
 */
export function compareSnapshots(
  before: RevisionSnapshot | null,
  after: RevisionSnapshot,
  stepOf: (key: string) => StepId | undefined,
): RevisionChanges {
  const changes: RevisionChanges = { first: before === null, fields: {}, tables: {} };
  const oldFields = before?.fields ?? {};
  const keys = new Set([...Object.keys(oldFields), ...Object.keys(after.fields)]);
  for (const key of keys) {
    if (valueOf(oldFields, key) === valueOf(after.fields, key)) continue;
    const step = stepOf(key) ?? 'other';
    changes.fields[step] = (changes.fields[step] ?? 0) + 1;
  }
  for (const table of tableIds) {
    const found = compareRows(before?.tables[table] ?? [], after.tables[table] ?? []);
    if (found.added + found.removed + found.changed > 0 || found.reordered) changes.tables[table] = found;
  }
  return changes;
}

/**
 * The history list with what each revision changed. A revision never changes once written, and neither does
 * the one before it, so each description is computed once per run and kept. It is kept under the pair's ids
 * and times, so a store whose file was replaced (a restored backup) is never described from another file.
 */
export class RevisionHistory {
  private readonly described = new Map<string, RevisionChanges>();

  constructor(
    private readonly store: DraftStore,
    private readonly templates: readonly RegionTemplate[],
  ) {}

  list(draftId: string): RevisionSummary[] {
    const revisions = this.store.listRevisions(draftId); // newest first
    const keyOf = (index: number): string => {
      const previous = revisions[index + 1];
      return `${revisions[index].id}@${revisions[index].createdAt}<${previous ? `${previous.id}@${previous.createdAt}` : ''}`;
    };
    const missing = revisions
      .slice(0, describedRevisions)
      .map((revision, index) => ({ revision, index }))
      .filter(({ index }) => !this.described.has(keyOf(index)));
    if (missing.length > 0) {
      const wanted = new Set<number>();
      for (const { revision, index } of missing) {
        wanted.add(revision.id);
        const previous = revisions[index + 1];
        if (previous) wanted.add(previous.id);
      }
      const snapshots = this.store.revisionSnapshots(draftId, [...wanted]);
      for (const { revision, index } of missing) {
        const after = snapshots.get(revision.id);
        if (!after) continue;
        const previous = revisions[index + 1];
        const before = previous ? (snapshots.get(previous.id) ?? null) : null;
        this.described.set(keyOf(index), compareSnapshots(before, after, this.stepFinder(after.regionId)));
      }
    }
    return revisions.map((revision, index) => {
      const changes = index < describedRevisions ? this.described.get(keyOf(index)) : undefined;
      return changes ? { ...revision, changes } : revision;
    });
  }

  private stepFinder(regionId: string): (key: string) => StepId | undefined {
    const template = this.templates.find((candidate) => candidate.id === regionId);
    const steps = new Map(template?.fields.map((field) => [field.key, field.step]));
    return (key) => steps.get(key);
  }
}
