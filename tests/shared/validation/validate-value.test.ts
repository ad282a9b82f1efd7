import { describe, expect, it } from 'vitest';
import { validateValue } from '../../../electron/shared/validation';

const required = { severity: 'error', code: 'required', message: '此项为必填，请填写' };

describe('validateValue', () => {
  it('reports an empty value only when the field is required', () => {
    expect(validateValue('text', '', { required: true })).toEqual([required]);
    expect(validateValue('uscc', '  ', { required: true })).toEqual([required]);
    expect(validateValue('uscc', '', {})).toEqual([]);
    expect(validateValue('date', '')).toEqual([]);
    expect(validateValue('multiselect', ' , ', { required: true, options: ['A'] })).toEqual([required]);
  });

  it('dispatches each type to its validator', () => {
    expect(validateValue('uscc', '91350100M000100Y44')[0].code).toBe('uscc.checkChar');
    expect(validateValue('idcard', '110105491231002')[0].code).toBe('idcard.old15');
    expect(validateValue('phone', '1381234567')[0].code).toBe('phone.mobileLength');
    expect(validateValue('date', '2023-02-29')[0].code).toBe('date.invalid');
    expect(validateValue('yearMonth', '2024-13')[0].code).toBe('yearMonth.invalid');
    expect(validateValue('integer', '3.5')[0].code).toBe('integer.decimal');
    expect(validateValue('money', '100万元')[0].code).toBe('money.format');
    expect(validateValue('age', '121')[0].code).toBe('age.range');
    expect(validateValue('uscc', '91110000600037341L')).toEqual([]);
    expect(validateValue('phone', '0771-1234567')).toEqual([]);
  });

  it('limits text and long text by Word-style count', () => {
    expect(validateValue('longtext', '字'.repeat(500), { maxChars: 500 })).toEqual([]);
    expect(validateValue('longtext', '字'.repeat(501), { maxChars: 500 })).toEqual([
      { severity: 'error', code: 'text.maxChars', message: '已 501 字，超出限制 500 字' },
    ]);
    expect(validateValue('text', 'ABC-123 联合体', { maxChars: 4 })).toEqual([]);
    expect(validateValue('text', 'ABC-123 联合体', { maxChars: 3 })[0].message).toBe('已 4 字，超出限制 3 字');
    expect(validateValue('longtext', '字'.repeat(10_000))).toEqual([]);
  });

  it('warns about characters that cannot go into a Word document', () => {
    expect(validateValue('longtext', '第一段\u0007第二段', { maxChars: 500 })).toEqual([
      {
        severity: 'warning',
        code: 'text.invalidChars',
        message: '含有无法写入 Word 文档的不可见控制字符，导出时将自动删除',
      },
    ]);
    expect(validateValue('longtext', '第一段\r\n第二段')).toEqual([]);
  });

  it('requires a select value to be one of the options', () => {
    const options = ['企业', '高校', '科研院所', '其他机构'];
    expect(validateValue('select', '高校', { options })).toEqual([]);
    expect(validateValue('select', ' 高校 ', { options })).toEqual([]);
    expect(validateValue('select', '大学', { options })).toEqual([
      {
        severity: 'error',
        code: 'select.notOption',
        message: '“大学”不是可选项，请从以下选项中选择：企业、高校、科研院所、其他机构',
      },
    ]);
  });

  it('checks each multiselect item and the number chosen, at and over maxItems', () => {
    const options = ['A', 'B', 'C', 'D'];
    expect(validateValue('multiselect', 'A,C', { options, maxItems: 2 })).toEqual([]);
    expect(validateValue('multiselect', 'A, C ,', { options, maxItems: 2 })).toEqual([]);
    expect(validateValue('multiselect', 'A,B,C', { options, maxItems: 2 })).toEqual([
      { severity: 'error', code: 'multiselect.tooMany', message: '最多选择 2 项，当前已选 3 项' },
    ]);
    expect(validateValue('multiselect', 'A,A', { options, maxItems: 1 })).toEqual([]);
    expect(validateValue('multiselect', 'A,E,F', { options })).toEqual([
      { severity: 'error', code: 'multiselect.notOption', message: '“E”、“F”不是可选项，请从选项中选择' },
    ]);
  });

  it('accepts only 是 or 否 for a boolean', () => {
    expect(validateValue('boolean', '是')).toEqual([]);
    expect(validateValue('boolean', '否')).toEqual([]);
    expect(validateValue('boolean', 'yes')).toEqual([
      { severity: 'error', code: 'boolean.format', message: '请填写“是”或“否”' },
    ]);
  });

  it('checks the shape of industry codes (GB/T 4754-2017)', () => {
    for (const value of ['C', 't', '39', '391', '3911', '３９']) {
      expect(validateValue('industryCode', value), value).toEqual([]);
    }
    for (const value of ['U', 'C39', '3', '39111', 'AB']) {
      expect(validateValue('industryCode', value)[0]?.code, value).toBe('industryCode.format');
    }
  });

  it('checks the shape of discipline codes (GB/T 13745-2009): 3, 5 or 7 digits', () => {
    for (const value of ['520', '52020', '5202010']) {
      expect(validateValue('disciplineCode', value), value).toEqual([]);
    }
    for (const value of ['52', '5202', '520201', '52020101', '520.20']) {
      expect(validateValue('disciplineCode', value)[0]?.code, value).toBe('disciplineCode.format');
    }
  });
});
