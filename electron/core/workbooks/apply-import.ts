import type { Values } from '../../shared/draft';
import { UserError } from '../../shared/errors';
import { maxRowsPerCall } from '../../shared/contract/define';
import type { ImportMode, ImportPreview, ImportSummary, WorkbookTable } from '../../shared/workbooks';
import type { DraftStore } from '../storage/draft-store';
import { RowMatcher } from './import';

/** Writing a previewed import once the user has chosen a mode: a revision first, then one transaction. */

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
