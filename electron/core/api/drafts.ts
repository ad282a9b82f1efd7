import type { HandlersFor } from '../../shared/contract';
import type { draftsContract } from '../../shared/contract/drafts';
import type { CoreDeps } from './deps';
import { templateOf } from './deps';
import { RevisionHistory } from '../storage/revision-changes';
import { settingsForRegion } from '../regions/draft-settings';
import { isUserConfigurable } from '../../shared/region-settings';
import { UserError } from '../../shared/errors';

/** Drafts, fields, rows, revisions and trash: straight onto the store. */
export function draftHandlers(deps: CoreDeps): HandlersFor<keyof typeof draftsContract> {
  const { store, templates } = deps;
  const history = new RevisionHistory(store, templates);
  /** Passes an edit's result on after telling the summaries which draft it changed. */
  const edited = <T>(draftId: string, result: T): T => {
    deps.summaries?.edited(draftId);
    return result;
  };
  const editedDraft = <T extends { id: string }>(draft: T): T => edited(draft.id, draft);
  /** An autosave's answer: the write's time and, when the core checked the state written, its summary. */
  const saved = (draftId: string, result: { updatedAt: string }) => ({
    updatedAt: result.updatedAt,
    summary: deps.summaries?.afterEdit(draftId, result.updatedAt) ?? null,
  });
  return {
    'regions.list': () => templates,
    // A read: drafts edited since their last stored summary get figures computed now, nothing is written.
    'drafts.list': ({ trashed }) => store.listDrafts({ trashed }).map((summary) => deps.summaries?.current(summary) ?? summary),
    'drafts.create': ({ regionId, regionSettings }) => {
      const template = templateOf(deps, regionId);
      return editedDraft(
        store.createDraft({ regionId, templateVersion: template.version, regionSettings: settingsForRegion(template, regionSettings) }),
      );
    },
    'drafts.setRegionSettings': ({ draftId, regionSettings }) => {
      const draft = store.getDraft(draftId);
      const template = templateOf(deps, draft.regionId);
      if (!isUserConfigurable(template)) {
        throw new UserError('regionSettings.builtIn', `${template.name}的申报条件依据其发布的原文内置，不能修改地区设置。`, `${template.id} has no userSettings`);
      }
      store.setRegionSettings(draftId, settingsForRegion(template, regionSettings));
      return editedDraft(store.getDraft(draftId));
    },
    'drafts.get': ({ id }) => store.getDraft(id),
    'drafts.duplicate': ({ id }) => editedDraft(store.duplicateDraft(id)),
    'drafts.trash': ({ id }) => (store.trashDraft(id), { ok: true as const }),
    'drafts.restore': ({ id }) => (store.restoreDraft(id), { ok: true as const }),
    'drafts.purge': ({ id }) => (store.purgeDraft(id), { ok: true as const }),
    'drafts.setField': ({ draftId, key, value }) => saved(draftId, store.setField(draftId, key, value)),
    'rows.add': ({ draftId, table, atIndex, rows }) => edited(draftId, store.addRows(draftId, table, atIndex, rows)),
    'rows.update': ({ draftId, table, rowId, values }) => saved(draftId, store.updateRow(draftId, table, rowId, values)),
    'rows.delete': ({ draftId, table, rowIds }) => saved(draftId, store.deleteRows(draftId, table, rowIds)),
    'rows.move': ({ draftId, table, rowId, toIndex }) => saved(draftId, store.moveRow(draftId, table, rowId, toIndex)),
    'revisions.list': ({ draftId }) => history.list(draftId),
    'revisions.create': ({ draftId, label }) => store.createRevision(draftId, 'manual', label ?? '手动保存的版本'),
    'revisions.restore': ({ revisionId }) => editedDraft(store.restoreRevision(revisionId)),
    'app.info': () => ({ version: deps.appVersion, dataFile: store.file, host: deps.host }),
  };
}
