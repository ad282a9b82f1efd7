import { z } from 'zod';

/**
 * A region template (地区模板) is data: it describes one region's official forms — fields, tables,
 * limits and eligibility rules with the clause each comes from — so that one generic renderer,
 * validator and exporter serve every region. Files live in resources/regions/*.json.
 */

export const regionIds = ['xinjiang', 'guangxi', 'chongqing', 'zhejiang', 'neimenggu'] as const;
export type RegionId = (typeof regionIds)[number];

/** Value kinds a field or a table column can hold; each has one validator in validation/. */
export const valueTypes = [
  'text', // one line
  'longtext', // multi-line, usually with a character limit counted like Word's 字数
  'date', // YYYY-MM-DD
  'yearMonth', // YYYY-MM (建设时间 is often given to the month)
  'integer', // non-negative count (个, 人)
  'money', // 万元, decimal, non-negative
  'age', // 0–120
  'phone',
  'idcard', // 身份证号 (GB 11643-1999)
  'uscc', // 统一社会信用代码 (GB 32100-2015)
  'select', // one of options
  'multiselect', // several of options (max given by maxItems)
  'boolean', // 是 / 否
  'industryCode', // GB/T 4754-2017 行业类别
  'disciplineCode', // GB/T 13745-2009 国标学科
] as const;
export type ValueType = (typeof valueTypes)[number];

/** The walk's steps; every field and table belongs to one, so problems can be grouped by step. */
export const stepIds = ['basic', 'members', 'team', 'platforms', 'texts', 'agreement', 'check', 'export'] as const;
export type StepId = (typeof stepIds)[number];

/** Values computed from the member table rather than typed (see core/derived). */
export const derivedKeys = [
  'memberCount', // 成员总数
  'enterpriseCount', // 企业数量
  'universityCount', // 高校数量
  'instituteCount', // 研究机构数量
  'nationalPlatformCount', // 国家级平台数量 (from the platform table)
  'provincialPlatformCount', // 省级 / 自治区级 / 市级 platforms
  'platformCount', // every platform row (Chongqing prints one total: 市级及以上)
] as const;
export type DerivedKey = (typeof derivedKeys)[number];

const baseValueSchema = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  /** The label exactly as printed on the official form. */
  label: z.string().min(1),
  /**
   * The label said in full where the printed one is ambiguous out of its row (the form's two 身份证号 are
   * 法人代表身份证号 and 联系人身份证号); messages and lists use it.
   */
  fullLabel: z.string().min(1).optional(),
  type: z.enum(valueTypes),
  unit: z.enum(['万元', '个', '人', '亿元']).optional(),
  required: z.boolean().default(false),
  /** Limit in 字, counted the way Word's 字数 counts (see validation/word-count). */
  maxChars: z.number().int().positive().optional(),
  options: z.array(z.string()).optional(),
  /** How an option is shown where the stored value is a code (技术领域 'A' → 'A.新能源'). */
  optionLabels: z.record(z.string(), z.string()).optional(),
  maxItems: z.number().int().positive().optional(),
  /** Help shown next to the input, quoting the form's 填表说明 where there is one. */
  help: z.string().optional(),
});

export const fieldSchema = baseValueSchema.extend({
  step: z.enum(stepIds),
  /** Where set, the value is computed; a typed value that differs is flagged. */
  derived: z.enum(derivedKeys).optional(),
  /** Not on the printed form; kept because a rule or another document needs it. */
  extra: z.boolean().default(false),
  /** For the 'texts' and 'agreement' steps: the heading used in documents. */
  heading: z.string().optional(),
});
export type FieldDef = z.infer<typeof fieldSchema>;

export const columnSchema = baseValueSchema.extend({
  /** Not a column of the printed table; kept for rules, Excel and other documents. */
  extra: z.boolean().default(false),
});
export type ColumnDef = z.infer<typeof columnSchema>;

export const tableIds = ['members', 'team', 'platforms', 'council'] as const;
export type TableId = (typeof tableIds)[number];

export const tableSchema = z.object({
  key: z.enum(tableIds),
  label: z.string(),
  step: z.enum(stepIds),
  columns: z.array(columnSchema).min(1),
  /** The section heading the form prints above the table. */
  heading: z.string().optional(),
  /** The form lists at most this many rows (成员单位: 20 main members). */
  printedRowsMax: z.number().int().positive().optional(),
  note: z.string().optional(),
});
export type TableDef = z.infer<typeof tableSchema>;

