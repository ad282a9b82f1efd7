import type { CodeEntry } from './derive';
import type { StepId, TableId } from './region-template';

/**
 * The result of checking a draft against its region template (检查结果). Produced by core/checks and
 * shown by the renderer, so it is plain data: every problem says where it is (a field, a cell, a table or
 * the whole draft), which step of the walk it belongs to, and — for eligibility rules — the clause and
 * the numbers the verdict was reached with.
 */

export type FindingTarget =
  | { kind: 'field'; key: string }
  | { kind: 'cell'; table: TableId; rowId: string; column: string }
  | { kind: 'table'; table: TableId }
  | { kind: 'draft' };

export type RuleStatus = 'pass' | 'fail' | 'unknown';

/** Numbers a verdict was reached with, keyed by their Chinese label (企业数量, 比例, 要求 …). */
export type RuleNumbers = Record<string, number | string>;

export interface Finding {
  /** Stable across runs for the same problem, so the UI can keep its place and tests can name it. */
  id: string;
  step: StepId;
  target: FindingTarget;
  severity: 'error' | 'warning';
  /**
   * Set for findings that come from an eligibility rule: 'fail', or 'unknown' for a binding rule that cannot
   * be decided yet (a warning, listed so that findings alone never read as eligible).
   */
  status?: RuleStatus;
  /** In Simplified Chinese, ready to show. */
  message: string;
  /** The clause of the source document the finding rests on. */
  clause?: string;
  numbers?: RuleNumbers;
}

export interface RuleResult {
  ruleId: string;
  title: string;
  /** 'warning' for rules the source says hold 原则上; their failure does not make the draft ineligible. */
  severity: 'error' | 'warning';
  /** 'unknown' means the draft does not yet hold what the rule needs (no members, revenue not typed …). */
  status: RuleStatus;
  clause: string;
  /** The words of the source that decided the severity (原则上 … for a warning). */
  severityBasis: string;
  message: string;
  numbers: RuleNumbers;
}

/** Values computed from the member and platform tables. Shares are percentages, 0–100, one decimal. */
export interface DerivedValues {
  /** 成员总数: every non-empty row of the member table, the lead included. */
  memberCount: number;
  enterpriseCount: number;
  universityCount: number;
  instituteCount: number;
  /** Enterprises marked 是否高新技术企业 = 是 (units of other types do not count). */
  highTechCount: number;
  /** Members whose registration place lies in the template's province (divisionPrefix). */
  registeredInRegionCount: number;
  /** Members whose registration place cannot be placed in a province (a typed name we do not recognise). */
  registrationUnknownCount: number;
  /** enterpriseCount / memberCount. */
  enterpriseShare: number;
  /** highTechCount / enterpriseCount — 「企业比例不低于50%（其中高新技术企业不低于20%）」: 其中 = among the enterprises. */
  highTechShare: number;
  /** registeredInRegionCount / memberCount. */
  registeredShare: number;
  nationalPlatformCount: number;
  /** 省级 / 自治区级 / 市级 platforms (the provincial level in each region's own words). */
  provincialPlatformCount: number;
  /** Every platform row, whatever its level. */
  platformCount: number;
}

export interface CheckReport {
  /** Field and cell problems, failed rules and table-level problems, in step order. */
  findings: Finding[];
  /** Every rule of the template, in template order, whatever its status. */
  rules: RuleResult[];
  derived: DerivedValues;
  /** Every national code in the draft with the list's name for it (null: not in the list). */
  codes: CodeEntry[];
  /**
   * 完整度, 0–100, rounded down: required items satisfied / required items, where an item is a required
   * field, a table with required columns, or one such column over the table's rows (core/checks/completeness).
   */
  completeness: number;
  errorCount: number;
  warningCount: number;
  /** 'fail' if an error-severity rule fails, else 'unknown' if one cannot be decided yet, else 'pass'. */
  eligible: RuleStatus;
}

/** An unfilled required item (shown grey), as opposed to a value that is wrong (shown red). */
export function isMissingFinding(finding: Finding): boolean {
  return finding.severity === 'error' && /:required(#\d+)?$/.test(finding.id);
}

/**
 * What the draft page shows of a check while the user edits (完整度, the verdict, the step bar's counts and the
 * figures on where members are registered): small enough to travel with every edit's answer, where the full
 * report (every finding and rule) is fetched only by the screen that lists them.
 */
export interface CheckSummary {
  /** The draft's updatedAt this summary describes: a later edit makes it stale. */
  checkedAt: string;
  completeness: number;
  eligible: RuleStatus;
  errorCount: number;
  warningCount: number;
  /** Error findings per step that are wrong values (red)… */
  errorsByStep: Partial<Record<StepId, number>>;
  /** …and those that are required items still missing (grey). */
  missingByStep: Partial<Record<StepId, number>>;
  /** Where members are registered, which needs the national list of places the core holds. */
  derived: Pick<DerivedValues, 'registeredInRegionCount' | 'registrationUnknownCount' | 'registeredShare'>;
}

export function summarizeReport(report: CheckReport, checkedAt: string): CheckSummary {
  const errorsByStep: Partial<Record<StepId, number>> = {};
  const missingByStep: Partial<Record<StepId, number>> = {};
  for (const finding of report.findings) {
    if (finding.severity !== 'error') continue;
    const counts = isMissingFinding(finding) ? missingByStep : errorsByStep;
    counts[finding.step] = (counts[finding.step] ?? 0) + 1;
  }
  const { registeredInRegionCount, registrationUnknownCount, registeredShare } = report.derived;
  return {
    checkedAt,
    completeness: report.completeness,
    eligible: report.eligible,
    errorCount: report.errorCount,
    warningCount: report.warningCount,
    errorsByStep,
    missingByStep,
    derived: { registeredInRegionCount, registrationUnknownCount, registeredShare },
  };
}
