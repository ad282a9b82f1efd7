import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProjectFile } from '../../electron/core/project/project-file';
import { resourcesDir } from '../../electron/core/regions/templates';
import type { DraftStore } from '../../electron/core/storage/draft-store';
import { deriveValues } from '../../electron/shared/derive';
import type { Draft, TableRow, Values } from '../../electron/shared/draft';
import { leadTier, memberKeys, no, unitTypeEnterprise, unitTypeInstitute, unitTypeUniversity, yes } from '../../electron/shared/draft';
import type { ProjectDraft } from '../../electron/shared/project-file';
import type { ColumnDef, RegionId, RegionTemplate, TableDef, TableId } from '../../electron/shared/region-template';
import { tableIds } from '../../electron/shared/region-template';
import { usccCheckChar } from '../../electron/shared/validation';
import type { WorkbookTable } from '../../electron/shared/workbooks';

/**
 * Drafts for the benchmarks: generated, but shaped like what users file. Each starts from its region's
 * example project (so every text field holds real-length official prose) and grows its tables with rows
 * built from the example's own values: distinct unit and person names, valid 统一社会信用代码 registered
 * mostly inside the region, the unit-type mix the rules ask for, a lead that holds a platform. Generation
 * is deterministic (seeded), so two runs measure the same bytes.
 */

export interface DraftSize {
  members: number;
  team: number;
  platforms: number;
}

/** The sizes the issue names: S is a typical filing, L a large one, XL a stress case. */
export const sizes = {
  S: { members: 20, team: 100, platforms: 15 },
  L: { members: 60, team: 300, platforms: 40 },
  XL: { members: 200, team: 3000, platforms: 200 },
} as const satisfies Record<string, DraftSize>;
export type SizeName = keyof typeof sizes;

export function scaleSize(size: DraftSize, factor: number): DraftSize {
  return {
    members: Math.round(size.members * factor),
    team: Math.round(size.team * factor),
    platforms: Math.round(size.platforms * factor),
  };
}

/** What DraftStore.createDraft takes. */
export interface GeneratedDraft {
  regionId: RegionId;
  templateVersion: number;
  fields: Values;
  tables: Record<TableId, Values[]>;
}

export interface GenerateOptions {
  /** Varies names, codes and choices; the same seed gives the same draft. */
  seed?: number;
  /**
   * Offset of this draft's units among all generated units, so that drafts of one store do not share
   * credit codes (which would trip 「一个成员单位最多参加3个联合体」 and 「牵头单位仅限牵头一个」).
   */
  unitOffset?: number;
}

// ---- randomness --------------------------------------------------------------------------------

/** mulberry32: small, fast and good enough to pick names; deterministic for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- names -------------------------------------------------------------------------------------

const firstSyllables = '天华金新中恒宏瑞博泰嘉远盛鼎丰安正弘信德百卓北南东西银';
const secondSyllables = '衡信石源科达邦安泰创联智通禾川辰峰宇航润晟启明睿';
const enterpriseSuffixes = ['科技有限公司', '股份有限公司', '集团有限公司', '新材料有限公司', '智能装备有限公司', '化工有限公司'];
const universitySuffixes = ['大学', '理工学院', '职业技术学院', '工业大学'];
const instituteSuffixes = ['研究院', '研究所', '技术研究院', '工程技术研究中心'];
const otherSuffixes = ['检验检测中心', '产业技术促进会', '生产力促进中心', '知识产权服务中心'];

/** How many distinct unit names unitName makes per unit type: syllable pairs × places × four rounds. */
export function unitNameCount(places: readonly string[]): number {
  return firstSyllables.length * secondSyllables.length * places.length * 4;
}

