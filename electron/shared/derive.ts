import type { DerivedValues, Finding } from './checks';
import type { Draft, TableRow } from './draft';
import { leadTier, memberKeys, unitTypeEnterprise, unitTypeInstitute, unitTypeUniversity, yes } from './draft';
import type { DerivedKey, RegionTemplate } from './region-template';
import { parseInteger, usccDivisionCode } from './validation';

/**
 * Values computed from the tables rather than typed (成员总数, 企业数量 …), and the helpers the checks and
 * the documents share to read the member table: which row is the lead (牵头单位), where a member is
 * registered (注册地), which members the printed form lists.
 */

/** Column keys of the platform (科研平台) and council (理事会) tables that rules read. */
export const platformKeys = {
  name: 'name', // 平台名称
  level: 'level', // 国家/省级
  hostUnit: 'hostUnit', // 依托单位
} as const;
export const councilKeys = {
  unit: 'unit', // 所在单位
  councilRole: 'councilRole', // 理事会职务: 理事长 / 副理事长 / 理事
} as const;
export const councilChair = '理事长';

const trimmed = (value: string | undefined): string => (value ?? '').trim();

/** A row whose cells are all empty is a row the user added and has not filled: it counts for nothing. */
export function isBlankRow(row: TableRow): boolean {
  return Object.values(row.values).every((value) => value.trim() === '');
}

export function filledRows(rows: TableRow[] | undefined): TableRow[] {
  return (rows ?? []).filter((row) => !isBlankRow(row));
}

/**
 * Unit names are compared as typed on licences and forms, which differ in spaces and full-/half-width
 * brackets (（有限公司） vs (有限公司)); nothing else is folded, so two different units never compare equal.
 */
