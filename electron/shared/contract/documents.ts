/** Official documents: print view, Word/PDF export, stamp checklist (导出与打印). */
export const documentsContract = {} as const;
