import type { RuleNumbers } from '../../../shared/checks';
import type { TableRow } from '../../../shared/draft';
import { memberKeys } from '../../../shared/draft';
import type { Evaluator } from './input';
import { noMembers, usccOf } from './input';

export const memberInAtMost: Evaluator<'memberInAtMost'> = (check, input) => {
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
};
