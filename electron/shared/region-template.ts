import { z } from 'zod';

/**
 * A region template (地区模板) is data: it describes one region's official forms — fields, tables,
 * limits and eligibility rules with the clause each comes from — so that one generic renderer,
 * validator and exporter serve every region. Files live in resources/regions/*.json.
 */

/**
 * A region's id is the name of its file (resources/regions/<id>.json): the ids are whatever files are loaded, so
 * a region is added by adding a file. Where an id arrives from outside (the UI, a project file) it is checked
 * for this shape here and against the loaded templates by the core.
 */
export const regionIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, '地区标识应为小写字母开头的字母、数字或连字符（不超过 40 个字符）');
export type RegionId = string;

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

/**
 * What fills a line of a cover (封面): a field of the draft by its key, or one of these values the documents
 * compute: the lead unit (牵头单位), the lead's legal representative, the GB/T 4754 name of the 行业类别 code
 * chosen, a date of the form written in Chinese numerals, or nothing (a line left for hand or stamp).
 */
export const coverValues = ['lead', 'leader', 'industryName', 'fillDateNumerals', 'blank'] as const;

const coverLineSchema = z.object({
  label: z.string().min(1),
  /** A field key, or one of coverValues. */
  value: z.string().min(1),
  /** Printed after the line: 「（盖章）」, 「（公章）」, 「（签章）」. */
  suffix: z.string().optional(),
});

const coverSchema = z.object({
  /** The attachment number the issued form carries above its title (「附件1」). */
  attachmentLabel: z.string().optional(),
  /** The title as printed, split where the official cover breaks it; defaults to the document's title. */
  titleLines: z.array(z.string().min(1)).optional(),
  lines: z.array(coverLineSchema),
  /** Lines at the foot: 「新疆维吾尔自治区科学技术厅制」; none where the form has none (the common layout). */
  footLines: z.array(z.string()),
});
export type CoverData = z.infer<typeof coverSchema>;

/** Who fills an opinion block or stamps a place: the lead, a recommending body, an expert panel, the department. */
export const stampParties = ['lead', 'recommender', 'experts', 'department'] as const;

const opinionBlockSchema = z.object({
  title: z.string().min(1),
  /** The line the signer stamps or signs over (「牵头单位（盖章）：」, 「专家签字：」). */
  signer: z.string().min(1),
  party: z.enum(stampParties),
});
export type OpinionBlockData = z.infer<typeof opinionBlockSchema>;

/** One heading of an outline (实施方案, yearly report), the field the user writes it in, and what it asks. */
const outlinePartSchema = z.object({
  heading: z.string().min(1),
  /** The draft field holding the user's text; absent for a heading that only groups the parts under it. */
  field: z.string().optional(),
  /** What the source text asks of this part: shown on screen as help; printed only where `printGuidance`. */
  guidance: z.string().optional(),
  /** Printed under the heading as part of the form (the 实施方案's own 「含技术目标、经济目标及其他。」). */
  printGuidance: z.boolean().default(false),
  level: z.union([z.literal(1), z.literal(2)]).default(1),
});
export type OutlinePart = z.infer<typeof outlinePartSchema>;

const signatureBlockSchema = z.object({
  /** 「（公章）」 */
  seal: z.string(),
  /** 「法定代表人（授权人）签章：」 */
  signer: z.string(),
});

/**
 * The region's package (申报材料) as data: which documents are filed and how, and every part of their layout
 * that differs between regions. The generic builders in shared/documents read nothing else about a region.
 */
