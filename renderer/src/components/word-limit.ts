import { countWords, formatCount } from '../../../electron/shared/validation/word-count';

/**
 * Where a text passes its 字数 limit: the position (in the string) where the first 字 past the limit
 * begins, or null when the text is within it. Counted as Word counts (see word-count.ts); the count of a
 * prefix only grows with its length, so the place is found by halving.
 */
export function overflowStart(text: string, max: number): number | null {
  if (countWords(text) <= max) return null;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  // The shortest prefix (in characters) whose count is over the limit; the 字 that tips it starts there.
  while (low < high) {
    const middle = (low + high) >> 1;
    if (countWords(chars.slice(0, middle + 1).join('')) > max) high = middle;
    else low = middle + 1;
  }
  // A Latin word counts once, from its first letter, so the tipping character always starts a 字.
  return chars.slice(0, low).join('').length;
}

/** 「520 / 500 字 · 超出 20 字」: the counter says by how much, not only that. */
export function formatLimit(count: number, max?: number): string {
  if (max === undefined || count <= max) return formatCount(count, max);
  return `${formatCount(count, max)} · 超出 ${count - max} 字`;
}

/** The words around the cut, for 「第 500 字止于“……”」. */
export function textBeforeCut(text: string, cut: number, length = 12): string {
  const before = Array.from(text.slice(0, cut).replace(/\s+$/, ''));
  return before.slice(-length).join('');
}
