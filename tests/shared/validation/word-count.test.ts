import { describe, expect, it } from 'vitest';
import { checkMaxChars, countWords, formatCount } from '../../../electron/shared/validation/word-count';

describe('countWords (like Word 字数)', () => {
  it('counts mixed Chinese, English and digits the way Word does', () => {
    // 我们在 3 + 2023 1 + 年完成了 4 + AI 1 + 芯片 2 + ABC-123 1 + 的研发 3 + 。1
    expect(countWords('我们在2023年完成了AI芯片ABC-123的研发。')).toBe(16);
  });

  it('counts each ideograph and each Chinese punctuation mark as 1', () => {
    expect(countWords('创新联合体')).toBe(5);
    expect(countWords('一、目标：提升能力；（二）《协议》【附件】？！')).toBe(23);
    expect(countWords('“智能制造”')).toBe(6);
    expect(countWords('‘引号’')).toBe(4);
    expect(countWords('研发——转化……')).toBe(8);
    expect(countWords('阿卜杜拉·艾买提')).toBe(8);
    expect(countWords('「引用」〔注〕')).toBe(7);
  });

  it('counts Extension A, Extension B and compatibility ideographs as 1 each', () => {
    expect(countWords('㐀')).toBe(1); // U+3400, Extension A
    expect(countWords('𠀀𠀁')).toBe(2); // U+20000, U+20001: surrogate pairs, still one character each
    expect(countWords('豈')).toBe(1); // U+F900
  });

  it('counts a run of Latin letters, digits and attached ASCII punctuation as one word', () => {
    expect(countWords('Hello, world!')).toBe(2);
    expect(countWords('ABC-123')).toBe(1);
    expect(countWords('3.14%')).toBe(1);
    expect(countWords('5G 基站')).toBe(3);
    expect(countWords('e.g. R&D')).toBe(2);
    expect(countWords('don’t stop')).toBe(2);
  });

  it('counts each full-width letter and digit as 1', () => {
    expect(countWords('ＡＢＣ１２３')).toBe(6);
    expect(countWords('ＡＢＣdef')).toBe(4);
    expect(countWords('１２３元')).toBe(4);
  });

  it('never counts white space, including the ideographic space and line breaks', () => {
    expect(countWords('')).toBe(0);
    expect(countWords(' \t\n\r\u3000\u00a0')).toBe(0);
    expect(countWords('一\n二\u3000三 四')).toBe(4);
    expect(countWords('AI\u3000芯片')).toBe(3);
  });
});

describe('formatCount', () => {
  it('shows the count against the limit', () => {
    expect(formatCount(312, 500)).toBe('312 / 500 字');
    expect(formatCount(0, 200)).toBe('0 / 200 字');
    expect(formatCount(312)).toBe('312 字');
  });
});

describe('checkMaxChars', () => {
  it('accepts text at and under the limit and rejects one over it', () => {
    expect(checkMaxChars('字'.repeat(499), 500)).toEqual([]);
    expect(checkMaxChars('字'.repeat(500), 500)).toEqual([]);
    expect(checkMaxChars('字'.repeat(501), 500)).toEqual([
      { severity: 'error', code: 'text.maxChars', message: '已 501 字，超出限制 500 字' },
    ]);
  });

  it('counts the limit with Word rules, not string length', () => {
    // 198 ideographs + "Innovation" (one word) + 。 = 200 字, though the string is 209 characters long.
    const text = '研'.repeat(198) + 'Innovation。';
    expect(text.length).toBe(209);
    expect(checkMaxChars(text, 200)).toEqual([]);
    expect(checkMaxChars(text + '新', 200)[0].message).toBe('已 201 字，超出限制 200 字');
  });
});
