import type { RegionId } from '../../shared/region-template';

/** What the checks may ask about the other drafts in the store (for 「一个牵头单位仅限牵头组建一个」 and the like). */
export interface CheckContext {
  otherDrafts: {
    /** Drafts of the region, other than `excludeDraftId` and not in the trash, whose lead has this USCC. */
    countDraftsLedBy(uscc: string, regionId: RegionId, excludeDraftId: string): number;
    /** Drafts of the region, other than `excludeDraftId` and not in the trash, with a member of this USCC. */
    countDraftsWithMember(uscc: string, regionId: RegionId, excludeDraftId: string): number;
    /**
     * The same count for many codes at once (a store answers it in one query instead of one per member);
     * codes in no other draft may be missing from the map.
     */
    countDraftsWithMembers?(usccs: string[], regionId: RegionId, excludeDraftId: string): Map<string, number>;
  };
}

/** For checking a draft on its own (the CLI on a project file, tests): there are no other drafts. */
export const noOtherDrafts: CheckContext = {
  otherDrafts: {
    countDraftsLedBy: () => 0,
    countDraftsWithMember: () => 0,
  },
};
