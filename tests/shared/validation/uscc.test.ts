import { describe, expect, it } from 'vitest';
import { checkUscc, normalizeUscc, unitTypeMatchesUsccCategory, usccCategory, usccCheckChar, usccDivisionCode } from '../../../electron/shared/validation/uscc';

describe('usccCheckChar (GB 32100-2015)', () => {
  it('computes the check character of real codes', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(usccCheckChar('91110000600037341')).toBe('L');
  });

  it('maps 31 - 0 = 31 to 0 and a value of 30 to Y', () => {
    expect(usccCheckChar('91450100MA5KXXXX0')).toBe('0');
    expect(usccCheckChar('91450100MA5N0KXX0')).toBe('Y');
  });

  it('returns null for a body that is not 17 characters of the alphabet', () => {
    expect(usccCheckChar('91350100M000100Y')).toBeNull();
    expect(usccCheckChar('91350100M000100Y43')).toBeNull();
    expect(usccCheckChar('91350100M000100I4')).toBeNull();
    expect(usccCheckChar('91350100S000100Y4')).toBeNull();
  });
});

describe('checkUscc', () => {
  it('accepts valid codes', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual([]);
    expect(checkUscc('91110000600037341L')).toEqual([]);
    for (const body of ['91450100MA5KXXXX0', '91450100MA5N0KXX0', '12650000457600000', '52450000MJ0000000']) {
      expect(checkUscc(body + usccCheckChar(body))).toEqual([]);
    }
  });

  it('normalises spaces, case and full-width characters before checking', () => {
    expect(normalizeUscc(' ９１３５０１００ｍ０００１００ｙ４３ ')).toBe('91350100M000100Y43');
    expect(normalizeUscc('9135 0100 M000 100Y 43')).toBe('91350100M000100Y43');
    expect(checkUscc('91110000600037341l')).toEqual([]);
    expect(checkUscc('　９１１１００００６０００３７３４１Ｌ')).toEqual([]);
  });

  it('has nothing to say about an empty value (required is checked elsewhere)', () => {
    expect(checkUscc('')).toEqual([]);
    expect(checkUscc('   ')).toEqual([]);
  });

  it('rejects a wrong check character as an error, naming the expected one (as for an ID check digit)', () => {
    expect(checkUscc('91350100M000100Y44')).toEqual([
      {
        severity: 'error',
        code: 'uscc.checkChar',
        message: '统一社会信用代码校验位不符（按前17位计算应为 3），请对照营业执照或登记证书核对',
      },
    ]);
    expect(checkUscc('91450100MA5N0KXX01')[0].message).toContain('应为 Y');
  });

  it('rejects a wrong length as an error', () => {
    expect(checkUscc('91350100M000100Y4')).toEqual([
      { severity: 'error', code: 'uscc.length', message: '统一社会信用代码应为18位，当前为 17 位' },
    ]);
    expect(checkUscc('91350100M000100Y433')[0].message).toBe('统一社会信用代码应为18位，当前为 19 位');
  });

  it('rejects characters outside the alphabet, listing them', () => {
    const problems = checkUscc('9135O100M000100I43');
    expect(problems).toHaveLength(1);
    expect(problems[0].severity).toBe('error');
    expect(problems[0].code).toBe('uscc.charset');
    expect(problems[0].message).toContain('O、I');
    expect(checkUscc('91350100M0001-0Y43')[0].message).toContain('-');
  });

  it('reports both length and characters when both are wrong', () => {
    expect(checkUscc('9135Z100').map((p) => p.code)).toEqual(['uscc.length', 'uscc.charset']);
  });
});

describe('usccDivisionCode', () => {
  it('takes characters 3–8 as the registering authority division code', () => {
    expect(usccDivisionCode('91350100M000100Y43')).toBe('350100');
    expect(usccDivisionCode('91110000600037341L')).toBe('110000');
    expect(usccDivisionCode('９１４５０１００ＭＡ５ＫＸＸＸＸ００')).toBe('450100');
  });

  it('returns null when the code is not 18 characters or those six are not digits', () => {
    expect(usccDivisionCode('91350100M000100Y4')).toBeNull();
    expect(usccDivisionCode('9135A100M000100Y43')).toBeNull();
    expect(usccDivisionCode('')).toBeNull();
  });
});

describe('usccCategory (GB 32100 characters 1–2)', () => {
  it('reads what the unit is registered as', () => {
    expect(usccCategory('91350100M000100Y43')).toEqual({ code: '91', name: '企业' });
    expect(usccCategory('12100000400000000X')).toEqual({ code: '12', name: '事业单位' });
    expect(usccCategory('52110000MJ0000000X')?.name).toBe('民办非企业单位');
    expect(usccCategory('92110000MA00000000')?.name).toBe('个体工商户');
    expect(usccCategory('93110000MA00000000')?.name).toBe('农民专业合作社');
    expect(usccCategory('５３１１')?.name).toBe('基金会');
    expect(usccCategory('A1110000')?.name).toBe('军队事业单位');
    expect(usccCategory('00110000')).toBeNull();
  });

  it('matches 单位类型 against it, leaving 其他机构 free', () => {
    expect(unitTypeMatchesUsccCategory('企业', '91')).toBe(true);
    expect(unitTypeMatchesUsccCategory('企业', '12')).toBe(false);
    expect(unitTypeMatchesUsccCategory('企业', '92')).toBe(false);
    expect(unitTypeMatchesUsccCategory('高校', '12')).toBe(true);
    expect(unitTypeMatchesUsccCategory('高校', '52')).toBe(true);
    expect(unitTypeMatchesUsccCategory('高校', '91')).toBe(false);
    expect(unitTypeMatchesUsccCategory('科研院所', '91')).toBe(false);
    expect(unitTypeMatchesUsccCategory('其他机构', '53')).toBe(true);
  });
});
