import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import type { Evaluator } from './input';
import { fieldUnit, formatAmount, readNumber, toCommonUnit } from './numbers';

/**
 * 「近三年企业研发投入持续增长」: each year's spending higher than the year before (oldest first); equal
 * spending is no growth.
 */
export const rdGrowth: Evaluator<'rdGrowth'> = (check, input) => {
  const years = check.fields.map((key) => {
    const field = input.field(key);
    const raw = input.draft.fields[key] ?? '';
    const value = readNumber(field, raw);
    return { key, label: field?.label ?? key, value: value === null ? null : toCommonUnit(value, fieldUnit(field)) };
  });
  const numbers: RuleNumbers = { 要求: '逐年增长（后一年高于前一年）' };
  for (const year of years) numbers[year.label] = year.value === null ? '未填写' : `${formatAmount(year.value)} 万元`;
  const missing = years.find((year) => year.value === null);
  if (missing) {
    const target: FindingTarget = { kind: 'field', key: missing.key };
    return { status: 'unknown', message: `尚未填写「${missing.label}」，暂无法判断研发投入是否持续增长`, numbers, target };
  }
  const values = years.map((year) => year.value ?? 0);
  const series = values.map((value) => `${formatAmount(value)}`).join(' → ');
  for (let i = 1; i < years.length; i++) {
    if (values[i] <= values[i - 1]) {
      return {
        status: 'fail',
        message: `近三年研发投入 ${series} 万元：「${years[i].label}」${values[i] === values[i - 1] ? '与上一年持平' : '低于上一年'}，不是持续增长`,
        numbers,
        target: { kind: 'field', key: years[i].key },
      };
    }
  }
  return { status: 'pass', message: `近三年研发投入 ${series} 万元，逐年增长`, numbers, target: { kind: 'field', key: years[0].key } };
};
