import type { FindingTarget } from '../../../shared/checks';
import type { Evaluator } from './input';

/** Unlike the other rules, an empty value is the failure this rule looks for, not an "unknown". */
export const fieldFilled: Evaluator<'fieldFilled'> = (check, input) => {
  const label = input.field(check.field)?.label ?? check.field;
  const filled = (input.draft.fields[check.field] ?? '').trim() !== '';
  const target: FindingTarget = { kind: 'field', key: check.field };
  return filled
    ? { status: 'pass', message: `已填写「${label}」`, numbers: {}, target }
    : { status: 'fail', message: `尚未填写「${label}」`, numbers: {}, target };
};
