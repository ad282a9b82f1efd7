import { stripXmlInvalid } from '../../shared/validation/sanitize';

/** Escaping for the XML we write ourselves (WordprocessingML, SpreadsheetML). */

const escapableGlobal = /[&<>"]/g;
const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/**
 * Anything esc would change: markup characters, \r, control characters, U+FFFE/U+FFFF and every surrogate (paired
 * or not, so that the careful path decides). Almost all text matches none, and one test is far cheaper than
 * stripXmlInvalid's two replaces on every run and cell of a large table.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const needsWork = /[&<>"\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes text and attribute values; characters XML cannot hold are dropped rather than break the file. */
export function esc(text: string): string {
  if (!needsWork.test(text)) return text;
  return stripXmlInvalid(text).replace(escapableGlobal, (c) => escapes[c]);
}

/** esc for an attribute value that may hold line breaks or tabs, which a parser would turn into spaces. */
export function escAttr(text: string): string {
  const escaped = esc(text);
  return /[\n\t]/.test(escaped) ? escaped.replace(/\n/g, '&#10;').replace(/\t/g, '&#9;') : escaped;
}
