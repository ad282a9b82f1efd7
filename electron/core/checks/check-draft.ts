import type { CheckReport, Finding, FindingTarget, RuleResult, RuleStatus } from '../../shared/checks';
import type { CodeEntry, PlaceIndex } from '../../shared/derive';
import { codeEntriesOf, deriveValues, derivedMismatches, printedMembers } from '../../shared/derive';
import type { Draft } from '../../shared/draft';
import type { RegionTemplate, RuleDef, StepId } from '../../shared/region-template';
import { stepIds } from '../../shared/region-template';
import { lookupCode } from '../regions/code-tables';
import { divisionPlaces } from '../regions/place-index';
import { completenessOf } from './completeness';
import type { CheckContext } from './context';
import { FindingIds } from './finding-ids';
import { leadUnitMismatch, printedMembersFindings } from './member-table';
import type { Evaluation } from './rules';
import { evaluateRule, RuleInput } from './rules';
import { usccCrossChecks, validateFields, validateTables } from './values';

/**
 * Checks a draft against its region template: every value against its definition (values.ts), every
 * eligibility rule with the numbers behind its verdict (rules/, one file per rule kind), the 20-member limit
 * of the printed form, and how complete the draft is. Pure apart from the questions it asks `context`
 * about the user's other drafts and the national lists it reads (codes, places).
 */

export { printedMembers };
export { noOtherDrafts } from './context';
export type { CheckContext } from './context';

/** The national lists the checks read; tests may swap them. */
export interface CheckReferences {
  codeName: (kind: CodeEntry['kind'], code: string) => string | null;
  places: PlaceIndex;
}

export const nationalLists: CheckReferences = {
  codeName: (kind, code) => lookupCode(kind, code)?.name ?? null,
  places: divisionPlaces,
};

export function checkDraft(
  template: RegionTemplate,
  draft: Draft,
  context: CheckContext,
  references: CheckReferences = nationalLists,
): CheckReport {
  const { places } = references;
  const derived = deriveValues(template, draft, places);
  const codes = codeEntriesOf(template, draft, references.codeName);
  const ids = new FindingIds();
  const findings: Finding[] = [
    ...validateFields(template, draft, codes, ids),
    ...validateTables(template, draft, codes, ids),
    ...usccCrossChecks(template, draft, places, ids),
    ...derivedMismatches(template, draft, derived),
    ...printedMembersFindings(template, draft),
    ...leadUnitMismatch(template, draft),
  ];

  const rules: RuleResult[] = [];
  const input = new RuleInput(template, draft, context, places);
  for (const rule of template.rules) {
    const evaluation = evaluateRule(rule.check, input);
    rules.push({
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      status: evaluation.status,
      clause: rule.clause,
      severityBasis: rule.severityBasis,
      message: evaluation.message,
      numbers: evaluation.numbers,
    });
    if (evaluation.status === 'fail') findings.push(...ruleFindings(template, rule, evaluation, ids));
    // A binding rule that cannot be decided is listed too, so a reader of `findings` alone cannot take it for eligible.
    if (evaluation.status === 'unknown' && rule.severity === 'error') findings.push(...undecidedFinding(template, rule, evaluation, ids));
  }

  // Findings are shown grouped by the walk's steps; a stable sort keeps each step's own order.
  const stepOrder = (step: StepId) => stepIds.indexOf(step);
  findings.sort((a, b) => stepOrder(a.step) - stepOrder(b.step));

  const errorCount = findings.filter((finding) => finding.severity === 'error').length;
  return {
    findings,
    rules,
    derived,
    codes,
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

function stepOfTarget(template: RegionTemplate, target: FindingTarget): StepId {
  if (target.kind === 'field') return template.fields.find((field) => field.key === target.key)?.step ?? 'check';
  if (target.kind === 'cell' || target.kind === 'table') {
    return template.tables.find((table) => table.key === target.table)?.step ?? 'members';
  }
  return 'check';
}

/**
 * A binding rule not yet decidable, as one finding with status 'unknown'. It is a warning: nothing typed is
 * wrong, but the draft cannot be called eligible until the rule is decided (eligible stays 'unknown').
 */
function undecidedFinding(template: RegionTemplate, rule: RuleDef, evaluation: Evaluation, ids: FindingIds): Finding[] {
  const target = evaluation.target ?? { kind: 'table', table: 'members' };
  return [
    {
      id: ids.next(`rule:${rule.id}:unknown`),
      step: stepOfTarget(template, target),
      target,
      severity: 'warning',
      status: 'unknown',
      clause: rule.clause,
      numbers: evaluation.numbers,
      message: `${rule.title}：尚无法判断——${evaluation.message}`,
    },
  ];
}

/** A failed rule becomes one finding, or one per offending cell so the UI can point at each. */
function ruleFindings(template: RegionTemplate, rule: RuleDef, evaluation: Evaluation, ids: FindingIds): Finding[] {
  const stepOf = (target: FindingTarget): StepId => stepOfTarget(template, target);
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
