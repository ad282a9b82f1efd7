import { errorProblem, type ValueProblem } from './result';

/**
 * Character limits on the official forms (限500字) are checked by reviewers with Microsoft Word's 字数, so
 * text is counted the way Word counts it:
 * - each CJK ideograph counts 1 (basic block, Extension A, Extensions B and later, compatibility
 *   ideographs), and so do kana, hangul, CJK radicals and enclosed/compatibility forms such as ㈠ and ㎡;
 * - each full-width or CJK punctuation mark counts 1: 、。，；：？！“”‘’（）《》【】—…· and everything
 *   in U+3001–U+303F, U+FE10–U+FE6F and the full-width forms U+FF00–U+FFEF; full-width letters and digits
 *   (ＡＢＣ１２) are full-width forms too and count 1 each, as in Word;
 * - any other run of non-space characters — Latin letters, digits and the ASCII punctuation attached to
 *   them — counts 1 as one word; a run ends at white space or at a character counted on its own;
 * - white space (including the ideographic space U+3000) never counts.
 * A right single quote between two Latin letters is an apostrophe (don’t), not a Chinese quote mark.
 *
 * Examples:
 *   「我们在2023年完成了AI芯片ABC-123的研发。」 → 16 (我们在 3, 2023 1, 年完成了 4, AI 1, 芯片 2, ABC-123 1, 的研发 3, 。1)
 *   「Hello, world!」 → 2
 *   「5G 基站」 → 3
 *   「ＡＢＣ１２３」 → 6
 *   「“智能制造”」 → 6
 */

const individuallyCountedPunctuation = new Set([
  0x00b7, // · middle dot (also in Uyghur and other transliterated names)
  0x2014, // — em dash, doubled as the Chinese dash ——
  0x2015, // ― horizontal bar, typed for the Chinese dash by some input methods
  0x2018, // ‘
  0x2019, // ’
  0x201c, // “
  0x201d, // ”
  0x2026, // … doubled as the Chinese ellipsis ……
]);

function countsOnItsOwn(codePoint: number): boolean {
  return (
    individuallyCountedPunctuation.has(codePoint) ||
    (codePoint >= 0x2e80 && codePoint <= 0x2fff) || // CJK and Kangxi radicals, ideographic description
    (codePoint >= 0x3000 && codePoint <= 0x33ff) || // CJK punctuation, kana, bopomofo, enclosed, ㎡
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) || // Extension A
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) || // CJK Unified Ideographs
    (codePoint >= 0xac00 && codePoint <= 0xd7af) || // hangul syllables
    (codePoint >= 0xf900 && codePoint <= 0xfaff) || // compatibility ideographs
    (codePoint >= 0xfe10 && codePoint <= 0xfe1f) || // vertical forms
    (codePoint >= 0xfe30 && codePoint <= 0xfe6f) || // CJK compatibility and small forms
    (codePoint >= 0xff00 && codePoint <= 0xffef) || // full-width and half-width forms
    (codePoint >= 0x20000 && codePoint <= 0x323af) // Extensions B–H and compatibility supplement
  );
}

// \s covers U+3000 and no-break spaces; zero-width space and BOM are invisible and separate like spaces.
const spaceLike = /[\s\u200b\ufeff]/;
const latinLetter = /[A-Za-z\u00c0-\u024f]/;

/** The number Word's 字数 shows for this text. */
export function countWords(text: string): number {
  const chars = Array.from(text);
  let count = 0;
  let inWord = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (spaceLike.test(ch)) {
      inWord = false;
      continue;
    }
    const codePoint = ch.codePointAt(0) ?? 0;
    const isApostrophe =
      codePoint === 0x2019 && inWord && latinLetter.test(chars[i - 1]) && latinLetter.test(chars[i + 1] ?? '');
    if (countsOnItsOwn(codePoint) && !isApostrophe) {
      count++;
      inWord = false;
    } else if (!inWord) {
      count++;
      inWord = true;
    }
  }
  return count;
}

/** The counter under a text box: 「312 / 500 字」, or 「312 字」 without a limit. */
export function formatCount(count: number, max?: number): string {
  return max === undefined ? `${count} 字` : `${count} / ${max} 字`;
}

/** An error when the text is over the limit; exactly at the limit is fine. */
export function checkMaxChars(text: string, max: number): ValueProblem[] {
  // Every counted item takes at least one UTF-16 unit, so a text no longer than the limit is within it.
  if (text.length <= max) return [];
  const count = countWords(text);
  if (count <= max) return [];
  return [errorProblem('text.maxChars', `已 ${count} 字，超出限制 ${max} 字`)];
}
