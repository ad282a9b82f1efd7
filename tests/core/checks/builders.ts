import type { z } from 'zod';
import type { Draft, TableRow, Values } from '../../../electron/shared/draft';
import type { RegionTemplate, RuleDef, TableId } from '../../../electron/shared/region-template';
import { regionTemplateSchema, tableIds } from '../../../electron/shared/region-template';
import { usccCheckChar } from '../../../electron/shared/validation';

/**
 * Small templates and drafts for the check tests, built through the real schema so that defaults
 * (required: false, extra: false) are what the app would see. Each test adds only the rules it is about.
 */

type TemplateInput = z.input<typeof regionTemplateSchema>;

/** A valid 统一社会信用代码 registered in `division` (six digits); `serial` makes it unique. */
export function uscc(division: string, serial: number): string {
  const first17 = `91${division}${String(serial).padStart(9, '0')}`;
  return first17 + usccCheckChar(first17);
}

const tiers = ['牵头单位', '核心层单位', '紧密合作单位', '一般协作层单位'];
const unitTypes = ['企业', '高校', '科研院所', '其他机构'];

export function buildTemplate(overrides: Partial<TemplateInput> = {}, rules: RuleDef[] = []): RegionTemplate {
  const base: TemplateInput = {
    id: 'xinjiang',
    version: 1,
    name: '新疆维吾尔自治区',
    shortName: '新疆',
    issuer: '新疆维吾尔自治区科学技术厅',
    source: { file: '000_12d02902145e6da6.txt', title: '新疆维吾尔自治区创新联合体建设工作指引（试行）' },
    commonLayout: false,
    summary: '测试用模板',
    formTitle: '新疆维吾尔自治区创新联合体组建申请表',
    agreementTitle: '新疆维吾尔自治区创新联合体组建协议',
    divisionPrefix: '65',
    documents: ['applicationForm'],
    tiers,
    unitTypes,
    instructions: [],
    fields: [
      { key: 'consortiumName', label: '联合体名称', type: 'text', step: 'basic', required: true },
      { key: 'leadUnit', label: '联合体牵头单位', type: 'text', step: 'basic', required: true },
      { key: 'contactPhone', label: '电话', type: 'phone', step: 'basic' },
      { key: 'memberCount', label: '成员总数（个）', type: 'integer', step: 'basic', derived: 'memberCount', required: true },
      { key: 'enterpriseCount', label: '企业数量（个）', type: 'integer', step: 'basic', derived: 'enterpriseCount' },
      {
        key: 'nationalPlatformCount',
        label: '联合体内已建相关国家级各类科研平台数量',
        type: 'integer',
        step: 'basic',
        derived: 'nationalPlatformCount',
      },
      { key: 'leadRevenue', label: '牵头单位年营业收入', type: 'money', unit: '万元', step: 'basic' },
      { key: 'leadRevenueYi', label: '牵头单位年营业收入（亿元）', type: 'money', unit: '亿元', step: 'basic' },
      { key: 'leadRdStaff', label: '专职研发人员', type: 'integer', unit: '人', step: 'basic' },
      { key: 'rdY1', label: '研发投入（第一年）', type: 'money', unit: '万元', step: 'basic' },
      { key: 'rdY2', label: '研发投入（第二年）', type: 'money', unit: '万元', step: 'basic' },
      { key: 'rdY3', label: '研发投入（第三年）', type: 'money', unit: '万元', step: 'basic' },
      { key: 'salesY1', label: '销售收入（第一年）', type: 'money', unit: '万元', step: 'basic' },
      { key: 'salesY2', label: '销售收入（第二年）', type: 'money', unit: '万元', step: 'basic' },
      { key: 'salesY3', label: '销售收入（第三年）', type: 'money', unit: '万元', step: 'basic' },
      { key: 'inLiangjiang', label: '牵头单位注册在两江新区直管区', type: 'boolean', step: 'basic' },
      { key: 'buildMode', label: '组建模式', type: 'select', options: ['研发任务驱动类', '科研平台支撑类'], step: 'basic' },
      { key: 'goals', label: '技术创新目标（限500字）', type: 'longtext', maxChars: 500, step: 'texts', required: true },
    ],
    tables: [
      {
        key: 'members',
        label: '成员单位',
        step: 'members',
        printedRowsMax: 20,
        columns: [
          { key: 'name', label: '成员单位名称', type: 'text', required: true },
          { key: 'uscc', label: '统一社会信用代码', type: 'uscc', required: true },
          { key: 'unitType', label: '单位类型', type: 'select', options: unitTypes, required: true },
          { key: 'tier', label: '层级', type: 'select', options: tiers, required: true },
          { key: 'highTech', label: '是否高新技术企业', type: 'boolean' },
          { key: 'main', label: '是否主要成员单位', type: 'boolean' },
          { key: 'registrationPlace', label: '注册地', type: 'text' },
          { key: 'role', label: '在行业中的地位，在联合体内分工（限200字）', type: 'longtext', maxChars: 200 },
        ],
      },
      {
        key: 'platforms',
        label: '科研平台',
        step: 'platforms',
        columns: [
          { key: 'name', label: '平台名称', type: 'text', required: true },
          { key: 'level', label: '国家/省级', type: 'select', options: ['国家级', '省级'], required: true },
          { key: 'hostUnit', label: '依托单位', type: 'text', required: true },
        ],
      },
      {
        key: 'council',
        label: '理事会',
        step: 'members',
        columns: [
          { key: 'name', label: '姓名', type: 'text', required: true },
          { key: 'unit', label: '所在单位', type: 'text', required: true },
          { key: 'councilRole', label: '理事会职务', type: 'select', options: ['理事长', '副理事长', '理事'], required: true },
        ],
      },
      {
        key: 'team',
        label: '科研团队',
        step: 'team',
        columns: [
          { key: 'name', label: '姓名', type: 'text', required: true },
          { key: 'age', label: '年龄', type: 'age' },
        ],
      },
    ],
    rules: [],
  };
  return regionTemplateSchema.parse({ ...base, ...overrides, rules });
}

