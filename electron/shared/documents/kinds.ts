import type { DocumentKind } from '../region-template';
import { documentKinds } from '../region-template';

/**
 * Which documents there are to show and print, kept apart from the builders so that the contract (and the
 * preload bridge built from it) can name them without carrying the builders along.
 */

/** Documents with a print view (the member workbook is an Excel file). */
export type PrintableKind = Exclude<DocumentKind, 'memberWorkbook'>;
export const printableKinds = documentKinds.filter((kind): kind is PrintableKind => kind !== 'memberWorkbook');

/** What the print view and PDF can show: one document, or the filing ('package'). */
export type PreviewKind = PrintableKind | 'package';
export const previewKinds = [...printableKinds, 'package'] as const;

/** The documents that go to the department, printed three times; not our stamp checklist, not next year's report. */
export const filingKinds: DocumentKind[] = ['applicationForm', 'agreement', 'implementationPlan', 'commitmentLetter', 'attachmentChecklist'];

export interface DocumentEntry {
  kind: DocumentKind;
  title: string;
  shortTitle: string;
  /** Part of the region's package (exported); otherwise offered for preview and printing only. */
  inPackage: boolean;
  /** Filed with the department (printed 一式三份), as opposed to ours (盖章清单) or later (年度工作总结). */
  filed: boolean;
  format: 'docx' | 'xlsx';
  /** Whether everything the document prints has been filled in. */
  ready: boolean;
  /** What is still empty, by the labels the user knows. */
  missing: string[];
}
