/** Validation and eligibility findings of a draft (检查). */
export const checksContract = {} as const;