export const packageSchema = z.object({
  /** Position in lists of regions (new draft, home): lower first. */
  listOrder: z.number().int(),
  /**
   * Inputs only the documents need (the yearly report's parts, the lists a 实施方案 must give): the loader adds
   * them to `fields`, so the walk offers them like any other field.
   */
  fields: z.array(fieldSchema).default([]),
  /**
   * 'common': the application-table layout 新疆 and 重庆 share (label | value pairs); 'registration': the
   * 备案申请登记表 layout (persons with ID numbers and phones, coded 行业类别 / 国标学科, 技术领域 letters).
   */
  formLayout: z.enum(['common', 'registration']),
  /** Where the region publishes rules but no form: what the documents and screens say about the layout used. */
  layoutNote: z.string().optional(),
  /** The documents that go to the department, in package order. */
  filed: z.array(z.enum(documentKinds)).min(1),
  /** Documents the region asks for later (年度工作总结, 自评报告): offered, never numbered among the filing. */
  laterReports: z.array(z.enum(documentKinds)).default([]),
  filing: z.object({
    /** 'paper': printed, stamped and handed in; 'online': stamped originals scanned and uploaded. */
    way: z.enum(['paper', 'online']),
    /** Copies printed and stamped: 3 for 「一式三份」, 1 for an online filing's stamped original; absent where the source names none. */
    copies: z.number().int().min(1).max(10).optional(),
    /** Where the package goes (两江新区科技创新局, 蒙科聚平台 …). */
    submitTo: z.string().min(1),
    /** The source's own sentence on how the package is filed, printed on the stamp checklist. */
    how: z.string().min(1),
  }),
  applicationForm: z.object({
    cover: coverSchema,
    /** The main table's title where it differs from the form's (内蒙古: 「……组建申请备案表」). */
    tableTitle: z.string().optional(),
    /** Rows the blank form prints for each table (a filled one prints at least as many). */
    blankRows: z.partialRecord(z.enum(tableIds), z.number().int().min(0)),
    /** Labels the main table prints differently from the field's own (新疆's table says 「电话」 where its cover says 「联系电话」). */
    tableLabels: z.record(z.string(), z.string()).default({}),
    /** Basic fields printed on the cover only, not in the main table (重庆's table has no 联系人 row). */
    coverOnlyFields: z.array(z.string()).default([]),
    /** Paired fields printed on a row of their own, label | value over the rest of the row. */
    fullRowFields: z.array(z.string()).default(['consortiumName', 'leadUnit']),
    /** The member table's first row says 「（牵头单位）」 (内蒙古's form). */
    leadMarked: z.boolean().default(false),
    /** Text parts the region's rules ask for that its form has no numbered section for (浙江's 3年战略目标). */
    extraParts: z.array(z.object({ after: z.string(), heading: z.string().min(1), field: z.string() })).default([]),
    /** The commitment printed inside the form (内蒙古: 六、承诺书). */
    commitment: signatureBlockSchema.extend({ heading: z.string(), text: z.string() }).optional(),
    opinions: z.array(opinionBlockSchema),
  }),
  agreement: z.object({
    cover: coverSchema,
    /**
     * The model text's preamble with its blanks as placeholders: {name} the consortium, {industry} 产业领域,
     * {region} the region's name, {short} its short name, {self} 「自治区」/「省」/「市」, {sign} 「签署联合组建协议」.
     */
    preamble: z.string().min(1),
    /** How tiers are numbered under 一、参与单位: 「1.牵头单位」 or 「（一）牵头单位」. */
    tierNumbering: z.enum(['arabic', 'chinese']),
    /** The signature column's heading: who must sign for each member, as the rules say. */
    signatory: z.string().min(1),
    /** Whether someone authorised by the legal representative may sign (a letter of authority then travels with it). */
    authorityLetter: z.boolean(),
  }),
  implementationPlan: z
    .object({
      title: z.string().min(1),
      cover: coverSchema,
      instructions: z.array(z.string()),
      outlineTitle: z.string().min(1),
      sections: z.array(outlinePartSchema).min(1),
      closingNote: z.string().optional(),
    })
    .optional(),
  attachmentChecklist: z
    .object({
      title: z.string().min(1),
      /** The draft field listing the ids of the items the user has ready (「1,3」). */
      readyField: z.string().min(1),
      items: z
        .array(z.object({ id: z.string().min(1), title: z.string().min(1), detail: z.string().default(''), optional: z.boolean().default(false) }))
        .min(1),
    })
    .optional(),
  commitmentLetter: z
    .object({
      title: z.string().min(1),
      /** Addressed to (the letter's first line). */
      addressee: z.string().optional(),
      /** Paragraphs; {lead}, {name} and {documents} are filled in. */
      paragraphs: z.array(z.string().min(1)).min(1),
      seal: z.string(),
      signer: z.string(),
    })
    .optional(),
  annualSummary: z
    .object({
      /** 「年度工作总结」, 「上年度实施情况自评报告」 … ; {year} is the year reported on. */
      title: z.string().min(1),
      /** The draft field holding the year reported on (a four-digit year). */
      yearField: z.string().min(1),
      submitTo: z.string().min(1),
      /** When it is due, from the source (「每年12月31日前」). */
      due: z.string().optional(),
      outline: z.array(outlinePartSchema).min(1),
    })
    .optional(),
});
export type PackageData = z.infer<typeof packageSchema>;

