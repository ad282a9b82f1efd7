/** Excel workbooks: member/team/platform lists out and in, member data collection (信息采集). */
export const workbooksContract = {} as const;
