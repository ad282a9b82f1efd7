import type { CheckReport } from '../../shared/checks';
import type { HandlersFor } from '../../shared/contract';
import type { checksContract } from '../../shared/contract/checks';
import type { Draft } from '../../shared/draft';
import { tableIds } from '../../shared/region-template';
import { checkDraft, type CheckContext } from '../checks/check-draft';
import { copyDraftToRegion, planRegionCopy } from '../checks/copy-to-region';
import { randomUUID } from 'node:crypto';
import type { DraftStore } from '../storage/draft-store';
import type { CoreDeps } from './deps';
import { templateOf } from './deps';

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

/** Checks a draft and keeps the summary the home screen shows. */
export function checkAndRemember(deps: CoreDeps, draft: Draft): CheckReport {
  const report = checkDraft(templateOf(deps, draft.regionId), draft, storeCheckContext(deps.store));
  // Stamped with the state checked, so any later edit makes the summary stale.
  deps.store.setCheckSummary(draft.id, {
    completeness: report.completeness,
    eligible: report.eligible,
    checkedAt: draft.updatedAt,
  });
  return report;
}

export function checksHandlers(deps: CoreDeps): HandlersFor<keyof typeof checksContract> {
  const { store } = deps;
  return {
    'checks.run': ({ draftId }) => checkAndRemember(deps, store.getDraft(draftId)),
    'drafts.copyPlan': ({ id, regionId }) => {
      const draft = store.getDraft(id);
      return planRegionCopy(templateOf(deps, draft.regionId), templateOf(deps, regionId), draft);
    },
    'drafts.copyToRegion': ({ id, regionId }) => {
      const draft = store.getDraft(id);
      const copy = copyDraftToRegion(templateOf(deps, draft.regionId), templateOf(deps, regionId), draft, () => randomUUID());
      return store.createDraft({
        regionId: copy.regionId,
        templateVersion: copy.templateVersion,
        fields: copy.fields,
        tables: Object.fromEntries(tableIds.map((table) => [table, copy.tables[table].map((row) => row.values)])),
      });
    },
  };
}