/** Eligibility rule kinds; each is evaluated by core/eligibility with the parameters given. */
export const ruleCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('minMembers'), min: z.number().int(), includeLead: z.boolean() }),
  z.object({ kind: z.literal('minShareOfType'), unitTypes: z.array(z.string()), minPercent: z.number() }),
  z.object({ kind: z.literal('minShareHighTech'), minPercent: z.number() }),
  z.object({ kind: z.literal('minShareRegistered'), regionCode: z.string(), minPercent: z.number() }),
  z.object({
    kind: z.literal('minCountOfType'),
    unitTypes: z.array(z.string()),
    min: z.number().int(),
    label: z.string(),
    /** Count members other than the lead (Chongqing: the lead's upstream/downstream partners). */
    excludeLead: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('leadRegistered'), regionCode: z.string(), placeName: z.string() }),
  z.object({ kind: z.literal('fieldMin'), field: z.string(), min: z.number(), unit: z.string().optional() }),
  z.object({ kind: z.literal('fieldTrue'), field: z.string() }),
  z.object({ kind: z.literal('fieldFilled'), field: z.string() }),
  z.object({
    kind: z.literal('rdSpending'),
    /** Fields holding the three years of R&D spending and of sales revenue, in 万元. */
    spendingFields: z.array(z.string()).length(3),
    revenueFields: z.array(z.string()).length(3),
    minTotal: z.number(),
    minPercent: z.number(),
  }),
  z.object({ kind: z.literal('leadHoldsPlatform'), levels: z.array(z.string()) }),
  z.object({ kind: z.literal('councilChairedByLead') }),
  z.object({ kind: z.literal('leadLeadsOnce') }),
  z.object({ kind: z.literal('memberInAtMost'), max: z.number().int() }),
  z.object({ kind: z.literal('firstMemberIsLead') }),
  z.object({ kind: z.literal('uniqueUscc') }),
  z.object({ kind: z.literal('membersHaveTierAndType') }),
  // Rule kinds below were added for the lead's legal form, the whole council and R&D growth.
  z.object({
    kind: z.literal('leadOfType'),
    /** 单位类型 the lead may have (企业). */
    unitTypes: z.array(z.string()).min(1),
    /** GB 32100 characters 1–2 its 统一社会信用代码 may start with ('91' 企业); a code outside them fails. */
    usccCategories: z.array(z.string().regex(/^[0-9A-Z]{2}$/)).optional(),
    /** How the clause names it, for messages (独立法人企业). */
    label: z.string(),
  }),
  z.object({ kind: z.literal('councilIncludesMembers') }),
  z.object({
    kind: z.literal('rdGrowth'),
    /** Three yearly amounts, oldest first, each to be higher than the one before (持续增长). */
    fields: z.array(z.string()).length(3),
  }),
]);
export type RuleCheck = z.infer<typeof ruleCheckSchema>;

export const ruleSchema = z.object({
  id: z.string(),
  /** What the rule asks, in the user's words. */
  title: z.string(),
  /**
   * Severity policy (docs/rules.md): 'warning' where a qualifier — 原则上, 一般, 鼓励 — stands before the
   * clause in its sentence; 'error' otherwise. tests/shared/severity-policy.test.ts enforces it on every rule.
   */
  severity: z.enum(['error', 'warning']),
  /** The clause quoted from the source document. */
  clause: z.string(),
  /**
   * The words of the source that decided the severity, quoted: the sentence from its qualifier (or, for an
   * error, from its start) up to the end of the clause.
   */
  severityBasis: z.string().min(1),
  check: ruleCheckSchema,
});
export type RuleDef = z.infer<typeof ruleSchema>;

export const documentKinds = [
  'applicationForm', // 组建申请表 / 备案申请登记表
  'agreement', // 组建协议
  'implementationPlan', // 实施方案
  'commitmentLetter', // 承诺书 / 诚信承诺书
  'attachmentChecklist', // 附件材料清单
  'annualSummary', // 年度工作总结
  'stampChecklist', // 盖章清单 (ours)
  'memberWorkbook', // Excel 成员单位/科研团队/科研平台
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const regionTemplateSchema = z.object({
  id: z.enum(regionIds),
  /** Bumped whenever fields, columns or rules change; stored with each draft. */
  version: z.number().int().positive(),
  name: z.string(), // 新疆维吾尔自治区
  shortName: z.string(), // 新疆
  /** The issuing department as printed in the "……制" line. */
  issuer: z.string(),
  /** The source document this template follows (file and title). */
  source: z.object({ file: z.string(), title: z.string() }),
  /** True where the region publishes rules but no form and uses the common layout. */
  commonLayout: z.boolean(),
  /** One paragraph shown when the user picks the region. */
  summary: z.string(),
  formTitle: z.string(), // 新疆维吾尔自治区创新联合体组建申请表
  agreementTitle: z.string(),
  /** The first two digits of the administrative division code (65 Xinjiang, 45 Guangxi …). */
  divisionPrefix: z.string().regex(/^\d{2}$/),
  documents: z.array(z.enum(documentKinds)).min(1),
  tiers: z.array(z.string()).min(2),
  unitTypes: z.array(z.string()).min(2),
  /** 填表说明, line by line, as printed. */
  instructions: z.array(z.string()),
  fields: z.array(fieldSchema),
  tables: z.array(tableSchema),
  rules: z.array(ruleSchema),
});
export type RegionTemplate = z.infer<typeof regionTemplateSchema>;
