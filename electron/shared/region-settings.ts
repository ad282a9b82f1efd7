import { z } from 'zod';
import { UserError } from './errors';
import { documentKinds, type DocumentKind, type RegionTemplate, type RuleDef, type SettableParameter } from './region-template';

/**
 * Region settings (地区设置): what the user of a region with `userSettings` (其他地区（通用版式）) sets for one
 * draft — the programme (专项/计划名称), its department (主管部门), the place, each settable rule's switch and
 * numbers, copies (份数) and the documents in the package. Stored with the draft; `effectiveTemplate` turns
 * template and settings into the template every check, document and workbook of the draft reads.
 */

const name = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不超过 ${max} 个字`)
    // Braces would read as placeholders in the template's texts.
    .regex(/^[^{}\n\r\t]*$/, `${what}不能包含花括号或换行`);

export const regionSettingsSchema = z
  .object({
    /** 专项/计划名称, printed in titles, covers and the checklist. */
    programmeName: name('专项/计划名称', 60),
    /** 主管部门: where the package goes, printed in 报送 lines and opinion blocks. */
    department: name('主管部门', 60),
    /** The province-level place (GB/T 2260 first two digits) rules on registration read. */
    place: z.object({ code: z.string().regex(/^\d{2}$/, '地区代码应为两位数字'), name: name('所在地区', 30) }).strict().nullable(),
    /** By rule id: on or off, and its numbers by parameter key. */
    rules: z.record(
      z.string().max(60),
      z
        .object({
          enabled: z.boolean(),
          values: z.record(z.string().max(20), z.number({ error: '门槛应为数字' }).finite()),
          /** The notice says 须 (must): a failure makes the draft ineligible; absent or false: 原则上, a warning. */
          required: z.boolean().optional(),
        })
        .strict(),
    ),
    /** 份数: copies printed and stamped; null where the user's notice names none. */
    copies: z.number({ error: '份数应为数字' }).int('份数应为整数').min(1, '份数至少为 1').max(10, '份数不超过 10').nullable(),
    /** Optional documents the user has in the package (the template's other documents always are). */
    documents: z.array(z.enum(documentKinds)).max(documentKinds.length),
  })
  .strict();
export type RegionSettings = z.infer<typeof regionSettingsSchema>;

/** Whether drafts of this region carry settings. */
export function isUserConfigurable(template: RegionTemplate): boolean {
  return template.userSettings !== undefined;
}

/** Settings a new draft starts from: the template's numbers and switches, its copies, every optional document. */
export function defaultRegionSettings(template: RegionTemplate): RegionSettings {
  const settings = template.userSettings;
  const rules: RegionSettings['rules'] = {};
  for (const entry of settings?.rules ?? []) {
    const rule = template.rules.find((candidate) => candidate.id === entry.rule);
    const values: Record<string, number> = {};
    for (const parameter of entry.parameters) values[parameter.key] = numberOf(rule, parameter.key) ?? parameter.min;
    rules[entry.rule] = { enabled: entry.enabledByDefault, values, required: rule?.severity === 'error' };
  }
  return {
    programmeName: '',
    department: '',
    place: null,
    rules,
    copies: template.package.filing.copies ?? null,
    documents: [...(settings?.optionalDocuments ?? [])],
  };
}

function numberOf(rule: RuleDef | undefined, key: string): number | undefined {
  const value = rule ? (rule.check as Record<string, unknown>)[key] : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** Each thing wrong with settings for this template, in Chinese; empty when they can be used. */
export function regionSettingsProblems(template: RegionTemplate, settings: RegionSettings): string[] {
  const declared = template.userSettings;
  if (!declared) return [`${template.name}的规则已内置，不能自行设置`];
  const problems: string[] = [];
  for (const id of Object.keys(settings.rules)) {
    if (!declared.rules.some((entry) => entry.rule === id)) problems.push(`不认识的规则「${id}」`);
  }
  for (const entry of declared.rules) {
    const rule = template.rules.find((candidate) => candidate.id === entry.rule);
    const set = settings.rules[entry.rule];
    const title = ruleTitleOf(rule);
    if (!set) {
      problems.push(`缺少规则「${title}」的设置`);
      continue;
    }
    for (const key of Object.keys(set.values)) {
      if (!entry.parameters.some((parameter) => parameter.key === key)) problems.push(`规则「${title}」没有可设置的「${key}」`);
    }
    for (const parameter of entry.parameters) {
      const value = set.values[parameter.key];
      if (value === undefined) problems.push(`请填写「${parameter.label}」`);
      else if (parameter.integer && !Number.isInteger(value)) problems.push(`「${parameter.label}」应为整数`);
      else if (value < parameter.min || value > parameter.max) {
        problems.push(`「${parameter.label}」应在 ${parameter.min}–${parameter.max}${parameter.unit} 之间`);
      }
    }
  }
  for (const kind of settings.documents) {
    if (!declared.optionalDocuments.includes(kind)) problems.push(`材料「${kind}」不是可选的材料`);
  }
  if (declared.place && settings.place === null && needsPlace(template, settings)) {
    problems.push('已开启注册地相关的规则，请选择所在地区');
  }
  return problems;
}

/** Rules on registration that are on need a place to compare with. */
function needsPlace(template: RegionTemplate, settings: RegionSettings): boolean {
  return template.rules.some(
    (rule) =>
      (rule.check.kind === 'leadRegistered' || rule.check.kind === 'minShareRegistered') && (settings.rules[rule.id]?.enabled ?? true),
  );
}

function ruleTitleOf(rule: RuleDef | undefined): string {
  return (rule?.title ?? '').replace(/\{[a-zA-Z]+\}/g, 'N');
}

/**
 * Settings from outside (the UI, a project file) checked against the template: the schema's message or the
 * first problem, as a UserError the user can act on.
 */
export function parseRegionSettings(template: RegionTemplate, raw: unknown): RegionSettings {
  const parsed = regionSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError('regionSettings.invalid', `地区设置有误：${issue?.message ?? '格式不正确'}`, JSON.stringify(parsed.error.issues));
  }
  const problems = regionSettingsProblems(template, parsed.data);
  if (problems.length > 0) {
    throw new UserError('regionSettings.invalid', `地区设置有误：${problems.join('；')}`, `${template.id}: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** How a number reads in a clause: 3000, 2.5. */