export function normalizeUnitName(name: string): string {
  return name
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

/**
 * The lead unit's row: the first row whose tier is 牵头单位, or else the first row, because the form prints
 * the lead in row 1 (「1（牵头单位）」). The rule firstMemberIsLead reports drafts where the two disagree.
 */
export function leadRowOf(draft: Draft): TableRow | null {
  const rows = filledRows(draft.tables.members);
  return rows.find((row) => trimmed(row.values[memberKeys.tier]) === leadTier) ?? rows[0] ?? null;
}

/**
 * Where a member is registered: what the user typed in 注册地 (a six-digit division code or a place name)
 * wins, since a unit may have moved since its code was issued; otherwise characters 3–8 of its USCC.
 */
export function registrationPlaceOf(row: TableRow): string | null {
  const typed = trimmed(row.values[memberKeys.registrationPlace]);
  if (typed !== '') return typed;
  return usccDivisionCode(row.values[memberKeys.uscc] ?? '');
}

/**
 * Province-level names by GB/T 2260 prefix, with the short forms people type, so that a typed place name
 * can be placed in (or out of) a province. City and county names are not listed: for those the user is
 * asked for the six-digit code instead.
 */
const provinceNames: Record<string, string[]> = {
  '11': ['北京'],
  '12': ['天津'],
  '13': ['河北'],
  '14': ['山西'],
  '15': ['内蒙古'],
  '21': ['辽宁'],
  '22': ['吉林'],
  '23': ['黑龙江'],
  '31': ['上海'],
  '32': ['江苏'],
  '33': ['浙江'],
  '34': ['安徽'],
  '35': ['福建'],
  '36': ['江西'],
  '37': ['山东'],
  '41': ['河南'],
  '42': ['湖北'],
  '43': ['湖南'],
  '44': ['广东'],
  '45': ['广西'],
  '46': ['海南'],
  '50': ['重庆'],
  '51': ['四川'],
  '52': ['贵州'],
  '53': ['云南'],
  '54': ['西藏'],
  '61': ['陕西'],
  '62': ['甘肃'],
  '63': ['青海'],
  '64': ['宁夏'],
  '65': ['新疆'],
  '71': ['台湾'],
  '81': ['香港'],
  '82': ['澳门'],
};

/** The two-digit province prefix of a place (a division code or a name), or null when we cannot tell. */
export function provinceOfPlace(place: string): string | null {
  if (/^\d{6}$/.test(place)) return place.slice(0, 2);
  // A name that mentions two provinces (广东省…广西路) is ambiguous, so only a single match counts.
  const matches = Object.entries(provinceNames).filter(([, names]) => names.some((name) => place.includes(name)));
  return matches.length === 1 ? matches[0][0] : null;
}

/**
 * Whether a place lies in a region given by a division-code prefix (2 digits for a province, more for a
 * city or district). `placeNames` are further names that mean "inside" (两江新区). Null: cannot tell.
 */
export function placeInRegion(place: string | null, regionCode: string, placeNames: string[] = []): boolean | null {
  if (place === null || place === '') return null;
  if (/^\d{6}$/.test(place)) return place.startsWith(regionCode);
  if (placeNames.some((name) => name !== '' && place.includes(name))) return true;
  const province = provinceOfPlace(place);
  if (province === null) return null;
  if (province !== regionCode.slice(0, 2)) return false;
  // A name that only tells the province cannot place a unit inside a smaller region.
  return regionCode.length <= 2 ? true : null;
}

export type PlatformLevel = 'national' | 'provincial';

/** 国家级 vs the provincial level, which each region names in its own words (省级, 自治区级, 市级, 省部级). */
export function platformLevelOf(level: string): PlatformLevel | null {
  const value = level.trim();
  if (value === '') return null;
  if (value.includes('国家')) return 'national';
  if (/省|自治区|市级|部级/.test(value)) return 'provincial';
  return null;
}

/** A percentage with one decimal, 0 when there is nothing to divide by. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0;
}

export function isEnterprise(row: TableRow): boolean {
  return trimmed(row.values[memberKeys.unitType]) === unitTypeEnterprise;
}

/**
 * Counts and shares from the member and platform tables. Shares use every member, the lead included, as
 * the denominator — except highTechShare, which is over enterprises: Xinjiang's 「企业比例不低于50%（其中
 * 高新技术企业不低于20%）」 says 其中, "of which", i.e. of the enterprises. `placeOf` lets the caller say where
 * a member is registered (the default reads 注册地, then the USCC).
 */
export function deriveValues(
  template: RegionTemplate,
  draft: Draft,
  placeOf: (row: TableRow) => string | null = registrationPlaceOf,
): DerivedValues {
  const members = filledRows(draft.tables.members);
  const countType = (type: string) => members.filter((row) => trimmed(row.values[memberKeys.unitType]) === type).length;
  const enterprises = members.filter(isEnterprise);
  const highTechCount = enterprises.filter((row) => trimmed(row.values[memberKeys.highTech]) === yes).length;

  let registeredInRegionCount = 0;
  let registrationUnknownCount = 0;
  for (const row of members) {
    const inside = placeInRegion(placeOf(row), template.divisionPrefix, [template.name, template.shortName]);
    if (inside === true) registeredInRegionCount++;
    if (inside === null) registrationUnknownCount++;
  }

  const platforms = filledRows(draft.tables.platforms);
  const levels = platforms.map((row) => platformLevelOf(row.values[platformKeys.level] ?? ''));

  const memberCount = members.length;
  const enterpriseCount = enterprises.length;
  return {
    memberCount,
    enterpriseCount,
    universityCount: countType(unitTypeUniversity),
    instituteCount: countType(unitTypeInstitute),
    highTechCount,
    registeredInRegionCount,
    registrationUnknownCount,
    enterpriseShare: percent(enterpriseCount, memberCount),
    highTechShare: percent(highTechCount, enterpriseCount),
    registeredShare: percent(registeredInRegionCount, memberCount),
    nationalPlatformCount: levels.filter((level) => level === 'national').length,
    provincialPlatformCount: levels.filter((level) => level === 'provincial').length,
    platformCount: platforms.length,
  };
}

/** The value of a derived key, and the table it was counted from (for the message). */
export function derivedValueOf(derived: DerivedValues, key: DerivedKey): { value: number; source: string } {
  switch (key) {
    case 'memberCount':
    case 'enterpriseCount':
    case 'universityCount':
    case 'instituteCount':
      return { value: derived[key], source: '成员单位表' };
    case 'nationalPlatformCount':
    case 'provincialPlatformCount':
    case 'platformCount':
      return { value: derived[key], source: '科研平台表' };
  }
}

/**
 * Where a template field is derived and the user typed a number anyway, a typed value that differs from the
 * computed one is a warning: the form will print one of them, and the user should know they disagree.
 * Values that are not whole numbers are left to the field's own validation.
 */
export function derivedMismatches(template: RegionTemplate, draft: Draft, derived: DerivedValues): Finding[] {
  const findings: Finding[] = [];
  for (const field of template.fields) {
    if (!field.derived) continue;
    const typed = trimmed(draft.fields[field.key]);
    if (typed === '') continue;
    const typedNumber = parseInteger(typed);
    if (typedNumber === null) continue;
    const { value, source } = derivedValueOf(derived, field.derived);
    if (typedNumber === value) continue;
    findings.push({
      id: `derived:${field.key}`,
      step: field.step,
      target: { kind: 'field', key: field.key },
      severity: 'warning',
      message: `${field.label}：已按${source}计算为 ${value}，与填写的 ${typedNumber} 不一致`,
      numbers: { 计算值: value, 填写值: typedNumber },
    });
  }
  return findings;
}

/**
 * The members the application form lists: the lead first, then — when there are more than the form's
 * limit (printedRowsMax, 20: 「若成员单位超过20家，则只需填写主要成员单位」) — the members marked 主要成员单位,
 * else simply the first ones. Without a limit in the template, all of them.
 * The full list always travels as an attachment (Excel).
 */
export function printedMembers(template: RegionTemplate, draft: Draft): TableRow[] {
  const rows = filledRows(draft.tables.members);
  const lead = leadRowOf(draft);
  const ordered = lead ? [lead, ...rows.filter((row) => row !== lead)] : rows;
  const max = printedMembersMax(template);
  if (max === null || ordered.length <= max) return ordered;
  const others = ordered.slice(lead ? 1 : 0);
  const main = others.filter((row) => trimmed(row.values[memberKeys.main]) === yes);
  const chosen = main.length > 0 ? main : others;
  return [...(lead ? [lead] : []), ...chosen].slice(0, max);
}

/** The form's limit on listed members, or null where the template sets none (the form lists them all). */
export function printedMembersMax(template: RegionTemplate): number | null {
  return template.tables.find((table) => table.key === 'members')?.printedRowsMax ?? null;
}
