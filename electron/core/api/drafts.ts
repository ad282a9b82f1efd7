import type { HandlersFor } from '../../shared/contract';
import type { draftsContract } from '../../shared/contract/drafts';
import type { CoreDeps } from './deps';
import { templateOf } from './deps';
import { checkAndRemember } from './checks';

/** Drafts, fields, rows, revisions and trash: straight onto the store. */
export function draftHandlers(deps: CoreDeps): HandlersFor<keyof typeof draftsContract> {
  const { store, templates } = deps;
  return {
    'regions.list': () => templates,
    'drafts.list': ({ trashed }) => {
      const summaries = store.listDrafts({ trashed });
      // Drafts edited since their last check are checked now, so the list shows current figures; their
      // summaries are saved in one transaction (a store of 200 new drafts would otherwise sync 200 times).
      return store.batch(() =>
        summaries.map((summary) => {
          if (summary.completeness !== null || !deps.templates.some((t) => t.id === summary.regionId)) return summary;
          const report = checkAndRemember(deps, store.getDraft(summary.id));
          return { ...summary, completeness: report.completeness, eligible: report.eligible };
        }),
      );
    },
    'drafts.create': ({ regionId }) =>
      store.createDraft({ regionId, templateVersion: templateOf(deps, regionId).version }),
    'drafts.get': ({ id }) => store.getDraft(id),
    'drafts.duplicate': ({ id }) => store.duplicateDraft(id),
    'drafts.trash': ({ id }) => (store.trashDraft(id), { ok: true as const }),
    'drafts.restore': ({ id }) => (store.restoreDraft(id), { ok: true as const }),
    'drafts.purge': ({ id }) => (store.purgeDraft(id), { ok: true as const }),
    'drafts.setField': ({ draftId, key, value }) => store.setField(draftId, key, value),
    'rows.add': ({ draftId, table, atIndex, rows }) => store.addRows(draftId, table, atIndex, rows),
    'rows.update': ({ draftId, table, rowId, values }) => store.updateRow(draftId, table, rowId, values),
    'rows.delete': ({ draftId, table, rowIds }) => store.deleteRows(draftId, table, rowIds),
    'rows.move': ({ draftId, table, rowId, toIndex }) => store.moveRow(draftId, table, rowId, toIndex),
    'revisions.list': ({ draftId }) => store.listRevisions(draftId),
    'revisions.create': ({ draftId, label }) => store.createRevision(draftId, 'manual', label ?? '手动保存的版本'),
    'revisions.restore': ({ revisionId }) => store.restoreRevision(revisionId),
    'app.info': () => ({ version: deps.appVersion, dataFile: store.file, host: deps.host }),
  };
}
