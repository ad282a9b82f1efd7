import type { CheckReport, Finding, FindingTarget, RuleNumbers, RuleResult, RuleStatus } from '../../shared/checks';
import {
  councilChair,
  councilKeys,
  deriveValues,
  derivedMismatches,
  filledRows,
  isBlankRow,
  isEnterprise,
  leadRowOf,
  normalizeUnitName,
  placeInRegion,
  platformKeys,
  printedMembers,
  printedMembersMax,
  registrationPlaceOf,
} from '../../shared/derive';
import type { Draft, TableRow } from '../../shared/draft';
import { leadTier, memberKeys, yes } from '../../shared/draft';
import type { FieldDef, RegionId, RegionTemplate, RuleCheck, RuleDef, StepId, TableId } from '../../shared/region-template';
import { stepIds } from '../../shared/region-template';
import { normalizeUscc, parseInteger, parseMoney, validateValue } from '../../shared/validation';
import { divisionName } from '../regions/division';

/**
 * Checks a draft against its region template: every value against its definition, every eligibility rule
 * with the numbers behind its verdict, the 20-member limit of the printed form, and how complete the
 * draft is. Pure apart from the questions it asks `context` about the user's other drafts.
 */

export { printedMembers };

/** 联合体牵头单位 on the form's first page; the member table's lead row should name the same unit. */
const leadUnitKey = 'leadUnit';

/** What the checks may ask about the other drafts in the store (for 「一个牵头单位仅限牵头组建一个」 and the like). */
export interface CheckContext {
  otherDrafts: {
    /** Drafts of the region, other than `excludeDraftId` and not in the trash, whose lead has this USCC. */
    countDraftsLedBy(uscc: string, regionId: RegionId, excludeDraftId: string): number;
    /** Drafts of the region, other than `excludeDraftId` and not in the trash, with a member of this USCC. */
    countDraftsWithMember(uscc: string, regionId: RegionId, excludeDraftId: string): number;
    /**
     * The same count for many codes at once (a store answers it in one query instead of one per member);
     * codes in no other draft may be missing from the map.
     */
    countDraftsWithMembers?(usccs: string[], regionId: RegionId, excludeDraftId: string): Map<string, number>;
  };
}

/** For checking a draft on its own (the CLI on a project file, tests): there are no other drafts. */
export const noOtherDrafts: CheckContext = {
  otherDrafts: {
    countDraftsLedBy: () => 0,
    countDraftsWithMember: () => 0,
  },
};

export function checkDraft(template: RegionTemplate, draft: Draft, context: CheckContext): CheckReport {
  const derived = deriveValues(template, draft, registrationPlaceOf);
  const ids = new FindingIds();
  const findings: Finding[] = [
    ...validateFields(template, draft, ids),
    ...validateTables(template, draft, ids),
    ...derivedMismatches(template, draft, derived),
    ...printedMembersFindings(template, draft),
    ...leadUnitMismatch(template, draft),
  ];

  const rules: RuleResult[] = [];
  const input = new RuleInput(template, draft, context);
  for (const rule of template.rules) {
    const evaluation = evaluateRule(rule.check, input);
    rules.push({
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      status: evaluation.status,
      clause: rule.clause,
      message: evaluation.message,
      numbers: evaluation.numbers,
    });
    if (evaluation.status === 'fail') findings.push(...ruleFindings(template, rule, evaluation, ids));
  }

  // Findings are shown grouped by the walk's steps; a stable sort keeps each step's own order.
  const stepOrder = (step: StepId) => stepIds.indexOf(step);
  findings.sort((a, b) => stepOrder(a.step) - stepOrder(b.step));

  const errorCount = findings.filter((finding) => finding.severity === 'error').length;
  return {
    findings,
    rules,
    derived,
    completeness: completenessOf(template, draft),
    errorCount,
    warningCount: findings.length - errorCount,
    eligible: eligibility(rules),
  };
}

/** 'fail' if an error-severity rule fails; a failed 原则上 (warning) rule does not make a draft ineligible. */
function eligibility(rules: RuleResult[]): RuleStatus {
  const binding = rules.filter((rule) => rule.severity === 'error');
  if (binding.some((rule) => rule.status === 'fail')) return 'fail';
  if (binding.some((rule) => rule.status === 'unknown')) return 'unknown';
  return 'pass';
}

