import type { RuleNumbers } from '../../../shared/checks';
import { memberKeys } from '../../../shared/draft';
import type { Evaluation, Evaluator } from './input';
import { noMembers } from './input';

export const membersHaveTierAndType: Evaluator<'membersHaveTierAndType'> = (_check, input) => {
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
};
