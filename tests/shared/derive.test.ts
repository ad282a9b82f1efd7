import { describe, expect, it } from 'vitest';
import {
  deriveValues,
  derivedMismatches,
  leadRowOf,
  normalizeUnitName,
  platformLevelOf,
  printedMembers,
  provinceOfPlace,
  registrationInRegion,
  registrationOf,
  registrationPlaceOf,
  tooManyMainMembers,
  codeWithName,
  codeEntriesOf,
  type PlaceIndex,
} from '../../electron/shared/derive';
import { buildDraft, buildTemplate, lead, member, members, uscc } from '../core/checks/builders';

const template = buildTemplate();

describe('deriveValues', () => {
  it('counts members by unit type, with 其他机构 in the total only', () => {
    const draft = buildDraft(template, {
      members: [
        lead(),
        member('企业A'),
        member('新疆大学', { type: '高校' }),
        member('新疆某研究院', { type: '科研院所' }),
        member('某服务机构', { type: '其他机构' }),
      ],
    });
    const derived = deriveValues(template, draft);
    expect(derived).toMatchObject({
      memberCount: 5,
      enterpriseCount: 2,
      universityCount: 1,
      instituteCount: 1,
      enterpriseShare: 40,
    });
  });

  it('ignores rows whose cells are all empty', () => {
    const draft = buildDraft(template, { members: [lead(), { name: '', uscc: ' ' }, {}] });
    expect(deriveValues(template, draft).memberCount).toBe(1);
  });

  it('counts high-tech among enterprises only and divides by the number of enterprises', () => {
    const draft = buildDraft(template, {
      members: [
        lead(),
        member('企业A', { highTech: '否' }),
        member('企业B', { highTech: '否' }),
        member('企业C', { highTech: '否' }),
        member('新疆大学', { type: '高校', highTech: '是' }),
      ],
    });
    const derived = deriveValues(template, draft);
    expect(derived.highTechCount).toBe(1);
    expect(derived.highTechShare).toBe(25);
  });

  it('rounds shares to one decimal', () => {
    const draft = buildDraft(template, { members: members(9, 4) });
    expect(deriveValues(template, draft).enterpriseShare).toBe(44.4);
  });

  it('places members by the USCC, refined or overridden by a typed place that names one', () => {
    const draft = buildDraft(template, {
      members: [
        lead('牵头', { division: '650102' }), // USCC: Urumqi
        member('北京企业', { division: '110108' }), // USCC: Beijing
        member('迁入企业', { division: '110108', place: '650104' }), // typed code overrides
        member('名称企业', { division: '110108', place: '新疆乌鲁木齐市' }), // typed province name overrides
        member('外省企业', { division: '650102', place: '北京市海淀区' }),
        member('城市名企业', { division: '650102', place: '乌鲁木齐市' }), // a name the pure index cannot read: the USCC decides
        member('无码企业', { uscc: '', place: '某某路88号' }), // neither tells
      ],
    });
    const derived = deriveValues(template, draft);
    expect(derived.registeredInRegionCount).toBe(4);
    expect(derived.registrationUnknownCount).toBe(1);
    expect(derived.registeredShare).toBe(57.1);
  });

  it('lets the caller give the place index', () => {
    const everywhereBeijing: PlaceIndex = { nameOf: () => null, resolve: () => '110108' };
    const draft = buildDraft(template, { members: [lead('牵头', { place: '海淀' }), member('企业A', { place: '中关村' })] });
    expect(deriveValues(template, draft, everywhereBeijing).registeredInRegionCount).toBe(0);
    expect(deriveValues(template, draft).registeredInRegionCount).toBe(2);
  });

  it('counts platforms by level, provincial in each region’s words', () => {
    const draft = buildDraft(template, {
      platforms: ['国家级', '国家重点实验室', '省级', '自治区级', '市级', '省部级', ''].map((level, i) => ({
        name: `平台${i}`,
        level,
        hostUnit: '牵头',
      })),
    });
    const derived = deriveValues(template, draft);
    expect(derived.nationalPlatformCount).toBe(2);
    expect(derived.provincialPlatformCount).toBe(4);
  });

  it('gives zero shares for an empty draft', () => {
    expect(deriveValues(template, buildDraft(template))).toMatchObject({
      memberCount: 0,
      enterpriseShare: 0,
      highTechShare: 0,
      registeredShare: 0,
    });
  });
});

