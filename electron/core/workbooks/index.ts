/**
 * Excel workbooks: the draft's member, team and platform lists out and in, blank templates, and member
 * data collection (信息采集). Every file read is checked by zip-safety before exceljs opens it.
 */
export { writeMemberWorkbook, writeBlankTemplate, memberWorkbookFileName, blankTemplateFileName } from './member-workbook';
export { readWorkbookForImport, applyImport } from './import';
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
export { inspectWorkbook, workbookLimits } from './zip-safety';
