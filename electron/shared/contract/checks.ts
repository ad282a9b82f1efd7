import { z } from 'zod';
import type { CheckReport, CheckSummary } from '../checks';
import type { Draft } from '../draft';
import type { RegionCopyPlan } from '../region-copy';
import { regionIdSchema } from '../region-template';
import { regionSettingsSchema } from '../region-settings';
import { id, result } from './define';

/** Validation and eligibility findings of a draft (检查), and copying a draft to another region. */
export const checksContract = {
  /** Every field problem and eligibility rule of a draft, with derived counts and completeness. */
  'checks.run': { input: z.object({ draftId: id }).strict(), result: result<CheckReport>() },
  /** The check summary of the draft as stored now (completeness, verdict, counts per step), from memory when current. */
  'checks.summary': { input: z.object({ draftId: id }).strict(), result: result<CheckSummary>() },
  /** What copying a draft to another region would carry, drop and add, before the user confirms. */
  'drafts.copyPlan': {
    input: z.object({ id, regionId: regionIdSchema }).strict(),
    result: result<RegionCopyPlan>(),
  },
  /** A new draft for another region with what carries over; the original is untouched. */
  'drafts.copyToRegion': {
    /** Settings for a target region with `userSettings`; dropped for any other. */
    input: z.object({ id, regionId: regionIdSchema, regionSettings: regionSettingsSchema.optional() }).strict(),
    result: result<Draft>(),
  },
} as const;
