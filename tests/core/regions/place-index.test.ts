import { describe, expect, it } from 'vitest';
import { divisionPlaces, resolvePlace } from '../../../electron/core/regions/place-index';

describe('resolvePlace', () => {
  it('reads a county through its city, and a city or province alone', () => {
    expect(resolvePlace('深圳市南山区')).toBe('440305');
    expect(resolvePlace('广东省深圳市南山区科技园')).toBe('440305');
    expect(resolvePlace('乌鲁木齐市新市区')).toBe('650104');
    expect(resolvePlace('北京市西城区')).toBe('110102');
    expect(resolvePlace('重庆市渝北区')).toBe('500112');
    expect(resolvePlace('广东省深圳市')).toBe('4403');
    expect(resolvePlace('广西南宁')).toBe('4501');
    expect(resolvePlace('阿拉善盟')).toBe('1529');
    expect(resolvePlace('内蒙古')).toBe('15');
    expect(resolvePlace(' 650102 ')).toBe('650102');
  });

  it('names nothing when the words fit several places or contradict each other', () => {
    expect(resolvePlace('南山区')).toBeNull(); // Shenzhen and Hegang
    expect(resolvePlace('广东省南宁市')).toBeNull();
    expect(resolvePlace('两江新区')).toBeNull();
    expect(resolvePlace('科技大道88号')).toBeNull();
    expect(resolvePlace('')).toBeNull();
  });

  it('takes 吉林 for the province and 吉林省吉林市 for the city', () => {
    expect(resolvePlace('吉林')).toBe('22');
    expect(resolvePlace('吉林省吉林市')).toBe('2202');
  });

  it('names codes of every precision', () => {
    expect(divisionPlaces.nameOf('440305')).toBe('广东省深圳市南山区');
    expect(divisionPlaces.nameOf('4403')).toBe('广东省深圳市');
    expect(divisionPlaces.nameOf('65')).toBe('新疆维吾尔自治区');
  });

  it('answers 1 000 rows of typed places quickly', () => {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) resolvePlace(`新疆乌鲁木齐市新市区科技路${i}号`);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('resolvePlace on pasted text', () => {
  it('reads only the first words of a very long text, quickly', () => {
    const started = performance.now();
    expect(resolvePlace(`深圳市南山区${'城区矿区郊区'.repeat(20_000)}`)).toBe('440305');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
