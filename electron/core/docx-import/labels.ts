/**
 * How a label in a filled form is compared with the template's: people retype labels, Word and WPS turn
 * half-width punctuation into full-width and back, line breaks split long labels, and the form's own
 * 「（限500字）」 or 「（个）」 may be missing or added. Labels are compared three ways, strongest first.
 */

/** Full-width to half-width (NFKC), no whitespace of any kind, no trailing colon or required-mark. */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000\u00a0\u200b]+/g, '')
    .replace(/[*＊]+/g, '')
    .replace(/[:：]+$/, '')
    .toLowerCase();
}

const chineseNumerals = '一二三四五六七八九十';
const headingNumber = new RegExp(`^(?:[${chineseNumerals}]+[、.]|\\([${chineseNumerals}\\d]+\\)|\\d+[、.)])`);

/** Also without parenthesised remarks (「（限500字）」, 「（个）」, 「（盖章）」), heading numbers and punctuation. */
export function strippedLabel(text: string): string {
  let out = normalizeLabel(text);
  let previous = '';
  while (previous !== out) {
    previous = out;
    out = out.replace(/\([^()]*\)/g, '').replace(/【[^【】]*】/g, '').replace(/\[[^[\]]*\]/g, '');
  }
  out = out.replace(headingNumber, '');
  return out.replace(/[.,;:、，。；/\\_\-—·'"“”‘’]/g, '');
}

/** 3: the same label; 2: the same once remarks and punctuation are set aside; 1: one ends the other (电话 / 联系电话); 0: different. */
export function labelScore(found: string, label: string): 0 | 1 | 2 | 3 {
  const a = normalizeLabel(found);
  const b = normalizeLabel(label);
  if (a === '' || b === '') return 0;
  if (a === b) return 3;
  const sa = strippedLabel(found);
  const sb = strippedLabel(label);
  if (sa === '' || sb === '') return 0;
  if (sa === sb) return 2;
  const [short, long] = sa.length <= sb.length ? [sa, sb] : [sb, sa];
  if (short.length >= 2 && long.length - short.length <= 6 && long.endsWith(short)) return 1;
  return 0;
}

/** A value people write into a blank instead of leaving it empty: underscores, 「年 月 日」, dashes, 「无」 stays. */
export function isBlankValue(text: string): boolean {
  const bare = text.normalize('NFKC').replace(/[\s_＿\u3000\u00a0]+/g, '');
  return bare === '' || /^年月日?$/.test(bare) || /^年月$/.test(bare) || /^[-—–/]+$/.test(bare);
}
