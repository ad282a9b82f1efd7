/**
 * Member data collection (信息采集), one file per job: writing the workbooks sent out, reading the ones
 * returned, planning what they change, applying what the user confirmed.
 */
export { collectionSheets } from './sheets';
export { writeCollectionWorkbook, writeCollectionFiles, collectionFileName } from './write';
export { readCollectionWorkbook, readCollectionWorkbooks, type CollectionMarker, type CollectionReturn, type CollectionFailure } from './read';
export { planAbsorb } from './plan';
export { applyAbsorb } from './apply';
