import { describe, expect, it } from 'vitest';
import { lookupCode, searchCodes } from '../../../electron/core/regions/code-tables';

describe('national code lists', () => {
  it('find an industry by its exact code with the path from the top', () => {
    const [first] = searchCodes('industry', '6513');
    expect(first).toMatchObject({ code: '6513', level: 4 });
    expect(first.path[0]).toBe('信息传输、软件和信息技术服务业');
    expect(first.path).toHaveLength(4);
  });

  it('find industries by any part of the name', () => {
    const names = searchCodes('industry', '棉').map((item) => item.name);
    expect(names.length).toBeGreaterThan(2);
    expect(names.every((name) => name.includes('棉'))).toBe(true);
    expect(names).toContain('棉花种植');
  });

  it('rank code-prefix matches before name matches and respect the limit', () => {
    const items = searchCodes('discipline', '520', 5);
    expect(items).toHaveLength(5);
    expect(items[0].code).toBe('520');
    expect(items.every((item) => item.code.startsWith('520'))).toBe(true);
  });

  it('look up one discipline code, and nothing for an unknown one', () => {
    expect(lookupCode('discipline', '110')).toMatchObject({ name: '数学', level: 1 });
    expect(lookupCode('discipline', '999')).toBeNull();
    expect(lookupCode('industry', 'i')).toMatchObject({ code: 'I', level: 1 });
  });
});
