/**
 * The official documents of a draft's package, built from its region template and values as DocumentModels
 * (shared/document-model), and the HTML print view of a model. Pure: the renderer uses them as they are.
 */
export type { BuildOptions, FormLayout } from './common';
export { layoutOf } from './common';
export { buildApplicationForm, opinionBlocks } from './application-form';
export { buildAgreement, agreementPreamble, signatureHeading, signatureColumns, signatureRowMm, signingOrder } from './agreement';
export { buildImplementationPlan, planFields, planTypography } from './implementation-plan';
export { buildCommitmentLetter } from './commitment-letter';
export { buildAttachmentChecklist, readyAttachmentIds } from './attachment-checklist';
export { buildAnnualSummary, summaryTitle, summaryYear } from './annual-summary';
export { buildStampChecklist, stampPlaces, unitSummaries, copiesOf } from './stamp-checklist';
export type { StampPlace, UnitSummary } from './stamp-checklist';
export { documentTitle, documentShortTitle } from './titles';
export {
  buildDocument,
  buildPackage,
  buildPreview,
  filedKinds,
  filingDocuments,
  listDocuments,
  offeredDocuments,
  previewKinds,
  printableKinds,
} from './package';
export type { DocumentEntry, PreviewKind, PrintableKind } from './package';
export { escapeHtml, renderHtml } from './html';
export type { HtmlOptions } from './html';
export { exportFolderName, pdfModes, safeFileName, unnamedConsortium } from './export-names';
export type { ExportedFile, ExportResult, PdfMode } from './export-names';