/** The n-th unit name of a type; any unitNameCount consecutive indices give distinct names. */
export function unitName(index: number, unitType: string, places: readonly string[]): string {
  const pairs = firstSyllables.length * secondSyllables.length;
  const n = index % unitNameCount(places);
  const first = firstSyllables[n % firstSyllables.length];
  const second = secondSyllables[Math.floor(n / firstSyllables.length) % secondSyllables.length];
  const place = places[Math.floor(n / pairs) % places.length];
  // Past places × pairs a serial keeps names distinct (a 10 000-unit roster needs it).
  const round = Math.floor(n / (pairs * places.length));
  const serial = round > 0 ? `第${round + 1}` : '';
  const suffixes =
    unitType === unitTypeEnterprise
      ? enterpriseSuffixes
      : unitType === unitTypeUniversity
        ? universitySuffixes
        : unitType === unitTypeInstitute
          ? instituteSuffixes
          : otherSuffixes;
  const suffix = suffixes[index % suffixes.length];
  return `${place}${first}${second}${serial}${suffix}`;
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛';
const givenFirst = '建国志明晓文海立红玉宏伟春秋新华嘉俊子思雨欣佳天';
const givenSecond = '军平华强芳娟敏静丽涛斌刚杰磊超勇艳鹏辉宇航晨阳琳';

/** How many distinct three-character names personName makes (76 × 24 × 24 = 43 776). */
export const personNameCount = surnames.length * givenFirst.length * givenSecond.length;

/** The n-th person name (姓 + two-character 名); any personNameCount consecutive indices give distinct names. */
export function personName(index: number): string {
  const n = index % personNameCount;
  const rest = Math.floor(n / surnames.length);
  return `${surnames[n % surnames.length]}${givenFirst[rest % givenFirst.length]}${givenSecond[Math.floor(rest / givenFirst.length)]}`;
}

// ---- codes -------------------------------------------------------------------------------------

/**
 * A valid 统一社会信用代码: 登记管理部门码 + 机构类别码 by unit type (91 enterprise, 12 public institution,
 * 52 social organisation), the division code, a 9-digit 主体标识码 scrambled from `serial` (multiplying
 * by an odd number not divisible by 5 is a bijection mod 10⁹, so codes never collide) and the check character.
 */
export function makeUscc(unitType: string, division: string, serial: number): string {
  const prefix = unitType === unitTypeEnterprise ? '91' : unitType === '其他机构' ? '52' : '12';
  const body = String((BigInt(serial) * 2654435761n) % 1_000_000_000n).padStart(9, '0');
  const first17 = `${prefix}${division}${body}`;
  const check = usccCheckChar(first17);
  if (check === null) throw new Error(`cannot make a credit code from ${first17}`);
  return first17 + check;
}

/** Division codes outside every one of our regions, for the members registered elsewhere. */
const outsideDivisions = ['110108', '310115', '320106', '440305', '510107', '610113', '420111'];

// ---- examples ----------------------------------------------------------------------------------

const exampleCache = new Map<RegionId, ProjectDraft>();

/** The region's example project (resources/examples/<region>.json), the seed of every generated draft. */
export function loadExample(regionId: RegionId): ProjectDraft {
  const cached = exampleCache.get(regionId);
  if (cached) return cached;
  const file = parseProjectFile(readFileSync(join(resourcesDir(), 'examples', `${regionId}.json`), 'utf8'));
  const draft = file.drafts.find((candidate) => candidate.regionId === regionId);
  if (!draft) throw new Error(`resources/examples/${regionId}.json holds no ${regionId} draft`);
  exampleCache.set(regionId, draft);
  return draft;
}

function tableOf(template: RegionTemplate, key: TableId): TableDef | undefined {
  return template.tables.find((table) => table.key === key);
}

/** The values the example uses for a column, to cycle through (titles, majors, fields, codes …). */
function exampleValues(example: ProjectDraft, table: TableId, key: string): string[] {
  return [...new Set((example.tables[table] ?? []).map((row) => row[key] ?? '').filter((value) => value.trim() !== ''))];
}

function fallbackValue(column: ColumnDef, index: number, random: () => number): string {
  switch (column.type) {
    case 'select':
    case 'multiselect':
      return column.options?.[index % column.options.length] ?? '';
    case 'boolean':
      return random() < 0.5 ? yes : no;
    case 'integer':
      return String(1 + Math.floor(random() * 50));
    case 'money':
      return String(100 + Math.floor(random() * 10_000));
    case 'age':
      return String(28 + Math.floor(random() * 35));
    case 'date':
      return `20${10 + Math.floor(random() * 15)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    case 'yearMonth':
      return `20${10 + Math.floor(random() * 15)}-0${1 + Math.floor(random() * 9)}`;
    case 'phone':
      return phoneNumber(index);
    default:
      return '';
  }
}

function phoneNumber(index: number): string {
  return `139${String((index * 7_919_111 + 10_000_000) % 100_000_000).padStart(8, '0')}`;
}

// ---- drafts ------------------------------------------------------------------------------------

/** Unit types in the mix the strictest rule asks for (新疆: 企业 ≥ 50 %), with universities and institutes. */
const unitTypeCycle = [unitTypeEnterprise, unitTypeEnterprise, unitTypeUniversity, unitTypeEnterprise, unitTypeInstitute, unitTypeEnterprise, '其他机构', unitTypeEnterprise, unitTypeUniversity, unitTypeEnterprise];

/** Builds one draft of `size` for a region from its example project. */
export function generateDraft(template: RegionTemplate, size: DraftSize, options: GenerateOptions = {}): GeneratedDraft {
  const example = loadExample(template.id);
  const seed = options.seed ?? 1;
  const random = seededRandom(seed * 7919 + size.members * 31 + size.team);
  const unitOffset = options.unitOffset ?? 0;
  const places = [template.shortName, ...regionPlaces[template.id]];

  // Members: the example's lead keeps its place and prose under a new name; the others cycle the example's rows.
  const exampleMembers = example.tables.members ?? [];
  const exampleLead = exampleMembers.find((row) => row[memberKeys.tier] === leadTier) ?? exampleMembers[0];
  const insideDivisions = [...new Set(exampleMembers.map((row) => (row.uscc ?? '').slice(2, 8)))].filter((code) =>
    code.startsWith(template.divisionPrefix),
  );
  const leadDivision = (exampleLead?.uscc ?? '').slice(2, 8) || `${template.divisionPrefix}0100`;
  const memberColumns = tableOf(template, 'members')?.columns ?? [];
  const otherTiers = template.tiers.filter((tier) => tier !== leadTier);
  const roles = exampleValues(example, 'members', memberKeys.role);
  const members: Values[] = [];
  for (let i = 0; i < size.members; i++) {
    const lead = i === 0;
    const unitType = lead ? unitTypeEnterprise : unitTypeCycle[i % unitTypeCycle.length];
    const serial = unitOffset + i + 1;
    const name = unitName(unitOffset + i, unitType, places);
    // Three in four members are registered in the region (广西 asks for 30 %); the lead always is.
    const division = lead ? leadDivision : i % 4 === 3 ? outsideDivisions[i % outsideDivisions.length] : insideDivisions[i % insideDivisions.length] ?? leadDivision;
    // Prose and other cells come from an example member of the same type, so a university reads like one.
    const sameType = exampleMembers.filter((row) => row !== exampleLead && row[memberKeys.unitType] === unitType);
    const source = lead ? exampleLead : (sameType.length > 0 ? sameType[i % sameType.length] : exampleMembers[1 + (i % Math.max(1, exampleMembers.length - 1))]) ?? exampleLead;
    const row: Values = {};
    for (const column of memberColumns) {
      switch (column.key) {
        case memberKeys.name:
          row[column.key] = name;
          break;
        case memberKeys.uscc:
          row[column.key] = makeUscc(unitType, division, serial);
          break;
        case memberKeys.unitType:
          row[column.key] = unitType;
          break;
        case memberKeys.tier:
          row[column.key] = lead ? leadTier : otherTiers[Math.min(otherTiers.length - 1, Math.floor((i - 1) / 8))];
          break;
        case memberKeys.highTech:
          // Most enterprises of a consortium are 高新技术企业; public institutions never are.
          row[column.key] = unitType === unitTypeEnterprise && (lead || i % 3 !== 2) ? yes : no;
          break;
        case memberKeys.main:
          // The form lists at most 20 members: the lead and the first 19 others are marked 主要成员单位.
          row[column.key] = i < 20 ? yes : no;
          break;
        case memberKeys.registrationPlace:
          row[column.key] = division;
          break;
        case memberKeys.role:
          row[column.key] = source?.role || (roles[i % roles.length] ?? '');
          break;
        case 'contactName':
        case 'legalRepName':
          row[column.key] = personName(20_000 + (unitOffset + i) * 2 + (column.key === 'contactName' ? 0 : 1));
          break;
        case 'contactPhone':
          row[column.key] = phoneNumber(unitOffset + i);
          break;
        default:
          row[column.key] = source?.[column.key] ?? fallbackValue(column, i, random);
      }
    }
    members.push(row);
  }
  const memberNames = members.map((row) => row[memberKeys.name]);
  const leadName = memberNames[0] ?? '';

  // 科研团队: distinct names, ages 28–62, titles and majors from the example, work units weighted to the first members.
  const team: Values[] = [];
  const teamColumns = tableOf(template, 'team')?.columns ?? [];
  for (let i = 0; i < size.team; i++) {
    const row: Values = {};
    for (const column of teamColumns) {
      if (column.key === 'name') row.name = personName(unitOffset * 17 + i);
      else if (column.key === 'age') row.age = String(28 + Math.floor(random() * 35));
      else if (column.key === 'workUnit') row.workUnit = memberNames[Math.floor(random() * random() * memberNames.length)] ?? leadName;
      else {
        const seen = exampleValues(example, 'team', column.key);
        row[column.key] = seen.length > 0 ? seen[i % seen.length] : fallbackValue(column, i, random);
      }
    }
    team.push(row);
  }

  // 科研平台: the lead holds the first (national) platform, so 「牵头单位具有国家级/省级平台」 holds.
  const platforms: Values[] = [];
  const platformColumns = tableOf(template, 'platforms')?.columns ?? [];
  const levels = platformColumns.find((column) => column.key === 'level')?.options ?? [];
  const fieldsOfWork = exampleValues(example, 'platforms', 'field');
  const workWords = fieldsOfWork.length > 0 ? fieldsOfWork : ['关键共性技术', '先进材料', '智能制造', '绿色低碳', '检验检测'];
  const kinds = ['重点实验室', '工程技术研究中心', '企业技术中心', '技术创新中心', '中试基地', '院士专家工作站'];
  const platformNames = new Set<string>();
  for (let i = 0; i < size.platforms; i++) {
    const host = i === 0 ? leadName : memberNames[i % memberNames.length];
    let name = `${host.replace(/(股份|集团)?有限公司$/, '')}${workWords[Math.floor(i / memberNames.length) % workWords.length]}${kinds[i % kinds.length]}`;
    for (let n = 2; platformNames.has(name); n++) name = `${name.replace(/（\d+）$/, '')}（${n}）`;
    platformNames.add(name);
    const row: Values = {};
    for (const column of platformColumns) {
      if (column.key === 'name') row.name = name;
      else if (column.key === 'hostUnit') row.hostUnit = host;
      else if (column.key === 'level') row.level = i === 0 || i % 5 === 0 ? levels[0] : levels[1 + (i % Math.max(1, levels.length - 1))] ?? levels[0];
      else if (column.key === 'builtAt') row.builtAt = `${2005 + Math.floor(random() * 19)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`;
      else {
        const seen = exampleValues(example, 'platforms', column.key);
        row[column.key] = seen.length > 0 ? seen[i % seen.length] : fallbackValue(column, i, random);
      }
    }
    platforms.push(row);
  }

  // 理事会 (浙江): 「成员包括创新联合体所有成员单位负责人」 — a seat for every unit, chaired by the lead; the seats
  // take the example's roles in turn after its chair.
  const exampleSeats = example.tables.council ?? [];
  const council: Values[] =
    exampleSeats.length === 0
      ? []
      : memberNames.map((unit, i) => ({
          ...exampleSeats[i === 0 ? 0 : 1 + ((i - 1) % Math.max(1, exampleSeats.length - 1))],
          name: personName(30_000 + unitOffset + i),
          unit,
        }));

  const tables: Record<TableId, Values[]> = { members, team, platforms, council };
  for (const id of tableIds) if (!tableOf(template, id)) tables[id] = [];

  // Fields: the example's prose, the generated lead and name, and counts that agree with the tables.
  const exampleLeadName = exampleLead?.name ?? '';
  const fields: Values = {};
  for (const [key, value] of Object.entries(example.fields)) fields[key] = value === exampleLeadName ? leadName : value;
  fields.consortiumName = consortiumName(template, seed);
  const derived = deriveValues(template, asDraft({ regionId: template.id, templateVersion: template.version, fields, tables }, 'generated'));
  for (const field of template.fields) {
    if (field.derived) fields[field.key] = String(derived[field.derived]);
  }
  return { regionId: template.id, templateVersion: template.version, fields, tables };
}

/** Cities of each region, for unit and consortium names. */
const regionPlaces: Record<RegionId, string[]> = {
  xinjiang: ['乌鲁木齐', '克拉玛依', '昌吉', '哈密', '石河子', '库尔勒'],
  guangxi: ['南宁', '柳州', '桂林', '梧州', '北海', '玉林'],
  chongqing: ['两江', '渝北', '江北', '九龙坡', '沙坪坝', '璧山'],
  zhejiang: ['杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴'],
  neimenggu: ['呼和浩特', '包头', '鄂尔多斯', '赤峰', '通辽', '乌海'],
  // The general region's example is set to a city programme in Guangxi (resources/examples/general.json).
  general: ['南宁', '柳州', '桂林', '梧州', '北海', '玉林'],
};

const industries = ['现代煤化工', '新能源装备', '先进储能', '生物医药', '智能网联汽车', '稀土功能材料', '绿色建材', '高端装备', '现代农业', '数字经济', '新型显示', '氢能', '精细化工', '节水灌溉', '纺织服装', '冶金新材料', '集成电路', '种业', '光伏材料', '工业软件'];

/** Distinct for every seed below places × industries × 10 (1 200 per region). */
export function consortiumName(template: RegionTemplate, seed: number): string {
  const places = regionPlaces[template.id];
  const place = places[seed % places.length];
  const industry = industries[Math.floor(seed / places.length) % industries.length];
  const round = Math.floor(seed / (places.length * industries.length));
  return `${template.shortName}${place}${industry}${round > 0 ? `${round + 1}号` : ''}创新联合体`;
}

/** The generated draft as the store would return it (row ids made up), for checks and exports without a store. */
export function asDraft(generated: GeneratedDraft, id: string, at = '2025-03-18T09:30:00.000Z'): Draft {
  let n = 0;
  const tables = Object.fromEntries(
    tableIds.map((table) => [table, generated.tables[table].map((values): TableRow => ({ id: `${id}-r${++n}`, values }))]),
  ) as Record<TableId, TableRow[]>;
  return {
    id,
    regionId: generated.regionId,
    templateVersion: generated.templateVersion,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
    fields: { ...generated.fields },
    tables,
  };
}

/** Row counts of a draft, for reports and the smoke test. */
export function rowCounts(draft: { tables: Record<TableId, ReadonlyArray<unknown>> }): DraftSize & { council: number } {
  return {
    members: draft.tables.members.length,
    team: draft.tables.team.length,
    platforms: draft.tables.platforms.length,
    council: draft.tables.council.length,
  };
}

/**
 * Fills a store with `count` drafts of `size`, regions in turn, each with its own units; returns their
 * ids. One transaction per draft, as importing a project file does.
 */
export function fillStore(store: DraftStore, templates: RegionTemplate[], count: number, size: DraftSize, seedBase = 1): string[] {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const template = templates[i % templates.length];
    const generated = generateDraft(template, size, { seed: seedBase + i, unitOffset: (seedBase + i) * size.members });
    ids.push(store.createDraft(generated).id);
  }
  return ids;
}

// ---- workbooks ---------------------------------------------------------------------------------

/**
 * A roster as people keep it in Excel: a title row, then the template's column labels as headers, then
 * one row per unit or person, numbers typed as numbers. Written with exceljs, independently of our own
 * workbook writer, so that the import is measured on a file we did not shape for it.
 */
export async function generateRosterWorkbook(template: RegionTemplate, table: WorkbookTable, rows: Values[]): Promise<Buffer> {
  const def = tableOf(template, table);
  if (!def) throw new Error(`region ${template.id} has no ${table} table`);
  const columns = def.columns.filter((column) => !column.extra || table === 'members');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(def.label);
  sheet.addRow([`${def.label}名单`]);
  sheet.addRow(['序号', ...columns.map((column) => column.label)]);
  rows.forEach((values, index) => {
    sheet.addRow([
      index + 1,
      ...columns.map((column) => {
        const value = values[column.key] ?? '';
        return (column.type === 'age' || column.type === 'integer') && /^\d+$/.test(value) ? Number(value) : value;
      }),
    ]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `count` rows of a table for a region, generated as part of one draft of that size. */
export function generateRows(template: RegionTemplate, table: WorkbookTable, count: number, seed = 1): Values[] {
  const size: DraftSize =
    table === 'members'
      ? { members: count, team: 0, platforms: 0 }
      : table === 'team'
        ? { members: 60, team: count, platforms: 0 }
        : { members: 60, team: 0, platforms: count };
  return generateDraft(template, size, { seed }).tables[table];
}
