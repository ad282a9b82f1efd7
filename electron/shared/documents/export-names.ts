import { stripXmlInvalid } from '../validation/sanitize';
import type { DocumentKind } from '../region-template';

/**
 * What an export writes and how its folder is named. Pure, so that the renderer can say where the files will
 * go before the export runs, and so that the rules for names are tested without a file system.
 */

/** One PDF of the whole filing, or one per document. */
export const pdfModes = ['package', 'perDocument'] as const;
export type PdfMode = (typeof pdfModes)[number];

export interface ExportedFile {
  /** The file's name inside the export folder. */
  name: string;
  /** The document it holds, or 'package' for the PDF of the whole filing. */
  kind: DocumentKind | 'package';
  format: 'docx' | 'pdf' | 'xlsx';
  bytes: number;
}

export interface ExportResult {
  /** The folder written, named after the consortium. */
  folder: string;
  files: ExportedFile[];
  /** Documents of the package that could not be written, each with why (in Chinese, for the user). */
  skipped: { kind: DocumentKind | 'package'; reason: string }[];
}

const reservedWindowsNames = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A folder or file name that every system accepts: characters Windows forbids (/ \ : * ? " < > |) and control
 * characters become 「_」, trailing dots and spaces are dropped, Windows' reserved device names (CON, PRN, AUX, NUL,
 * COM1–9, LPT1–9) get a 「_」, and nothing may climb out of the export folder ('.', '..'). Empty → the fallback.
 */
export function safeFileName(name: string, fallback: string): string {
  let safe = stripXmlInvalid(name)
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    // Leading dots hide a file (or climb out of a folder, as '..'); trailing dots and spaces Windows drops.
    .replace(/^[. ]+|[. ]+$/g, '');
  // Most file systems allow 255 bytes; a CJK character takes 3 in UTF-8, so 80 characters leaves room for a suffix.
  if ([...safe].length > 80) safe = [...safe].slice(0, 80).join('').replace(/[. ]+$/, '');
  if (safe === '' || /^_+$/.test(safe)) return fallback;
  if (reservedWindowsNames.test(safe)) safe = `_${safe}`;
  return safe;
}

export const unnamedConsortium = '未命名联合体';

/** The export folder's name: the consortium's, made safe. */
export function exportFolderName(consortiumName: string): string {
  return safeFileName(consortiumName, unnamedConsortium);
}
