import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import type { Evaluator } from './input';
import { formatAmount, atLeast, shareAtLeast, fieldUnit, readNumber, toCommonUnit } from './numbers';

/**
 * 「近三个会计年度的研究开发费用总额不低于3000万元或占同期销售收入总额的比例原则上不低于3%」: either way
 * passes. Spending is non-negative, so a partial sum already over the total decides it.
 */
export const rdSpending: Evaluator<'rdSpending'> = (check, input) => {
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
};