describe('derivedMismatches', () => {
  const draftWith = (fields: Record<string, string>) =>
    buildDraft(template, { fields, members: members(7, 4), platforms: [{ name: 'P', level: '国家级', hostUnit: 'x' }] });

  it('warns when a typed count differs from the computed one', () => {
    const draft = draftWith({ memberCount: '8', enterpriseCount: '4', nationalPlatformCount: '3' });
    const findings = derivedMismatches(template, draft, deriveValues(template, draft));
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      id: 'derived:memberCount',
      severity: 'warning',
      step: 'basic',
      target: { kind: 'field', key: 'memberCount' },
      message: '成员总数（个）：已按成员单位表计算为 7，与填写的 8 不一致',
      numbers: { 计算值: 7, 填写值: 8 },
    });
    expect(findings[1].message).toContain('已按科研平台表计算为 1，与填写的 3 不一致');
  });

  it('says nothing when the typed value agrees, is empty or is not a number', () => {
    const draft = draftWith({ memberCount: '7', enterpriseCount: '', nationalPlatformCount: '一个' });
    expect(derivedMismatches(template, draft, deriveValues(template, draft))).toEqual([]);
  });

  it('reads full-width digits the way the validator does', () => {
    const draft = draftWith({ memberCount: '７' });
    expect(derivedMismatches(template, draft, deriveValues(template, draft))).toEqual([]);
  });
});

describe('registration places', () => {
  it('reads the province from a code or a name', () => {
    expect(provinceOfPlace('450102')).toBe('45');
    expect(provinceOfPlace('广西壮族自治区南宁市')).toBe('45');
    expect(provinceOfPlace('内蒙古呼和浩特')).toBe('15');
    expect(provinceOfPlace('南宁市')).toBeNull();
  });

  const row = (values: Record<string, string>) => ({ id: 'a', values });

  it('decides in, out or cannot tell from the registration', () => {
    const of = (values: Record<string, string>) => registrationOf(row(values));
    expect(registrationInRegion(of({ uscc: uscc('650102', 1) }), '65')).toBe(true);
    expect(registrationInRegion(of({ uscc: uscc('450102', 1) }), '65')).toBe(false);
    expect(registrationInRegion(of({ registrationPlace: '重庆市渝北区' }), '50')).toBe(true);
    expect(registrationInRegion(of({ registrationPlace: '两江新区' }), '50', ['两江新区'])).toBe(true);
    expect(registrationInRegion(of({ registrationPlace: '四川省成都市' }), '50')).toBe(false);
    expect(registrationInRegion(of({ registrationPlace: '渝北区' }), '50')).toBeNull();
    expect(registrationInRegion(of({}), '50')).toBeNull();
    // A province alone cannot place a unit inside a district; the USCC's county code can.
    expect(registrationInRegion(of({ registrationPlace: '重庆市' }), '500112')).toBeNull();
    expect(registrationInRegion(of({ uscc: uscc('500112', 1), registrationPlace: '重庆市' }), '500112')).toBe(true);
  });

  it('keeps the more precise of two places that agree, and both of two that do not', () => {
    expect(registrationOf(row({ uscc: uscc('650102', 1), registrationPlace: '新疆' }))).toMatchObject({
      code: '650102',
      conflict: false,
    });
    expect(registrationOf(row({ uscc: uscc('650000', 1), registrationPlace: '650104' }))).toMatchObject({
      code: '650104',
      conflict: false,
    });
    expect(registrationOf(row({ uscc: uscc('450102', 1), registrationPlace: ' 650102 ' }))).toMatchObject({
      code: '650102',
      usccCode: '450102',
      typedCode: '650102',
      conflict: true,
    });
  });

  it('falls back on the USCC when the typed place names nothing it can read', () => {
    expect(registrationPlaceOf(row({ uscc: uscc('440305', 1), registrationPlace: '深圳市南山区' }))).toBe('440305');
    expect(registrationPlaceOf(row({ uscc: uscc('450102', 1) }))).toBe('450102');
    expect(registrationPlaceOf(row({ uscc: '12345' }))).toBeNull();
  });
});