function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

function replaceAll(text: string, values: Record<string, string>): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Every string inside a JSON-like value with the placeholders filled. */
function fillStrings<T>(value: T, values: Record<string, string>): T {
  if (typeof value === 'string') return replaceAll(value, values) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => fillStrings(item, values)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fillStrings(item, values)])) as T;
  }
  return value;
}

/** Why a rule the user marked is an error or a warning: their choice, not a quoted clause. */
const severityBases = {
  error: '用户在「地区设置」中设为必须满足，未引用原文',
  warning: '用户在「地区设置」中设置的门槛，未引用原文，按提示处理',
} as const;

/** What a placeholder reads before the user has set it (a draft restored from before its settings). */
const unset = { programmeName: '（专项/计划名称）', department: '（主管部门）', placeName: '本地区' };

/**
 * The template a draft of this region is checked and printed against: settable rules switched off are gone
 * and the others carry the user's numbers, optional documents not chosen are out of the package, copies are
 * the user's, and every text says the user's programme, department and place. A template without
 * `userSettings` comes back as it is.
 */
export function effectiveTemplate(template: RegionTemplate, settings: RegionSettings | null | undefined): RegionTemplate {
  const declared = template.userSettings;
  if (!declared) return template;
  const chosen = settings ?? defaultRegionSettings(template);
  const keep = (kind: DocumentKind) => !declared.optionalDocuments.includes(kind) || chosen.documents.includes(kind);

  const rules: RuleDef[] = [];
  for (const rule of template.rules) {
    const entry = declared.rules.find((candidate) => candidate.rule === rule.id);
    if (!entry) {
      rules.push(rule);
      continue;
    }
    const set = chosen.rules[rule.id];
    if (set && !set.enabled) continue;
    const numbers: Record<string, string> = {};
    const check: Record<string, unknown> = { ...rule.check };
    for (const parameter of entry.parameters) {
      const value = set?.values[parameter.key] ?? numberOf(rule, parameter.key) ?? parameter.min;
      check[parameter.key] = value;
      numbers[parameter.key] = formatNumber(value);
    }
    const severity = set?.required === undefined ? rule.severity : set.required ? 'error' : 'warning';
    rules.push({
      ...rule,
      severity,
      severityBasis: severity === rule.severity ? replaceAll(rule.severityBasis, numbers) : severityBases[severity],
      title: replaceAll(rule.title, numbers),
      clause: replaceAll(rule.clause, numbers),
      check: check as RuleDef['check'],
    });
  }

  const place = declared.place ? chosen.place : null;
  const texts = {
    programmeName: chosen.programmeName.trim() || unset.programmeName,
    department: chosen.department.trim() || unset.department,
    placeName: place?.name ?? unset.placeName,
    placeCode: place?.code ?? template.divisionPrefix,
  };
  const { userSettings, ...rest } = template;
  const filled = fillStrings({ ...rest, rules }, texts);
  const pkg = filled.package;
  return {
    ...filled,
    ...(declared.names && place ? fillStrings(declared.names, texts) : {}),
    divisionPrefix: place?.code ?? template.divisionPrefix,
    documents: filled.documents.filter(keep),
    package: {
      ...pkg,
      filed: pkg.filed.filter(keep),
      laterReports: pkg.laterReports.filter(keep),
      filing: { ...pkg.filing, copies: chosen.copies ?? undefined },
    },
    userSettings,
  };
}

/** The parameter definitions of a settable rule, for forms and messages. */
export function settableRule(template: RegionTemplate, ruleId: string): { rule: RuleDef; parameters: SettableParameter[] } | null {
  const entry = template.userSettings?.rules.find((candidate) => candidate.rule === ruleId);
  const rule = template.rules.find((candidate) => candidate.id === ruleId);
  return entry && rule ? { rule, parameters: entry.parameters } : null;
}
