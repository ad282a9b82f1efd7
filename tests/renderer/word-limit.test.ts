import { describe, expect, it } from 'vitest';
import { formatLimit, overflowStart, textBeforeCut } from '../../renderer/src/components/word-limit';
import { countWords } from '../../electron/shared/validation/word-count';

describe('where a text passes its 字数 limit', () => {
  it('finds the first 字 past the limit, counting as Word does', () => {
    const text = `${'甲'.repeat(498)}AB CD${'乙'.repeat(5)}`;
    const cut = overflowStart(text, 500);
    expect(cut).toBe(503);
    expect(countWords(text.slice(0, cut ?? 0))).toBe(500);
    expect(text.slice(cut ?? 0)).toBe('乙乙乙乙乙');
    expect(textBeforeCut(text, cut ?? 0, 4)).toBe('AB CD'.slice(-4));
  });

  it('keeps characters outside the basic plane whole and says nothing for a text within the limit', () => {
    const text = `${'𠀀'.repeat(3)}。`;
    expect(overflowStart(text, 3)).toBe('𠀀𠀀𠀀'.length);
    expect(overflowStart('短文本', 500)).toBeNull();
    expect(overflowStart('一二三', 3)).toBeNull();
  });

  it('says by how much a text is over', () => {
    expect(formatLimit(520, 500)).toBe('520 / 500 字 · 超出 20 字');
    expect(formatLimit(500, 500)).toBe('500 / 500 字');
    expect(formatLimit(12)).toBe('12 字');
  });
});
