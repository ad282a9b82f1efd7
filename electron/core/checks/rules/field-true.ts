import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import { yes } from '../../../shared/draft';
import type { Evaluator } from './input';

export const fieldTrue: Evaluator<'fieldTrue'> = (check, input) => {
  const label = input.field(check.field)?.label ?? check.field;
  const value = (input.draft.fields[check.field] ?? '').trim();
  const target: FindingTarget = { kind: 'field', key: check.field };
  const numbers: RuleNumbers = { [label]: value || '未填写', 要求: yes };
  if (value === '') return { status: 'unknown', message: `尚未填写「${label}」`, numbers, target };
  return value === yes
    ? { status: 'pass', message: `${label}：是`, numbers, target }
    : { status: 'fail', message: `${label}：${value}（须为“是”）`, numbers, target };
};
