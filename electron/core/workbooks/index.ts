/**
 * Excel workbooks: the draft's member, team and platform lists out and in, blank templates, and member
 * data collection (信息采集). Files are written with exceljs and read by our own bounded reader
 * (reading/), which no workbook library's range expansion can reach.
 */
export { writeMemberWorkbook, writeBlankTemplate, memberWorkbookFileName, blankTemplateFileName } from './member-workbook';
export { readWorkbookForImport } from './import';
export { applyImport } from './apply-import';
export {
  writeCollectionWorkbook,
  writeCollectionFiles,
  collectionFileName,
  readCollectionWorkbook,
  readCollectionWorkbooks,
  planAbsorb,
  applyAbsorb,
  type CollectionReturn,
  type CollectionFailure,
} from './collection';
export { workbookLimits } from './zip-safety';
