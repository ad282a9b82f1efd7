import type { DerivedValues, Finding } from './checks';
import type { Draft, TableRow } from './draft';
import { leadTier, memberKeys, unitTypeEnterprise, unitTypeInstitute, unitTypeUniversity, yes } from './draft';
import type { CodeTableKind } from './code-tables';
import type { DerivedKey, RegionTemplate, TableId, ValueType } from './region-template';
import { parseInteger, toHalfWidth, usccDivisionCode } from './validation';

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

const fullWidthForm = /[\uFF01-\uFF5E]/;

/**
 * Unit names are compared as typed on licences and forms, which differ in spaces and full-/half-width
 * brackets (（有限公司） vs (有限公司)); nothing else is folded, so two different units never compare equal.
 */
export function normalizeUnitName(name: string): string {
  // Asked first: a replace with a function costs several times a test even when it finds nothing.
  const half = fullWidthForm.test(name) ? name.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)) : name;
  return half.replace(/[\s\u3000]+/g, '').toLowerCase();
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
 * What the app knows of place names (GB/T 2260). The pure default knows the province names only; the core
 * supplies the full list of cities and counties (core/regions/place-index), so that 「深圳市南山区」 is 440305.
 */
export interface PlaceIndex {
  /** The full name of a six-digit division code, or null when unknown. */
  nameOf(code6: string): string | null;
  /**
   * The most precise division code a typed text names without doubt: six digits for a county, four for a
   * city, two for a province; null when it names none, or several that do not nest.
   */
  resolve(text: string): string | null;
}

/**
 * Where a member is registered (注册地), from the two things the user may have given: characters 3–8 of
 * its 统一社会信用代码 (the registering authority's division code) and what was typed in 注册地. The code
 * decides; the typed place refines it (a county inside the code's city) or overrides it (a unit that has
 * moved since its code was issued) only when it names a place unambiguously. A disagreement is kept so
 * the user sees both.
 */
export interface Registration {
  /** The division code decided on: 6 digits, or 2/4 when only the province/city is known; null: undecided. */
  code: string | null;
  /** Characters 3–8 of the USCC, when it has them. */
  usccCode: string | null;
  /** 注册地 as typed (trimmed), '' when empty. */
  typed: string;
  /** The code the typed place names, when it names one unambiguously. */
  typedCode: string | null;
  /** The typed place names a place outside the USCC's: `code` follows the typed place. */
  conflict: boolean;
}

export function registrationOf(row: TableRow, places: PlaceIndex = provincePlaces): Registration {
  const typed = trimmed(row.values[memberKeys.registrationPlace]);
  const usccCode = usccDivisionCode(row.values[memberKeys.uscc] ?? '');
  const typedCode = typed === '' ? null : places.resolve(typed);
  if (typedCode === null) return { code: usccCode, usccCode, typed, typedCode, conflict: false };
  if (usccCode === null) return { code: typedCode, usccCode, typed, typedCode, conflict: false };
  // Nested codes agree: keep the more precise one (440300 typed as 深圳市, 440305 from the code → 440305).
  const usccPrefix = significantPrefix(usccCode);
  const typedPrefix = significantPrefix(typedCode);
  if (usccPrefix.startsWith(typedPrefix)) return { code: usccCode, usccCode, typed, typedCode, conflict: false };
  if (typedPrefix.startsWith(usccPrefix)) return { code: typedCode, usccCode, typed, typedCode, conflict: false };
  return { code: typedCode, usccCode, typed, typedCode, conflict: true };
}

/** '440300' → '4403', '650000' → '65', '440305' → '440305': the part of a code that says something. */
function significantPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** 「440305（广东省深圳市南山区）」 for a code the index can name, the code alone otherwise. */
export function describeDivision(code: string, places: PlaceIndex = provincePlaces): string {
  const full = code.length === 6 ? code : code.padEnd(6, '0');
  const name = places.nameOf(full);
  return name ? `${code}（${name}）` : code;
}

/** 「440305 广东省深圳市南山区」, for use inside brackets; the code alone where the index cannot name it. */
export function divisionText(code: string, places: PlaceIndex = provincePlaces): string {
  const name = places.nameOf(code.padEnd(6, '0'));
  return name ? `${code} ${name}` : code;
}

/** How a registration reads in a message: the typed place, the code it came from, or both when they differ. */
export function describeRegistration(registration: Registration, places: PlaceIndex = provincePlaces): string {
  if (registration.code === null) return registration.typed || '未知';
  if (registration.typed === '' || /^\d{6}$/.test(registration.typed)) return describeDivision(registration.code, places);
  return `${registration.typed}（${divisionText(registration.code, places)}）`;
}

/**
 * Province-level names by GB/T 2260 prefix, with the short forms people type, so that a typed place name
 * can be placed in (or out of) a province without the full list of cities and counties.
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

/** The pure place index: six-digit codes and province names. */
export const provincePlaces: PlaceIndex = {
  nameOf: () => null,
  resolve: (text) => {
    const value = text.trim();
    if (/^\d{6}$/.test(value)) return value;
    return provinceOfPlace(value);
  },
};