/** Ids are built from where and what; the rare second problem with the same code gets a suffix. */
class FindingIds {
  private readonly seen = new Map<string, number>();
  next(base: string): string {
    const count = this.seen.get(base) ?? 0;
    this.seen.set(base, count + 1);
    return count === 0 ? base : `${base}#${count + 1}`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Values

function validateFields(template: RegionTemplate, draft: Draft, ids: FindingIds): Finding[] {
  const findings: Finding[] = [];
  for (const field of template.fields) {
    const problems = validateValue(field.type, draft.fields[field.key] ?? '', {
      // A derived field is filled from the tables when left empty, so leaving it empty is no omission.
      required: field.required && !field.derived,
      maxChars: field.maxChars,
      options: field.options,
      maxItems: field.maxItems,
    });
    for (const problem of problems) {
      findings.push({
        id: ids.next(`field:${field.key}:${problem.code}`),
        step: field.step,
        target: { kind: 'field', key: field.key },
        severity: problem.severity,
        message: `${field.label}：${problem.message}`,
      });
    }
  }
  return findings;
}

function validateTables(template: RegionTemplate, draft: Draft, ids: FindingIds): Finding[] {
  const findings: Finding[] = [];
  for (const table of template.tables) {
    const rows = draft.tables[table.key] ?? [];
    rows.forEach((row, index) => {
      for (const column of table.columns) {
        const problems = validateValue(column.type, row.values[column.key] ?? '', {
          required: column.required,
          maxChars: column.maxChars,
          options: column.options,
          maxItems: column.maxItems,
        });
        for (const problem of problems) {
          findings.push({
            id: ids.next(`cell:${table.key}:${row.id}:${column.key}:${problem.code}`),
            step: table.step,
            target: { kind: 'cell', table: table.key, rowId: row.id, column: column.key },
            severity: problem.severity,
            message: `${table.label}第${index + 1}行「${column.label}」：${problem.message}`,
          });
        }
      }
    });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------
// The printed form's 20 members (「若成员单位超过20家，则只需填写主要成员单位的有关情况」)

function printedMembersFindings(template: RegionTemplate, draft: Draft): Finding[] {
  const table = template.tables.find((t) => t.key === 'members');
  if (!table) return [];
  const max = printedMembersMax(template);
  const members = filledRows(draft.tables.members);
  if (max === null || members.length <= max) return [];
  const lead = leadRowOf(draft);
  const mainCount = members.filter((row) => row !== lead && (row.values[memberKeys.main] ?? '').trim() === yes).length;
  const target: FindingTarget = { kind: 'table', table: 'members' };
  const hasMainColumn = table.columns.some((column) => column.key === memberKeys.main);

  if (mainCount + 1 > max) {
    return [
      {
        id: 'members:tooManyMain',
        step: table.step,
        target,
        severity: 'error',
        message: `标记为主要成员单位的有 ${mainCount} 家，加上牵头单位共 ${mainCount + 1} 家，超过申请表可列的 ${max} 家；请减少主要成员单位的标记`,
        numbers: { 主要成员单位: mainCount, 含牵头单位: mainCount + 1, 上限: max },
      },
    ];
  }
  if (mainCount === 0) {
    return [
      {
        id: 'members:noMainMarked',
        step: table.step,
        target,
        severity: 'warning',
        message: hasMainColumn
          ? `成员单位共 ${members.length} 家，超过 ${max} 家。申请表只填写主要成员单位，目前将打印前 ${max} 家；请在成员单位表中标记主要成员单位（完整名单作为附件提交）`
          : `成员单位共 ${members.length} 家，超过 ${max} 家。申请表只列前 ${max} 家，完整名单作为附件提交`,
        numbers: { 成员总数: members.length, 上限: max },
      },
    ];
  }
  return [];
}

/**
 * The cover and first table name the lead (联合体牵头单位), and so does row 1 of the member table; reviewers
 * compare them, and platform and council rules match on the member table's spelling.
 */
function leadUnitMismatch(template: RegionTemplate, draft: Draft): Finding[] {
  const field = template.fields.find((f) => f.key === leadUnitKey);
  const lead = leadRowOf(draft);
  if (!field || !lead) return [];
  const typed = (draft.fields[leadUnitKey] ?? '').trim();
  const listed = (lead.values[memberKeys.name] ?? '').trim();
  if (typed === '' || listed === '' || normalizeUnitName(typed) === normalizeUnitName(listed)) return [];
  return [
    {
      id: 'leadUnit:mismatch',
      step: field.step,
      target: { kind: 'field', key: leadUnitKey },
      severity: 'warning',
      message: `${field.label}「${typed}」与成员单位表中的牵头单位「${listed}」名称不一致`,
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Completeness

/**
 * The share of what must be filled that is: each required field (derived ones are computed), each required
 * cell of the rows that exist, and — for each table with required columns — having at least one row.
 */
function completenessOf(template: RegionTemplate, draft: Draft): number {
  let total = 0;
  let filled = 0;
  for (const field of template.fields) {
    if (!field.required || field.derived) continue;
    total++;
    if ((draft.fields[field.key] ?? '').trim() !== '') filled++;
  }
  for (const table of template.tables) {
    const required = table.columns.filter((column) => column.required);
    if (required.length === 0) continue;
    const rows = draft.tables[table.key] ?? [];
    total++;
    if (rows.some((row) => !isBlankRow(row))) filled++;
    for (const row of rows) {
      for (const column of required) {
        total++;
        if ((row.values[column.key] ?? '').trim() !== '') filled++;
      }
    }
  }
  return total === 0 ? 100 : Math.round((filled / total) * 100);
}

// ---------------------------------------------------------------------------------------------------------
// Rules

/** A rule's verdict before it is dressed as a RuleResult; `rows` are the offending rows, when a rule has them. */
interface Evaluation {
  status: RuleStatus;
  message: string;
  numbers: RuleNumbers;
  /** Where the failure is: defaults to the member table. */
  target?: FindingTarget;
  /** One finding per offending cell, instead of one for the rule. */
  cells?: { rowId: string; column: string; message: string; table?: TableId }[];
}

/** What the rules read from the draft, computed once per check. */
class RuleInput {
  readonly members: TableRow[];
  readonly lead: TableRow | null;
  constructor(
    readonly template: RegionTemplate,
    readonly draft: Draft,
    readonly context: CheckContext,
  ) {
    this.members = filledRows(draft.tables.members);
    this.lead = leadRowOf(draft);
  }

  /** 「第3行（某某公司）」: the row number as the table shows it (blank rows included). */
  rowLabel(row: TableRow, table: TableId = 'members'): string {
    const index = (this.draft.tables[table] ?? []).indexOf(row);
    const name = (row.values[memberKeys.name] ?? '').trim();
    return `第${index + 1}行${name ? `（${name}）` : ''}`;
  }

  field(key: string): FieldDef | undefined {
    return this.template.fields.find((field) => field.key === key);
  }

  /** The lead's name from the member table, else from the form's 联合体牵头单位 field. */
  leadName(): string {
    return (this.lead?.values[memberKeys.name] ?? '').trim() || (this.draft.fields[leadUnitKey] ?? '').trim();
  }
}

const noMembers: Evaluation = { status: 'unknown', message: '尚未填写成员单位，暂无法判断', numbers: {} };

function evaluateRule(check: RuleCheck, input: RuleInput): Evaluation {
  switch (check.kind) {
    case 'minMembers':
      return minMembers(check, input);
    case 'minShareOfType':
      return minShareOfType(check, input);
    case 'minShareHighTech':
      return minShareHighTech(check, input);
    case 'minShareRegistered':
      return minShareRegistered(check, input);
    case 'minCountOfType':
      return minCountOfType(check, input);
    case 'leadRegistered':
      return leadRegistered(check, input);
    case 'fieldMin':
      return fieldMin(check, input);
    case 'fieldTrue':
      return fieldTrue(check, input);
    case 'fieldFilled':
      return fieldFilled(check, input);
    case 'rdSpending':
      return rdSpending(check, input);
    case 'leadHoldsPlatform':
      return leadHoldsPlatform(check, input);
    case 'councilChairedByLead':
      return councilChairedByLead(input);
    case 'leadLeadsOnce':
      return leadLeadsOnce(input);
    case 'memberInAtMost':
      return memberInAtMost(check, input);
    case 'firstMemberIsLead':
      return firstMemberIsLead(input);
    case 'uniqueUscc':
      return uniqueUscc(input);
    case 'membersHaveTierAndType':
      return membersHaveTierAndType(input);
  }
}

type CheckOf<K extends RuleCheck['kind']> = Extract<RuleCheck, { kind: K }>;

/** 「50.0%」 with one decimal, as the form and the derived values show shares. */
function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${(Math.round((part * 1000) / whole) / 10).toFixed(1)}%` : '—';
}

/** Amounts without float noise: 2999.9999999 prints as 3000 only if it is 3000 to 4 decimals. */
function formatAmount(value: number): string {
  return String(Number(value.toFixed(4)));
}

/**
 * part / whole ≥ minPercent %, decided in integers where possible so that exactly 50% passes and no
 * rounding of the displayed share (49.96% → 50.0%) can turn a failure into a pass.
 */
function shareAtLeast(part: number, whole: number, minPercent: number): boolean {
  return whole > 0 && atLeast(part * 100, minPercent * whole);
}

/** a ≥ b, forgiving the last bits of binary floating point (0.1 + 0.2), never a real difference. */
function atLeast(a: number, b: number): boolean {
  return a >= b - 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * A share rule over all members (lead included) where some rows may not tell yet (type not chosen,
 * place not known): it passes if it passes counting those as "no", fails if it fails counting them as
 * "yes", and is unknown in between.
 */
function shareVerdict(
  yesCount: number,
  undecided: number,
  whole: number,
  minPercent: number,
): RuleStatus {
  if (shareAtLeast(yesCount, whole, minPercent)) return 'pass';
  if (!shareAtLeast(yesCount + undecided, whole, minPercent)) return 'fail';
  return 'unknown';
}

function minMembers(check: CheckOf<'minMembers'>, input: RuleInput): Evaluation {
  if (input.members.length === 0) return noMembers;
  const count = check.includeLead || input.lead === null ? input.members.length : input.members.length - 1;
  const scope = check.includeLead ? '含牵头单位' : '不含牵头单位';
  const numbers = { [`成员单位数量（${scope}）`]: count, 要求: `≥ ${check.min}` };
  return count >= check.min
    ? { status: 'pass', message: `成员单位 ${count} 家（${scope}），不少于 ${check.min} 家`, numbers }
    : {
        status: 'fail',
        message: `成员单位 ${count} 家（${scope}），少于 ${check.min} 家，还需增加 ${check.min - count} 家`,
        numbers,
      };
}

function minShareOfType(check: CheckOf<'minShareOfType'>, input: RuleInput): Evaluation {
  const members = input.members;
  if (members.length === 0) return noMembers;
  const typeLabel = check.unitTypes.join('、');
  const typeOf = (row: TableRow) => (row.values[memberKeys.unitType] ?? '').trim();
  const count = members.filter((row) => check.unitTypes.includes(typeOf(row))).length;
  const undecided = members.filter((row) => typeOf(row) === '').length;
  const share = formatShare(count, members.length);
  const numbers: RuleNumbers = {
    [`${typeLabel}数量`]: count,
    成员总数: members.length,
    比例: share,
    要求: `≥ ${check.minPercent}%`,
  };
  const status = shareVerdict(count, undecided, members.length, check.minPercent);
  const base = `${typeLabel} ${count} 家，占成员单位总数 ${members.length} 家（含牵头单位）的 ${share}`;
  const message =
    status === 'pass'
      ? `${base}，不低于 ${check.minPercent}%`
      : status === 'fail'
        ? `${base}，低于 ${check.minPercent}% 的要求`
        : `${base}；另有 ${undecided} 家未选择单位类型，暂无法判断`;
  return { status, message, numbers };
}

function minShareHighTech(check: CheckOf<'minShareHighTech'>, input: RuleInput): Evaluation {
  if (input.members.length === 0) return noMembers;
  // Denominator: the enterprises — 「企业比例不低于50%（其中高新技术企业不低于20%）」, 其中 = of which.
  const enterprises = input.members.filter(isEnterprise);
  const untyped = input.members.filter((row) => (row.values[memberKeys.unitType] ?? '').trim() === '').length;
  const highTechOf = (row: TableRow) => (row.values[memberKeys.highTech] ?? '').trim();
  const count = enterprises.filter((row) => highTechOf(row) === yes).length;
  const undecided = enterprises.filter((row) => highTechOf(row) === '').length;
  const share = formatShare(count, enterprises.length);
  const numbers: RuleNumbers = {
    高新技术企业数量: count,
    企业数量: enterprises.length,
    比例: share,
    要求: `≥ ${check.minPercent}%（占企业数量）`,
  };
  if (enterprises.length === 0) {
    return untyped > 0
      ? { status: 'unknown', message: '尚无单位类型为企业的成员单位（有成员未选择单位类型），暂无法判断', numbers }
      : { status: 'fail', message: '成员单位中没有企业，高新技术企业比例无法达到要求', numbers };
  }
  // A member without a type may yet turn out to be an enterprise, with or without 高新 status, which moves
  // both sides of the share: decide only when no such member could change the verdict.
  const whole = enterprises.length + untyped;
  const status: RuleStatus = shareAtLeast(count, whole, check.minPercent)
    ? 'pass'
    : !shareAtLeast(count + undecided + untyped, whole, check.minPercent)
      ? 'fail'
      : 'unknown';
  const base = `高新技术企业 ${count} 家，占企业 ${enterprises.length} 家的 ${share}（按企业数量计算）`;
  const message =
    status === 'pass'
      ? `${base}，不低于 ${check.minPercent}%`
      : status === 'fail'
        ? `${base}，低于 ${check.minPercent}% 的要求`
        : `${base}；尚有成员未填写单位类型或是否高新技术企业，暂无法判断`;
  return { status, message, numbers };
}

/** Names that mean "inside the region" for a code prefix: the template's own names where they apply. */
function regionNames(template: RegionTemplate, regionCode: string, extra: string[] = []): string[] {
  const own = regionCode === template.divisionPrefix ? [template.name, template.shortName] : [];
  return [...own, ...extra];
}

function minShareRegistered(check: CheckOf<'minShareRegistered'>, input: RuleInput): Evaluation {
  const members = input.members;
  if (members.length === 0) return noMembers;
  const names = regionNames(input.template, check.regionCode);
  const verdicts = members.map((row) => placeInRegion(registrationPlaceOf(row), check.regionCode, names));
  const count = verdicts.filter((verdict) => verdict === true).length;
  const undecided = verdicts.filter((verdict) => verdict === null).length;
  const where = input.template.shortName;
  const share = formatShare(count, members.length);
  const numbers: RuleNumbers = {
    [`在${where}注册的成员单位`]: count,
    成员总数: members.length,
    比例: share,
    要求: `≥ ${check.minPercent}%`,
  };
  const status = shareVerdict(count, undecided, members.length, check.minPercent);
  const base = `在${where}注册的成员单位 ${count} 家，占成员单位总数 ${members.length} 家（含牵头单位）的 ${share}`;
  const message =
    status === 'pass'
      ? `${base}，不低于 ${check.minPercent}%`
      : status === 'fail'
        ? `${base}，低于 ${check.minPercent}% 的要求`
        : `${base}；另有 ${undecided} 家的注册地无法判断（请填写统一社会信用代码，或在注册地中填写6位行政区划代码）`;
  return { status, message, numbers };
}

/**
 * Counts every member, the lead included: the template says in its label and minimum whether the lead is
 * meant (Chongqing's 「企业（含牵头企业）」 ≥ 2 is the lead plus one partner up or down the chain).
 */
function minCountOfType(check: CheckOf<'minCountOfType'>, input: RuleInput): Evaluation {
  if (input.members.length === 0) return noMembers;
  const typeOf = (row: TableRow) => (row.values[memberKeys.unitType] ?? '').trim();
  const counted = check.excludeLead ? input.members.filter((row) => row !== input.lead) : input.members;
  const count = counted.filter((row) => check.unitTypes.includes(typeOf(row))).length;
  const undecided = counted.filter((row) => typeOf(row) === '').length;
  const numbers: RuleNumbers = { [check.label]: count, 要求: `≥ ${check.min}` };
  if (count >= check.min) {
    return { status: 'pass', message: `${check.label} ${count} 家，不少于 ${check.min} 家`, numbers };
  }
  if (count + undecided >= check.min) {
    return {
      status: 'unknown',
      message: `${check.label} ${count} 家；另有 ${undecided} 家未选择单位类型，暂无法判断`,
      numbers,
    };
  }
  return { status: 'fail', message: `${check.label} ${count} 家，少于 ${check.min} 家`, numbers };
}

/** 「650104 新疆维吾尔自治区乌鲁木齐市新市区」 for a code, the typed name otherwise. */
function describePlace(place: string): string {
  if (!/^\d{6}$/.test(place)) return place;
  const name = divisionName(place);
  return name ? `${place}（${name}）` : place;
}

function leadRegistered(check: CheckOf<'leadRegistered'>, input: RuleInput): Evaluation {
  const lead = input.lead;
  if (!lead) return noMembers;
  const place = registrationPlaceOf(lead);
  const numbers: RuleNumbers = { 要求: `注册在${check.placeName}` };
  if (place === null) {
    return {
      status: 'unknown',
      message: '牵头单位的注册地未知：请填写其统一社会信用代码，或在注册地中填写6位行政区划代码',
      numbers,
      target: { kind: 'cell', table: 'members', rowId: lead.id, column: memberKeys.uscc },
    };
  }
  numbers['牵头单位注册地'] = describePlace(place);
  const inside = placeInRegion(place, check.regionCode, regionNames(input.template, check.regionCode, [check.placeName]));
  const target: FindingTarget = { kind: 'cell', table: 'members', rowId: lead.id, column: memberKeys.registrationPlace };
  if (inside === true) {
    return { status: 'pass', message: `牵头单位注册地为 ${describePlace(place)}，在${check.placeName}`, numbers };
  }
  if (inside === false) {
    return { status: 'fail', message: `牵头单位注册地为 ${describePlace(place)}，不在${check.placeName}`, numbers, target };
  }
  return {
    status: 'unknown',
    message: `无法从「${place}」判断牵头单位是否注册在${check.placeName}，请在注册地中填写6位行政区划代码`,
    numbers,
    target,
  };
}

/** Amounts are compared in 万元; a field or a rule may be in 亿元 (「年营业收入达到5亿元以上」). */
const unitFactors: Record<string, number> = { 万元: 1, 亿元: 10_000 };

function fieldUnit(field: FieldDef | undefined): string | undefined {
  return field?.unit ?? (field?.type === 'money' ? '万元' : undefined);
}

/** A typed number in the field's own unit, or null when empty or not a number. */
function readNumber(field: FieldDef | undefined, value: string): number | null {
  if (value.trim() === '') return null;
  if (field?.type === 'integer' || field?.type === 'age') return parseInteger(value);
  return parseMoney(value);
}

function isAmountUnit(unit: string | undefined): unit is string {
  return unit !== undefined && Object.hasOwn(unitFactors, unit);
}

/** An amount in 万元 when the unit is an amount, else as typed. */
function toCommonUnit(value: number, unit: string | undefined): number {
  return isAmountUnit(unit) ? value * unitFactors[unit] : value;
}

function fieldMin(check: CheckOf<'fieldMin'>, input: RuleInput): Evaluation {
  const field = input.field(check.field);
  const label = field?.label ?? check.field;
  const target: FindingTarget = { kind: 'field', key: check.field };
  const unitOfField = fieldUnit(field);
  const unitOfRule = check.unit ?? unitOfField;
  const requirement = `≥ ${formatAmount(check.min)}${unitOfRule ?? ''}`;
  const numbers: RuleNumbers = { 要求: requirement };
  const raw = input.draft.fields[check.field] ?? '';
  if (raw.trim() === '') return { status: 'unknown', message: `尚未填写${label}，暂无法判断`, numbers, target };
  const value = readNumber(field, raw);
  if (value === null) {
    return { status: 'unknown', message: `${label}「${raw.trim()}」不是有效数字，暂无法判断`, numbers, target };
  }
  numbers[label] = `${formatAmount(value)}${unitOfField ?? ''}`;
  const convertible =
    unitOfField !== unitOfRule && isAmountUnit(unitOfField) && isAmountUnit(unitOfRule);
  const typed = convertible ? toCommonUnit(value, unitOfField) : value;
  const min = convertible ? toCommonUnit(check.min, unitOfRule) : check.min;
  // 「5亿元（50000万元）」: say the threshold in the unit the user typed in, too.
  const minShown = convertible ? `${requirement}（${formatAmount(min)}万元）` : requirement;
  return atLeast(typed, min)
    ? { status: 'pass', message: `${label}为 ${numbers[label]}，达到 ${minShown} 的要求`, numbers, target }
    : { status: 'fail', message: `${label}为 ${numbers[label]}，未达到 ${minShown} 的要求`, numbers, target };
}

function fieldTrue(check: CheckOf<'fieldTrue'>, input: RuleInput): Evaluation {
  const label = input.field(check.field)?.label ?? check.field;
  const value = (input.draft.fields[check.field] ?? '').trim();
  const target: FindingTarget = { kind: 'field', key: check.field };
  const numbers: RuleNumbers = { [label]: value || '未填写', 要求: yes };
  if (value === '') return { status: 'unknown', message: `尚未填写「${label}」`, numbers, target };
  return value === yes
    ? { status: 'pass', message: `${label}：是`, numbers, target }
    : { status: 'fail', message: `${label}：${value}（须为“是”）`, numbers, target };
}

/** Unlike the other rules, an empty value is the failure this rule looks for, not an "unknown". */
function fieldFilled(check: CheckOf<'fieldFilled'>, input: RuleInput): Evaluation {
  const label = input.field(check.field)?.label ?? check.field;
  const filled = (input.draft.fields[check.field] ?? '').trim() !== '';
  const target: FindingTarget = { kind: 'field', key: check.field };
  return filled
    ? { status: 'pass', message: `已填写「${label}」`, numbers: {}, target }
    : { status: 'fail', message: `尚未填写「${label}」`, numbers: {}, target };
}

/**
 * 「近三个会计年度的研究开发费用总额不低于3000万元或占同期销售收入总额的比例原则上不低于3%」: either way
 * passes. Spending is non-negative, so a partial sum already over the total decides it.
 */
function rdSpending(check: CheckOf<'rdSpending'>, input: RuleInput): Evaluation {
  const read = (key: string) => {
    const field = input.field(key);
    const value = readNumber(field, input.draft.fields[key] ?? '');
    return value === null ? null : toCommonUnit(value, fieldUnit(field));
  };
  const spending = check.spendingFields.map(read);
  const revenue = check.revenueFields.map(read);
  const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
  const spendingTotal = sum(spending);
  const requirement = `≥ ${formatAmount(check.minTotal)} 万元 或 ≥ ${check.minPercent}%`;
  const numbers: RuleNumbers = { 近三年研发投入合计: `${formatAmount(spendingTotal)} 万元`, 要求: requirement };
  const firstMissing = [...check.spendingFields, ...check.revenueFields].find((key, i) =>
    i < 3 ? spending[i] === null : revenue[i - 3] === null,
  );
  const target: FindingTarget = { kind: 'field', key: firstMissing ?? check.spendingFields[0] };

  if (atLeast(spendingTotal, check.minTotal)) {
    return {
      status: 'pass',
      message: `近三年研发投入合计 ${formatAmount(spendingTotal)} 万元，不低于 ${formatAmount(check.minTotal)} 万元`,
      numbers,
      target,
    };
  }
  if (spending.some((value) => value === null)) {
    return {
      status: 'unknown',
      message: '近三年研发投入尚未填齐，暂无法判断（实际经营不满三年的，未经营的年份请填 0）',
      numbers,
      target,
    };
  }
  if (revenue.some((value) => value === null)) {
    return {
      status: 'unknown',
      message: `近三年研发投入合计 ${formatAmount(spendingTotal)} 万元，低于 ${formatAmount(check.minTotal)} 万元；销售收入尚未填齐，无法计算研发投入占比`,
      numbers,
      target,
    };
  }
  const revenueTotal = sum(revenue);
  numbers['近三年销售收入合计'] = `${formatAmount(revenueTotal)} 万元`;
  // Shown rounded down, so that a share just under the line never reads as reaching it (2.999% → 2.99%).
  const shareShown = revenueTotal > 0 ? `${(Math.floor((spendingTotal / revenueTotal) * 10_000 + 1e-6) / 100).toFixed(2)}%` : '—';
  numbers['研发投入占比'] = shareShown;
  const base = `近三年研发投入合计 ${formatAmount(spendingTotal)} 万元（低于 ${formatAmount(check.minTotal)} 万元），占同期销售收入 ${formatAmount(revenueTotal)} 万元的 ${shareShown}`;
  return shareAtLeast(spendingTotal, revenueTotal, check.minPercent)
    ? { status: 'pass', message: `${base}，不低于 ${check.minPercent}%`, numbers, target }
    : { status: 'fail', message: `${base}，低于 ${check.minPercent}%：两项条件均未达到`, numbers, target };
}

function leadHoldsPlatform(check: CheckOf<'leadHoldsPlatform'>, input: RuleInput): Evaluation {
  const target: FindingTarget = { kind: 'table', table: 'platforms' };
  const numbers: RuleNumbers = { 要求: `牵头单位为依托单位的${check.levels.join('/')}平台 ≥ 1` };
  const leadName = input.leadName();
  if (leadName === '') return { status: 'unknown', message: '尚未填写牵头单位名称，暂无法判断', numbers, target };
  const platforms = filledRows(input.draft.tables.platforms);
  if (platforms.length === 0) return { status: 'unknown', message: '尚未填写科研平台，暂无法判断', numbers, target };
  const held = platforms.filter(
    (row) => normalizeUnitName(row.values[platformKeys.hostUnit] ?? '') === normalizeUnitName(leadName),
  );
  const qualifying = held.filter((row) => check.levels.includes((row.values[platformKeys.level] ?? '').trim()));
  numbers['牵头单位依托的平台'] = held.length;
  numbers['其中符合级别的'] = qualifying.length;
  if (qualifying.length > 0) {
    const names = qualifying.map((row) => `「${(row.values[platformKeys.name] ?? '').trim()}」`).join('、');
    return { status: 'pass', message: `牵头单位${leadName}建有${names}`, numbers, target };
  }
  return {
    status: 'fail',
    message:
      held.length === 0
        ? `科研平台表中没有依托单位为牵头单位（${leadName}）的平台；依托单位须与牵头单位名称一致`
        : `牵头单位（${leadName}）依托的 ${held.length} 个平台中没有${check.levels.join('或')}平台`,
    numbers,
    target,
  };
}

function councilChairedByLead(input: RuleInput): Evaluation {
  const target: FindingTarget = { kind: 'table', table: 'council' };
  const council = filledRows(input.draft.tables.council);
  const leadName = input.leadName();
  const numbers: RuleNumbers = { 要求: '理事长由牵头单位负责人担任' };
  if (council.length === 0) return { status: 'unknown', message: '尚未填写理事会成员，暂无法判断', numbers, target };
  if (leadName === '') return { status: 'unknown', message: '尚未填写牵头单位名称，暂无法判断', numbers, target };
  const chairs = council.filter((row) => (row.values[councilKeys.councilRole] ?? '').trim() === councilChair);
  if (chairs.length === 0) return { status: 'fail', message: '理事会成员中没有理事长', numbers, target };
  const fromLead = chairs.find(
    (row) => normalizeUnitName(row.values[councilKeys.unit] ?? '') === normalizeUnitName(leadName),
  );
  if (fromLead) return { status: 'pass', message: `理事长来自牵头单位${leadName}`, numbers };
  const unit = (chairs[0].values[councilKeys.unit] ?? '').trim() || '未填写';
  return {
    status: 'fail',
    message: `理事长所在单位为「${unit}」，不是牵头单位「${leadName}」`,
    numbers,
    cells: chairs.map((row) => ({
      table: 'council',
      rowId: row.id,
      column: councilKeys.unit,
      message: `理事会${input.rowLabel(row, 'council')}：理事长所在单位「${(row.values[councilKeys.unit] ?? '').trim() || '未填写'}」不是牵头单位「${leadName}」`,
    })),
  };
}

function usccOf(row: TableRow): string {
  return normalizeUscc(row.values[memberKeys.uscc] ?? '');
}

function leadLeadsOnce(input: RuleInput): Evaluation {
  const lead = input.lead;
  if (!lead) return noMembers;
  const uscc = usccOf(lead);
  const target: FindingTarget = { kind: 'cell', table: 'members', rowId: lead.id, column: memberKeys.uscc };
  if (uscc === '') {
    return { status: 'unknown', message: '尚未填写牵头单位的统一社会信用代码，暂无法判断', numbers: {}, target };
  }
  const others = input.context.otherDrafts.countDraftsLedBy(uscc, input.draft.regionId, input.draft.id);
  const numbers: RuleNumbers = { 由该单位牵头的其他草稿: others, 要求: '0' };
  return others === 0
    ? { status: 'pass', message: `本机没有其他由${input.leadName() || '该单位'}牵头的${input.template.shortName}草稿`, numbers, target }
    : {
        status: 'fail',
        message: `本机还有 ${others} 份${input.template.shortName}草稿由${input.leadName() || '该单位'}牵头；一个牵头单位仅限牵头组建一个创新联合体`,
        numbers,
        target,
      };
}

function memberInAtMost(check: CheckOf<'memberInAtMost'>, input: RuleInput): Evaluation {
  if (input.members.length === 0) return noMembers;
  const seen = new Set<string>();
  const over: { row: TableRow; count: number }[] = [];
  let withoutCode = 0;
  const others = input.context.otherDrafts;
  const codes = [...new Set(input.members.map(usccOf).filter((uscc) => uscc !== ''))];
  const batch = others.countDraftsWithMembers?.(codes, input.draft.regionId, input.draft.id);
  for (const row of input.members) {
    const uscc = usccOf(row);
    if (uscc === '') {
      withoutCode++;
      continue;
    }
    if (seen.has(uscc)) continue;
    seen.add(uscc);
    // This draft counts as one of the consortia the unit takes part in.
    const elsewhere = batch ? (batch.get(uscc) ?? 0) : others.countDraftsWithMember(uscc, input.draft.regionId, input.draft.id);
    const count = elsewhere + 1;
    if (count > check.max) over.push({ row, count });
  }
  const numbers: RuleNumbers = { 超出的成员单位: over.length, 要求: `每家 ≤ ${check.max} 个联合体（含本联合体）` };
  if (over.length > 0) {
    return {
      status: 'fail',
      message: `${over.length} 家成员单位参与的联合体超过 ${check.max} 个（按本机草稿计，含本联合体）`,
      numbers,
      cells: over.map(({ row, count }) => ({
        rowId: row.id,
        column: memberKeys.uscc,
        message: `成员单位${input.rowLabel(row)}在本机共 ${count} 份${input.template.shortName}草稿中出现，超过 ${check.max} 个`,
      })),
    };
  }
  if (withoutCode > 0) {
    return { status: 'unknown', message: `${withoutCode} 家成员单位未填写统一社会信用代码，暂无法判断`, numbers };
  }
  return { status: 'pass', message: `每家成员单位参与的联合体均不超过 ${check.max} 个（按本机草稿计）`, numbers };
}

function firstMemberIsLead(input: RuleInput): Evaluation {
  const members = input.members;
  if (members.length === 0) return noMembers;
  const tierOf = (row: TableRow) => (row.values[memberKeys.tier] ?? '').trim();
  const leads = members.filter((row) => tierOf(row) === leadTier);
  const numbers: RuleNumbers = { 牵头单位数量: leads.length, 要求: '第1行为牵头单位，且仅此一家' };
  const cells: NonNullable<Evaluation['cells']> = [];
  if (tierOf(members[0]) !== leadTier) {
    cells.push({
      rowId: members[0].id,
      column: memberKeys.tier,
      message: `成员单位表${input.rowLabel(members[0])}应为牵头单位：申请表第1行是牵头单位`,
    });
  }
  for (const row of leads) {
    if (row === members[0]) continue;
    cells.push({
      rowId: row.id,
      column: memberKeys.tier,
      message: `成员单位表${input.rowLabel(row)}也标为牵头单位；牵头单位只能有一家，且应排在第1行`,
    });
  }
  if (cells.length === 0) return { status: 'pass', message: '第1行为牵头单位，且仅有一家牵头单位', numbers };
  const message =
    leads.length === 0
      ? '没有层级为「牵头单位」的成员单位；请将牵头单位填在第1行'
      : leads.length > 1
        ? `有 ${leads.length} 家成员单位标为牵头单位；牵头单位只能有一家，且应排在第1行`
        : '牵头单位应排在成员单位表第1行';
  return { status: 'fail', message, numbers, cells };
}

function uniqueUscc(input: RuleInput): Evaluation {
  if (input.members.length === 0) return noMembers;
  const firstByCode = new Map<string, TableRow>();
  const cells: NonNullable<Evaluation['cells']> = [];
  for (const row of input.members) {
    const uscc = usccOf(row);
    if (uscc === '') continue;
    const first = firstByCode.get(uscc);
    if (first) {
      cells.push({
        rowId: row.id,
        column: memberKeys.uscc,
        message: `成员单位表${input.rowLabel(row)}与${input.rowLabel(first)}的统一社会信用代码相同（${uscc}）`,
      });
    } else {
      firstByCode.set(uscc, row);
    }
  }
  const numbers: RuleNumbers = { 重复: cells.length };
  return cells.length === 0
    ? { status: 'pass', message: '成员单位的统一社会信用代码没有重复', numbers }
    : { status: 'fail', message: `有 ${cells.length} 处统一社会信用代码重复：同一单位只能列一次`, numbers, cells };
}

function membersHaveTierAndType(input: RuleInput): Evaluation {
  if (input.members.length === 0) return noMembers;
  const { tiers, unitTypes } = input.template;
  const cells: NonNullable<Evaluation['cells']> = [];
  for (const row of input.members) {
    for (const [column, allowed, label] of [
      [memberKeys.tier, tiers, '层级'],
      [memberKeys.unitType, unitTypes, '单位类型'],
    ] as const) {
      const value = (row.values[column] ?? '').trim();
      if (value !== '' && allowed.includes(value)) continue;
      cells.push({
        rowId: row.id,
        column,
        message:
          value === ''
            ? `成员单位表${input.rowLabel(row)}未选择${label}`
            : `成员单位表${input.rowLabel(row)}的${label}「${value}」不是可选项（${allowed.join('、')}）`,
      });
    }
  }
  const numbers: RuleNumbers = { 未填或不合规: cells.length };
  return cells.length === 0
    ? { status: 'pass', message: '每家成员单位都已选择层级和单位类型', numbers }
    : { status: 'fail', message: `有 ${cells.length} 处成员单位的层级或单位类型未选择或不是可选项`, numbers, cells };
}

/** A failed rule becomes one finding, or one per offending cell so the UI can point at each. */
function ruleFindings(template: RegionTemplate, rule: RuleDef, evaluation: Evaluation, ids: FindingIds): Finding[] {
  const stepOf = (target: FindingTarget): StepId => {
    if (target.kind === 'field') return template.fields.find((field) => field.key === target.key)?.step ?? 'check';
    if (target.kind === 'cell' || target.kind === 'table') {
      return template.tables.find((table) => table.key === target.table)?.step ?? 'members';
    }
    return 'check';
  };
  const common = {
    severity: rule.severity,
    status: 'fail' as const,
    clause: rule.clause,
    numbers: evaluation.numbers,
  };
  if (evaluation.cells && evaluation.cells.length > 0) {
    return evaluation.cells.map((cell) => {
      const target: FindingTarget = { kind: 'cell', table: cell.table ?? 'members', rowId: cell.rowId, column: cell.column };
      return {
        ...common,
        id: ids.next(`rule:${rule.id}:${cell.rowId}:${cell.column}`),
        step: stepOf(target),
        target,
        message: `${rule.title}：${cell.message}`,
      };
    });
  }
  const target = evaluation.target ?? { kind: 'table', table: 'members' };
  return [
    {
      ...common,
      id: ids.next(`rule:${rule.id}`),
      step: stepOf(target),
      target,
      message: `${rule.title}：${evaluation.message}`,
    },
  ];
}
