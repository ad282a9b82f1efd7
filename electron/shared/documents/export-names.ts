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
 * Characters that change how a name is displayed without being seen: bidi embeddings, overrides and
 * isolates (a name can pose as 「报告.exe」 spelt backwards), marks, and zero-width spaces and joiners.
 */
const invisibleCharacters = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\ufeff\u2060]/g;

/** What file systems allow for one name (ext4, NTFS in UTF-16 is more; 255 bytes of UTF-8 fits them all). */
export const maxFileNameBytes = 255;
/** Room kept for a temporary suffix while a file is written (writeAtomic's `.<6 hex>.part`). */
export const temporarySuffixBytes = 16;
/** Room kept, when the caller does not say, for what follows the name: `-成员单位及科研团队平台名单.xlsx` is 45 bytes. */
export const defaultSuffixBytes = 48;
const maxNameCharacters = 80;

const utf8 = new TextEncoder();
const byteLength = (text: string) => utf8.encode(text).length;

/** FNV-1a over the name's UTF-16 units: the same name always gets the same 8 hex digits. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * A folder or file name that every system accepts: characters Windows forbids (/ \ : * ? " < > |) and control
 * characters become 「_」, invisible bidi and zero-width characters are removed, trailing dots and spaces are
 * dropped, Windows' reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9) get a 「_」, and nothing may
 * climb out of the export folder ('.', '..'). Empty → the fallback.
 *
 * The name is cut to fit 255 bytes together with `suffix` (what the caller appends, e.g. 「（申报材料）.pdf」;
 * when not given, 48 bytes are kept for one) and a temporary `.part` suffix, and to 80 characters; a cut name
 * ends in 「-」 and a short hash of the whole name, so two long names that start alike stay two files.
 */
export function safeFileName(name: string, fallback: string, suffix?: string): string {
  let safe = stripXmlInvalid(name)
    .normalize('NFC')
    .replace(invisibleCharacters, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[/\\:*?"<>|\u0000-\u001f\u007f]/g, '_')
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    // Leading dots hide a file (or climb out of a folder, as '..'); trailing dots and spaces Windows drops.
    .replace(/^[. ]+|[. ]+$/g, '');
  if (safe === '' || /^_+$/.test(safe)) safe = fallback;
  else if (reservedWindowsNames.test(safe)) safe = `_${safe}`;
  const budget = maxFileNameBytes - temporarySuffixBytes - (suffix === undefined ? defaultSuffixBytes : byteLength(suffix));
  const characters = [...safe];
  if (characters.length <= maxNameCharacters && byteLength(safe) <= budget) return safe;
  const tail = `-${shortHash(safe)}`;
  let kept = '';
  let bytes = 0;
  for (const character of characters.slice(0, maxNameCharacters - tail.length)) {
    const size = byteLength(character);
    if (bytes + size > budget - tail.length) break;
    kept += character;
    bytes += size;
  }
  return `${kept.replace(/[. ]+$/, '')}${tail}`;
}

export const unnamedConsortium = '未命名联合体';

/** The export folder's name: the consortium's, made safe (a folder takes no suffix). */
export function exportFolderName(consortiumName: string): string {
  return safeFileName(consortiumName, unnamedConsortium, '');
}

/** The PDF of the whole filing: 「<联合体名称>（申报材料）.pdf」, cut to fit with its suffix. */
export const packagePdfSuffix = '（申报材料）.pdf';
export function packagePdfName(consortiumName: string): string {
  return `${safeFileName(consortiumName, unnamedConsortium, packagePdfSuffix)}${packagePdfSuffix}`;
}