/** A number of a rule's check that the user may set, and the range the form allows. */
const settableParameterSchema = z.object({
  key: z.enum(['min', 'minPercent', 'minTotal', 'max']),
  /** The form's label (成员单位不少于). */
  label: z.string().min(1),
  unit: z.string(),
  min: z.number(),
  max: z.number(),
  integer: z.boolean().default(true),
});
export type SettableParameter = z.infer<typeof settableParameterSchema>;

/**
 * The parts of a template its user sets for each draft, for a region whose notice the product holds no copy
 * of: the programme's name and department, the place, rule switches and numbers, copies and documents. Texts
 * anywhere in the template may carry {programmeName}, {department} and {placeName}; a settable rule's texts
 * carry {min}, {minPercent}, {minTotal} or {max} where its number goes.
 */
export const userSettingsSchema = z.object({
  rules: z
    .array(z.object({ rule: z.string().min(1), enabledByDefault: z.boolean().default(true), parameters: z.array(settableParameterSchema).default([]) }))
    .default([]),
  /** Documents the user may leave out of the package; the other documents are always in it. */
  optionalDocuments: z.array(z.enum(documentKinds)).default([]),
  /** Where the user chooses the place (province-level code): rules on registration read it as their regionCode. */
  place: z.boolean().default(false),
  /** The region's name and short name once set, with the placeholders above ('{placeName}'). */
  names: z.object({ name: z.string().min(1), shortName: z.string().min(1) }).optional(),
});
export type UserSettingsData = z.infer<typeof userSettingsSchema>;

export const regionTemplateSchema = z.object({
  id: regionIdSchema,
  /** Bumped whenever fields, columns or rules change; stored with each draft. */
  version: z.number().int().positive(),
  name: z.string(), // 新疆维吾尔自治区
  shortName: z.string(), // 新疆
  /** The issuing department as printed in the "……制" line. */
  issuer: z.string(),
  /**
   * The source document this template follows (file and title). No file where there is no official text the
   * product holds (a region whose rules the user sets, see userSettings): the title then says so.
   */
  source: z.object({ file: z.string().optional(), title: z.string() }),
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
  /** Absent: the common layout with the region's own titles and department (see defaultPackage). */
  package: packageSchema.optional(),
  /** Present: the user sets parts of this region per draft (see shared/region-settings). */
  userSettings: userSettingsSchema.optional(),
}).transform((template) => ({ ...template, package: template.package ?? defaultPackage(template) }));
export type RegionTemplate = z.output<typeof regionTemplateSchema>;

/**
 * The package of a region file that describes none: the common layout, its documents filed in the order listed,
 * covers and opinion blocks that name only the region's department, and no copies the source did not state.
 */
export function defaultPackage(template: { name: string; issuer: string; documents: DocumentKind[] }): PackageData {
  const lines = [
    { label: '创新联合体名称', value: 'consortiumName' },
    { label: '产业领域', value: 'industryField' },
    { label: '牵头单位', value: 'lead', suffix: '（盖章）' },
    { label: '联系人', value: 'contactName' },
    { label: '联系电话', value: 'contactPhone' },
    { label: '填报日期', value: 'fillDate' },
  ];
  const filed = template.documents.filter((kind) => kind === 'applicationForm' || kind === 'agreement');
  return packageSchema.parse({
    listOrder: 100,
    formLayout: 'common',
    filed: filed.length > 0 ? filed : template.documents.slice(0, 1),
    filing: { way: 'paper', submitTo: template.issuer, how: `按${template.issuer}申报通知要求报送。` },
    applicationForm: {
      cover: { lines, footLines: [] },
      blankRows: { team: 8, platforms: 6, members: 10, council: 5 },
      opinions: [
        { title: '牵头单位审核意见', signer: '牵头单位（盖章）：', party: 'lead' },
        { title: `${template.issuer}审核意见`, signer: `${template.issuer}（盖章）：`, party: 'department' },
      ],
    },
    agreement: {
      cover: { lines, footLines: [] },
      preamble: '为推动{region}{industry}科技创新、技术进步和成果转化，成立{name}（以下简称联合体），经所有成员单位同意，{sign}，内容如下。',
      tierNumbering: 'arabic',
      signatory: '法定代表人（签字）',
      authorityLetter: false,
    },
  });
}
