import type { RuleStatus } from '../../../shared/checks';
import type { FieldDef } from '../../../shared/region-template';
import { parseInteger, parseMoney } from '../../../shared/validation';

/** 「50.0%」 with one decimal, as the form and the derived values show shares. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${(Math.round((part * 1000) / whole) / 10).toFixed(1)}%` : '—';
}

/** Amounts without float noise: 2999.9999999 prints as 3000 only if it is 3000 to 4 decimals. */
export function formatAmount(value: number): string {
  return String(Number(value.toFixed(4)));
}

/** a ≥ b, forgiving the last bits of binary floating point (0.1 + 0.2), never a real difference. */
export function atLeast(a: number, b: number): boolean {
  return a >= b - 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * part / whole ≥ minPercent %, decided in integers where possible so that exactly 50% passes and no
 * rounding of the displayed share (49.96% → 50.0%) can turn a failure into a pass.
 */
export function shareAtLeast(part: number, whole: number, minPercent: number): boolean {
  return whole > 0 && atLeast(part * 100, minPercent * whole);
}

/**
 * A share rule over all members (lead included) where some rows may not tell yet (type not chosen,
 * place not known): it passes if it passes counting those as "no", fails if it fails counting them as
 * "yes", and is unknown in between.
 */
export function shareVerdict(yesCount: number, undecided: number, whole: number, minPercent: number): RuleStatus {
  if (shareAtLeast(yesCount, whole, minPercent)) return 'pass';
  if (!shareAtLeast(yesCount + undecided, whole, minPercent)) return 'fail';
  return 'unknown';
}

/** Amounts are compared in 万元; a field or a rule may be in 亿元 (「年营业收入达到5亿元以上」). */
const unitFactors: Record<string, number> = { 万元: 1, 亿元: 10_000 };

export function fieldUnit(field: FieldDef | undefined): string | undefined {
  return field?.unit ?? (field?.type === 'money' ? '万元' : undefined);
}

/** A typed number in the field's own unit, or null when empty or not a number. */
export function readNumber(field: FieldDef | undefined, value: string): number | null {
  if (value.trim() === '') return null;
  if (field?.type === 'integer' || field?.type === 'age') return parseInteger(value);
  return parseMoney(value);
}

export function isAmountUnit(unit: string | undefined): unit is string {
  return unit !== undefined && Object.hasOwn(unitFactors, unit);
}

/** An amount in 万元 when the unit is an amount, else as typed. */
export function toCommonUnit(value: number, unit: string | undefined): number {
  return isAmountUnit(unit) ? value * unitFactors[unit] : value;
}