describe('helpers', () => {
  it('compares unit names across spaces and bracket widths', () => {
    expect(normalizeUnitName(' 新疆某某（集团）有限公司 ')).toBe(normalizeUnitName('新疆某某(集团)有限公司'));
    expect(normalizeUnitName('新疆某某公司')).not.toBe(normalizeUnitName('新疆某某有限公司'));
  });

  it('classifies platform levels', () => {
    expect(platformLevelOf('国家级')).toBe('national');
    expect(platformLevelOf('自治区级')).toBe('provincial');
    expect(platformLevelOf('企业技术中心')).toBeNull();
  });

  it('finds the lead by tier, else takes row 1', () => {
    const byTier = buildDraft(template, { members: [member('甲'), lead('乙')] });
    expect(leadRowOf(byTier)?.values.name).toBe('乙');
    const noTier = buildDraft(template, { members: [member('甲'), member('乙')] });
    expect(leadRowOf(noTier)?.values.name).toBe('甲');
    expect(leadRowOf(buildDraft(template))).toBeNull();
  });
});

describe('printedMembers', () => {
  const names = (template_: typeof template, list: ReturnType<typeof members>) =>
    printedMembers(template_, buildDraft(template_, { members: list })).map((row) => row.values.name);

  it('prints all of 20 members', () => {
    expect(names(template, members(20, 12))).toHaveLength(20);
  });

  it('prints the first 20 of 21 when none is marked main', () => {
    const printed = names(template, members(21, 12));
    expect(printed).toHaveLength(20);
    expect(printed[0]).toBe('牵头企业');
    expect(printed).not.toContain('高校20');
  });

  it('prints the lead and the main members of 24', () => {
    const list = members(24, 12);
    list[5].main = '是';
    list[22].main = '是';
    list[23].main = '否';
    expect(names(template, list)).toEqual(['牵头企业', '企业5', '高校22']);
  });

  it('puts the lead first wherever it is listed', () => {
    const list = [member('甲'), member('乙'), lead('丙')];
    expect(names(template, list)).toEqual(['丙', '甲', '乙']);
  });

  it('prints every member where the template sets no limit', () => {
    const unlimited = buildTemplate({
      tables: template.tables.map((table) => ({ ...table, printedRowsMax: undefined })),
    });
    expect(names(unlimited, members(24, 12))).toHaveLength(24);
  });
});

describe('tooManyMainMembers', () => {
  const draftWithMain = (total: number, main: number) => {
    const list = members(total, 12);
    for (let i = 1; i <= main; i++) list[i].main = '是';
    return buildDraft(template, { members: list });
  };

  it('accepts the lead and 19 main members, the form’s 20 rows', () => {
    expect(tooManyMainMembers(template, draftWithMain(30, 19))).toBeNull();
  });

  it('refuses 20 main members with the lead, saying how many and the form’s rule', () => {
    const problem = tooManyMainMembers(template, draftWithMain(30, 20));
    expect(problem).toMatchObject({ main: 20, max: 20 });
    expect(problem?.message).toContain('共 21 家，超过申请表可列的 20 家');
    expect(problem?.message).toContain('若成员单位超过20家，则只需填写主要成员单位的有关情况');
  });

  it('does not apply when all members fit on the form', () => {
    expect(tooManyMainMembers(template, draftWithMain(20, 19))).toBeNull();
  });
});

describe('code names for printing', () => {
  it('lists every code field and code cell with the name the lookup gives', () => {
    const coded = buildTemplate({
      fields: [{ key: 'industryCode', label: '行业类别', type: 'industryCode', step: 'basic' }],
      tables: [
        ...template.tables.filter((table) => table.key !== 'platforms'),
        {
          key: 'platforms',
          label: '科研平台',
          step: 'platforms',
          columns: [{ key: 'disciplineCode', label: '国标学科', type: 'disciplineCode' }],
        },
      ],
    });
    const draft = buildDraft(coded, { fields: { industryCode: ' ３２３２ ' }, platforms: [{ disciplineCode: '430' }, { disciplineCode: '' }] });
    const names: Record<string, string> = { '3232': '稀土金属冶炼', '430': '材料科学' };
    const entries = codeEntriesOf(coded, draft, (_kind, code) => names[code] ?? null);
    expect(entries.map((entry) => [entry.kind, entry.code, entry.name, entry.where.kind])).toEqual([
      ['industry', '3232', '稀土金属冶炼', 'field'],
      ['discipline', '430', '材料科学', 'cell'],
    ]);
    expect(codeWithName(entries[0])).toBe('3232 稀土金属冶炼');
    expect(codeWithName({ code: '9999', name: null })).toBe('9999');
  });
});
