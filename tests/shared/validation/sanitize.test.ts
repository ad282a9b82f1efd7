import { describe, expect, it } from 'vitest';
import { hasXmlInvalid, stripXmlInvalid, toHalfWidth } from '../../../electron/shared/validation/sanitize';

describe('stripXmlInvalid', () => {
  it('removes C0 control characters but keeps tab and line breaks', () => {
    expect(stripXmlInvalid('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg')).toBe('abcdefg');
    expect(stripXmlInvalid('一\t二\n三')).toBe('一\t二\n三');
  });

  it('turns \\r\\n and a lone \\r into \\n', () => {
    expect(stripXmlInvalid('第一段\r\n第二段\r第三段')).toBe('第一段\n第二段\n第三段');
  });

  it('removes U+FFFE, U+FFFF and lone surrogates but keeps proper surrogate pairs', () => {
    expect(stripXmlInvalid('a\uFFFEb\uFFFFc')).toBe('abc');
    expect(stripXmlInvalid('a\uD800b\uDC00c')).toBe('abc');
    expect(stripXmlInvalid('𠀀😀')).toBe('𠀀😀');
    expect(stripXmlInvalid('x\uD83D')).toBe('x'); // half an emoji cut off at the end of a paste
  });

  it('leaves ordinary text alone', () => {
    const text = '创新联合体（Innovation Consortium）：2023年，“产学研”协同。';
    expect(stripXmlInvalid(text)).toBe(text);
  });
});

describe('hasXmlInvalid', () => {
  it('is true exactly when there is something to remove besides line endings', () => {
    expect(hasXmlInvalid('正常文本\r\n第二行\t')).toBe(false);
    expect(hasXmlInvalid('😀')).toBe(false);
    expect(hasXmlInvalid('a\u0007')).toBe(true);
    expect(hasXmlInvalid('\uFFFF')).toBe(true);
    expect(hasXmlInvalid('\uDC00a')).toBe(true);
  });

  it('gives the same answer on repeated calls (no regex state kept between calls)', () => {
    expect(hasXmlInvalid('a\u0001')).toBe(true);
    expect(hasXmlInvalid('a\u0001')).toBe(true);
  });
});

describe('toHalfWidth', () => {
  it('turns full-width ASCII forms and the ideographic space half-width', () => {
    expect(toHalfWidth('ＡＢＣ１２３（）－，\u3000')).toBe('ABC123()-, ');
    expect(toHalfWidth('中文不变')).toBe('中文不变');
  });
});
