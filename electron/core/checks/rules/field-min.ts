import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import type { Evaluator } from './input';
import { formatAmount, atLeast, fieldUnit, readNumber, isAmountUnit, toCommonUnit } from './numbers';

export const fieldMin: Evaluator<'fieldMin'> = (check, input) => {
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
};
