import { summarizeReport } from '../../shared/checks';
import type { HandlersFor } from '../../shared/contract';
import type { checksContract } from '../../shared/contract/checks';
import { tableIds } from '../../shared/region-template';
import { checkDraft, type CheckContext } from '../checks/check-draft';
import { copyDraftToRegion, planRegionCopy } from '../checks/copy-to-region';
import { randomUUID } from 'node:crypto';
import type { DraftStore } from '../storage/draft-store';
import type { CoreDeps } from './deps';
import { templateForDraft, templateOf } from './deps';
import { defaultRegionSettings, effectiveTemplate, isUserConfigurable } from '../../shared/region-settings';
import { settingsForRegion } from '../regions/draft-settings';

/** Cross-draft rules ask the store about the user's other live drafts. */
export function storeCheckContext(store: DraftStore): CheckContext {
  return {
    otherDrafts: {
      countDraftsLedBy: (uscc, regionId, excludeDraftId) => store.countDraftsLedBy(uscc, regionId, excludeDraftId),
      countDraftsWithMember: (uscc, regionId, excludeDraftId) =>
        store.countDraftsWithMember(uscc, regionId, excludeDraftId),
      countDraftsWithMembers: (usccs, regionId, excludeDraftId) =>
        store.countDraftsWithMembers(usccs, regionId, excludeDraftId),
    },
  };
}

export function checksHandlers(deps: CoreDeps): HandlersFor<keyof typeof checksContract> {
  const { store } = deps;
  return {
    // A read, asked only by the screens that list the findings: the summary the draft page and the home
    // screen show comes from the edits themselves (CheckSummaries).
    'checks.run': ({ draftId }) => {
      const draft = store.getDraft(draftId);
      const report = checkDraft(templateForDraft(deps, draft), draft, storeCheckContext(store));
      deps.summaries?.noteReport(draft, report);
      return report;
    },
    'checks.summary': ({ draftId }) => {
      const known = deps.summaries?.summaryOf(draftId);
      if (known) return known;
      const draft = store.getDraft(draftId);
      return summarizeReport(checkDraft(templateOf(deps, draft.regionId), draft, storeCheckContext(store)), draft.updatedAt);
    },
    'drafts.copyPlan': ({ id, regionId }) => {
      const draft = store.getDraft(id);
      const target = templateOf(deps, regionId);
      return planRegionCopy(templateForDraft(deps, draft), effectiveTemplate(target, null), draft);
    },
    'drafts.copyToRegion': ({ id, regionId, regionSettings }) => {
      const draft = store.getDraft(id);
      const target = templateOf(deps, regionId);
      // Into a region the user sets: the settings given, else its defaults; out of one, they are dropped.
      const settings = isUserConfigurable(target) ? settingsForRegion(target, regionSettings ?? defaultRegionSettings(target), { namesRequired: false }) : null;
      const copy = copyDraftToRegion(templateForDraft(deps, draft), effectiveTemplate(target, settings), draft, () => randomUUID());
      const created = store.createDraft({
        regionId: copy.regionId,
        templateVersion: copy.templateVersion,
        regionSettings: settings,
        fields: copy.fields,
        tables: Object.fromEntries(tableIds.map((table) => [table, copy.tables[table].map((row) => row.values)])),
      });
      deps.summaries?.edited(created.id);
      return created;
    },
  };
}
