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

export interface DocumentEntry {
  kind: DocumentKind;
  title: string;
  shortTitle: string;
  /** Part of the region's package (exported); otherwise offered for preview and printing only. */
  inPackage: boolean;
  /** Filed with the department (the region's package data says which), as opposed to ours (盖章清单) or later reports. */
  filed: boolean;
  /** A report the region asks for after the filing (年度工作总结, 自评报告): never numbered among the filing. */
  later: boolean;
  format: 'docx' | 'xlsx';
  /** Whether everything the document prints has been filled in. */
  ready: boolean;
  /** What is still empty, by the labels the user knows. */
  missing: string[];
}