/** One rule with a test id and title; the clause is what the findings must carry. */
export function rule(check: RuleDef['check'], severity: RuleDef['severity'] = 'error', id: string = check.kind): RuleDef {
  return { id, title: `测试规则 ${id}`, severity, clause: `条款：${id}`, severityBasis: `条款：${id}`, check };
}

export interface MemberOptions {
  type?: string;
  tier?: string;
  highTech?: string;
  main?: string;
  /** Division code put into the generated USCC (default Urumqi, 650102). */
  division?: string;
  uscc?: string;
  place?: string;
}

let serial = 1;

export function member(name: string, options: MemberOptions = {}): Values {
  const values: Values = {
    name,
    uscc: options.uscc ?? uscc(options.division ?? '650102', serial++),
    unitType: options.type ?? '企业',
    tier: options.tier ?? '核心层单位',
    highTech: options.highTech ?? (options.type === undefined || options.type === '企业' ? '否' : ''),
  };
  if (options.main !== undefined) values.main = options.main;
  if (options.place !== undefined) values.registrationPlace = options.place;
  return values;
}

/** The lead (牵头单位): a high-tech enterprise in Urumqi unless told otherwise. */
export function lead(name = '新疆某某能源集团有限公司', options: MemberOptions = {}): Values {
  return member(name, { tier: '牵头单位', highTech: '是', ...options });
}

/**
 * A member list of `total` rows (lead first) with `enterprises` enterprises (the lead among them) and the
 * rest universities; `highTech` of the enterprises (the lead first) are high-tech.
 */
export function members(total: number, enterprises: number, highTech = 1): Values[] {
  const rows: Values[] = [];
  for (let i = 0; i < total; i++) {
    const isEnterprise = i < enterprises;
    const values =
      i === 0
        ? lead('牵头企业', { highTech: highTech > 0 ? '是' : '否' })
        : member(isEnterprise ? `企业${i}` : `高校${i}`, {
            type: isEnterprise ? '企业' : '高校',
            highTech: isEnterprise ? (i < highTech ? '是' : '否') : '',
          });
    rows.push(values);
  }
  return rows;
}

let rowSerial = 1;

export function rows(list: Values[]): TableRow[] {
  return list.map((values) => ({ id: `r${rowSerial++}`, values }));
}

export interface DraftParts {
  id?: string;
  fields?: Values;
  members?: Values[];
  platforms?: Values[];
  council?: Values[];
  team?: Values[];
}

export function buildDraft(template: RegionTemplate, parts: DraftParts = {}): Draft {
  const tables = Object.fromEntries(tableIds.map((id) => [id, rows(parts[id] ?? [])])) as Record<TableId, TableRow[]>;
  return {
    id: parts.id ?? 'draft-1',
    regionId: template.id,
    templateVersion: template.version,
    createdAt: '2024-05-01T00:00:00.000Z',
    updatedAt: '2024-05-01T00:00:00.000Z',
    deletedAt: null,
    fields: parts.fields ?? {},
    tables,
  };
}