/**
 * Whether a registration lies in a region given by a division-code prefix (2 digits for a province, more
 * for a city or district). `placeNames` are names that mean "inside" when typed (两江新区). Null: cannot tell
 * — nothing is known, or only a larger area than the region (the province for a district's rule).
 */
export function registrationInRegion(registration: Registration, regionCode: string, placeNames: string[] = []): boolean | null {
  if (registration.typed !== '' && placeNames.some((name) => name !== '' && registration.typed.includes(name))) return true;
  if (registration.code === null) return null;
  const known = significantPrefix(registration.code);
  if (known.startsWith(regionCode)) return true;
  if (regionCode.startsWith(known)) return null;
  return false;
}

/** Where a member is registered, decided as registrationOf does: the division code, or null when undecided. */
export function registrationPlaceOf(row: TableRow, places: PlaceIndex = provincePlaces): string | null {
  return registrationOf(row, places).code;
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
 * 高新技术企业不低于20%）」 says 其中, "of which", i.e. of the enterprises. `places` is the place index the
 * registration is decided with (registrationOf).
 */
export function deriveValues(
  template: RegionTemplate,
  draft: Draft,
  places: PlaceIndex = provincePlaces,
): DerivedValues {
  const members = filledRows(draft.tables.members);
  const countType = (type: string) => members.filter((row) => trimmed(row.values[memberKeys.unitType]) === type).length;
  const enterprises = members.filter(isEnterprise);
  const highTechCount = enterprises.filter((row) => trimmed(row.values[memberKeys.highTech]) === yes).length;

  let registeredInRegionCount = 0;
  let registrationUnknownCount = 0;
  for (const row of members) {
    const inside = registrationInRegion(registrationOf(row, places), template.divisionPrefix, [template.name, template.shortName]);
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

/**
 * Why the form cannot list the members as marked: more are marked 主要成员单位 (with the lead) than the form
 * lists. Check and export share it, so export refuses exactly what the check reports as an error.
 */
export function tooManyMainMembers(template: RegionTemplate, draft: Draft): { main: number; max: number; message: string } | null {
  const max = printedMembersMax(template);
  const rows = filledRows(draft.tables.members);
  if (max === null || rows.length <= max) return null;
  const lead = leadRowOf(draft);
  const main = rows.filter((row) => row !== lead && trimmed(row.values[memberKeys.main]) === yes).length;
  if (main + (lead ? 1 : 0) <= max) return null;
  return {
    main,
    max,
    message: `标记为主要成员单位的有 ${main} 家，加上牵头单位共 ${main + 1} 家，超过申请表可列的 ${max} 家（「若成员单位超过${max}家，则只需填写主要成员单位的有关情况」）；请在成员单位表中把“是否主要成员单位”减少到 ${max - 1} 家`,
  };
}

/** The form's limit on listed members, or null where the template sets none (the form lists them all). */
export function printedMembersMax(template: RegionTemplate): number | null {
  return template.tables.find((table) => table.key === 'members')?.printedRowsMax ?? null;
}

/** A national code and the list's name for it, wherever the draft holds one (行业类别, 国标学科). */
export interface CodeEntry {
  kind: CodeTableKind;
  code: string;
  /** The list's name for the code; null when the code is not in the list. */
  name: string | null;
  where: { kind: 'field'; key: string } | { kind: 'cell'; table: TableId; rowId: string; column: string };
}

const codeKinds: Partial<Record<ValueType, CodeTableKind>> = { industryCode: 'industry', disciplineCode: 'discipline' };

/** The code table a value type reads from, or null for other types. */
export function codeKindOf(type: ValueType): CodeTableKind | null {
  return codeKinds[type] ?? null;
}

/**
 * Every code field and code cell of the draft with the name the national list gives it, for the check's
 * messages and for printing 「代码 6513 名称：应用软件开发」; `codeName` is the lookup (core/regions/code-tables).
 */
export function codeEntriesOf(
  template: RegionTemplate,
  draft: Draft,
  codeName: (kind: CodeTableKind, code: string) => string | null,
): CodeEntry[] {
  const entries: CodeEntry[] = [];
  for (const field of template.fields) {
    const kind = codeKindOf(field.type);
    const code = normalizeCode(draft.fields[field.key] ?? '');
    if (kind && code !== '') entries.push({ kind, code, name: codeName(kind, code), where: { kind: 'field', key: field.key } });
  }
  for (const table of template.tables) {
    for (const column of table.columns) {
      const kind = codeKindOf(column.type);
      if (!kind) continue;
      for (const row of draft.tables[table.key] ?? []) {
        const code = normalizeCode(row.values[column.key] ?? '');
        if (code === '') continue;
        entries.push({ kind, code, name: codeName(kind, code), where: { kind: 'cell', table: table.key, rowId: row.id, column: column.key } });
      }
    }
  }
  return entries;
}

/** 「3232 稀土金属冶炼」: a code with the list's name, as a form prints it; the code alone when unlisted. */
export function codeWithName(entry: Pick<CodeEntry, 'code' | 'name'>): string {
  return entry.name ? `${entry.code} ${entry.name}` : entry.code;
}

/** Codes are typed with stray blanks and full-width or lower-case letters; the lists hold them bare. */
export function normalizeCode(value: string): string {
  return toHalfWidth(value).replace(/\s+/g, '').toUpperCase();
}
