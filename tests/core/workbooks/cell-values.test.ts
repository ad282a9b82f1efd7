import { describe, expect, it } from 'vitest';
import { getRegionTemplate } from '../../../electron/core/regions/templates';
import { matchOption, readCellValue, toColumnValue } from '../../../electron/core/workbooks/cell-values';
import { HeaderMatcher, normalizeHeader } from '../../../electron/core/workbooks/headers';
import type { ColumnDef } from '../../../electron/shared/region-template';

/** Every form exceljs gives a cell in, and the spellings people use, become the draft's string. */

const neimenggu = getRegionTemplate('neimenggu');
const xinjiang = getRegionTemplate('xinjiang');
const column = (table: string, key: string, template = xinjiang): ColumnDef => {
  const found = template.tables.find((candidate) => candidate.key === table)?.columns.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`${table}.${key}`);
  return found;
};

describe('reading what exceljs returns', () => {
  it('takes formulas (plain and shared) at their cached result, never evaluating them', () => {
    expect(readCellValue({ formula: 'A1+1', result: 57 })).toEqual({ kind: 'number', value: 57 });
    expect(readCellValue({ sharedFormula: 'B2', result: '化学工程' })).toEqual({ kind: 'text', text: '化学工程' });
    expect(readCellValue({ formula: 'NOW()' })).toEqual({ kind: 'empty' });
    expect(readCellValue({ formula: 'VLOOKUP(A1,B:C,2,0)', result: { error: '#N/A' } })).toEqual({ kind: 'error', error: '#N/A' });
  });

  it('joins rich text, and reads a hyperlink by its text (even rich), else by its address', () => {
    expect(readCellValue({ richText: [{ text: '新疆' }, { text: '天衡', font: { bold: true } }] })).toEqual({ kind: 'text', text: '新疆天衡' });
    expect(readCellValue({ text: { richText: [{ text: '官网' }] }, hyperlink: 'http://x.cn' })).toEqual({ kind: 'text', text: '官网' });
    expect(readCellValue({ text: '', hyperlink: 'mailto:a@b.cn' })).toEqual({ kind: 'text', text: 'a@b.cn' });
  });

  it('keeps dates, booleans and error values apart', () => {
    expect(readCellValue(new Date(Date.UTC(2019, 4, 1)))).toEqual({ kind: 'date', value: new Date(Date.UTC(2019, 4, 1)) });
    expect(readCellValue(true)).toEqual({ kind: 'boolean', value: true });
    expect(readCellValue({ error: '#REF!' })).toEqual({ kind: 'error', error: '#REF!' });
  });
});

describe('a cell as the draft keeps it', () => {
  it('turns dates into 年月 or a date as the column wants', () => {
    const date = { kind: 'date', value: new Date(Date.UTC(2017, 11, 20)) } as const;
    expect(toColumnValue(column('platforms', 'builtAt'), date).value).toBe('2017-12');
    expect(toColumnValue(column('platforms', 'name'), date).value).toBe('2017-12-20');
  });

  it('warns when 2017.10 typed as a number came back as 2017.1', () => {
    const result = toColumnValue(column('platforms', 'builtAt'), { kind: 'number', value: 2017.1 });
    expect(result.value).toBe('2017-01');
    expect(result.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'yearMonth.numberAmbiguous' })]);
  });

  it('reads 是/否 in the ways people write it', () => {
    const highTech = column('members', 'highTech');
    for (const yes of ['是', 'Y', 'yes', '√', 'TRUE', '１']) expect(toColumnValue(highTech, { kind: 'text', text: yes }).value, yes).toBe('是');
    for (const no of ['否', 'n', '×', 'False', '0']) expect(toColumnValue(highTech, { kind: 'text', text: no }).value, no).toBe('否');
    expect(toColumnValue(highTech, { kind: 'boolean', value: true }).value).toBe('是');
    expect(toColumnValue(highTech, { kind: 'text', text: '也许' }).problems[0]).toMatchObject({ severity: 'error' });
  });

  it('reads coded options by code, label or words, and other options by an unambiguous start', () => {
    const techField = column('platforms', 'techField', neimenggu);
    expect(toColumnValue(techField, { kind: 'text', text: 'A.新能源' }).value).toBe('A');
    expect(toColumnValue(techField, { kind: 'text', text: '新能源' }).value).toBe('A');
    expect(toColumnValue(techField, { kind: 'text', text: 'ｇ' }).value).toBe('G');
    expect(matchOption('核心层', xinjiang.tiers)).toBe('核心层单位');
    expect(matchOption('工程(技术)研究中心', column('platforms', 'category', neimenggu).options ?? [])).toBe('工程（技术）研究中心');
    // 层 could be several tiers: it stays as typed, and validation says so.
    expect(matchOption('层', xinjiang.tiers)).toBe('层');
  });

  it('strips a unit typed after a number and folds full-width digits', () => {
    expect(toColumnValue(column('team', 'age'), { kind: 'text', text: '５６岁' })).toEqual({ value: '56', problems: [] });
  });
});

describe('headers', () => {
  it('compare without width, spaces, line breaks, * marks or remarks in brackets', () => {
    expect(normalizeHeader(' 统一社会\n信用代码＊ ')).toBe('统一社会信用代码');
    const matcher = new HeaderMatcher(xinjiang, 'members');
    expect(matcher.match('统一社会\n信用代码*')).toMatchObject({ key: 'uscc', how: 'label' });
    expect(matcher.match('信用代码（必填）')).toMatchObject({ key: 'uscc', how: 'synonym' });
    expect(matcher.match('在行业（或领域）中的地位，在联合体内分工')).toMatchObject({ key: 'role' });
    expect(matcher.match('ＵＳＣＣ')).toMatchObject({ key: 'uscc' });
    expect(matcher.match('备注')).toBeNull();
  });

  it('only map synonyms to columns the region has', () => {
    // Inner Mongolia has 职称 and 职务 as two columns; Xinjiang has one 职务/职称 column the two parts join into.
    expect(new HeaderMatcher(neimenggu, 'team').match('职称')).toMatchObject({ key: 'title' });
    expect(new HeaderMatcher(xinjiang, 'team').match('职称')).toMatchObject({ key: 'postTitle', joinPart: 1 });
    expect(new HeaderMatcher(xinjiang, 'platforms').match('行业类别')).toBeNull();
  });
});
