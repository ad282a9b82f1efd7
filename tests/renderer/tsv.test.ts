import { describe, expect, it } from 'vitest';
import { parseTsv, toTsv } from '../../renderer/src/components/grid/tsv';

describe('clipboard text from Excel and WPS', () => {
  it('reads rows ended by \\r\\n with tab-separated cells, ignoring the line break after the last row', () => {
    expect(parseTsv('马志远\t56\r\n周立新\t52\r\n')).toEqual([
      ['马志远', '56'],
      ['周立新', '52'],
    ]);
  });

  it('keeps empty cells and empty rows in place', () => {
    expect(parseTsv('a\t\tc\r\n\r\n\tb\t')).toEqual([['a', '', 'c'], [''], ['', 'b', '']]);
  });

  it('reads quoted cells holding line breaks, tabs and doubled quotes', () => {
    expect(parseTsv('"主任\n（兼）研究员"\t"化工""过程""强化"\t"a\tb"\r\n')).toEqual([['主任\n（兼）研究员', '化工"过程"强化', 'a\tb']]);
  });

  it('reads a quote that does not open a quoted cell as a character', () => {
    expect(parseTsv('"高新"企业\t是')).toEqual([['"高新"企业', '是']]);
  });

  it('reads line breaks written as \\n alone (WPS on Linux) and as \\r alone', () => {
    expect(parseTsv('a\tb\nc\td\re\tf')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('gives nothing for an empty clipboard', () => {
    expect(parseTsv('')).toEqual([]);
  });

  it('writes what it reads back unchanged', () => {
    const rows = [
      ['成员1', '30', '主任\n（兼）研究员'],
      ['成员2', '', '化工"过程"强化'],
    ];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
    expect(toTsv(rows)).toBe('成员1\t30\t"主任\n（兼）研究员"\r\n成员2\t\t"化工""过程""强化"');
  });
});
