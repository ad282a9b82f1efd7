import { describe, expect, it } from 'vitest';
import { divisionName, provinceCodeOf } from '../../../electron/core/regions/division';

describe('divisionName', () => {
  it('names provinces and autonomous regions', () => {
    expect(divisionName('650000')).toBe('新疆维吾尔自治区');
    expect(divisionName('450000')).toBe('广西壮族自治区');
    expect(divisionName('150000')).toBe('内蒙古自治区');
    expect(divisionName('330000')).toBe('浙江省');
    expect(divisionName('500000')).toBe('重庆市');
  });

  it('names prefecture-level cities with their province', () => {
    expect(divisionName('450100')).toBe('广西壮族自治区南宁市');
    expect(divisionName('650100')).toBe('新疆维吾尔自治区乌鲁木齐市');
    expect(divisionName('330100')).toBe('浙江省杭州市');
    expect(divisionName('441900')).toBe('广东省东莞市');
  });

  it('names county-level areas with their city and province', () => {
    expect(divisionName('450103')).toBe('广西壮族自治区南宁市青秀区');
    expect(divisionName('330106')).toBe('浙江省杭州市西湖区');
    expect(divisionName('650104')).toBe('新疆维吾尔自治区乌鲁木齐市新市区');
  });

  it('leaves out the 市辖区 / 县 / 直辖县级行政区划 placeholders', () => {
    expect(divisionName('110000')).toBe('北京市');
    expect(divisionName('110100')).toBe('北京市');
    expect(divisionName('110108')).toBe('北京市海淀区');
    expect(divisionName('500235')).toBe('重庆市云阳县');
    expect(divisionName('659001')).toBe('新疆维吾尔自治区石河子市');
  });

  it('falls back to the city, then the province, for codes not in the data', () => {
    expect(divisionName('450199')).toBe('广西壮族自治区南宁市');
    expect(divisionName('459900')).toBe('广西壮族自治区');
    expect(divisionName('459999')).toBe('广西壮族自治区');
  });

  it('returns null for unknown provinces and malformed codes', () => {
    expect(divisionName('100000')).toBeNull(); // central-level registrations, not a place
    expect(divisionName('990000')).toBeNull();
    expect(divisionName('4501')).toBeNull();
    expect(divisionName('45010A')).toBeNull();
    expect(divisionName('')).toBeNull();
  });

  it('accepts surrounding spaces', () => {
    expect(divisionName(' 450100 ')).toBe('广西壮族自治区南宁市');
  });
});

describe('provinceCodeOf', () => {
  it('takes the first two digits', () => {
    expect(provinceCodeOf('450103')).toBe('45');
    expect(provinceCodeOf('650000')).toBe('65');
  });
});
