import type { RuleNumbers } from '../../../shared/checks';
import type { TableRow } from '../../../shared/draft';
import { leadTier, memberKeys } from '../../../shared/draft';
import type { Evaluation, Evaluator } from './input';
import { noMembers } from './input';

export const firstMemberIsLead: Evaluator<'firstMemberIsLead'> = (_check, input) => {
  const members = input.members;
  if (members.length === 0) return noMembers;
  const tierOf = (row: TableRow) => (row.values[memberKeys.tier] ?? '').trim();
  const leads = members.filter((row) => tierOf(row) === leadTier);
  const numbers: RuleNumbers = { 牵头单位数量: leads.length, 要求: '第1行为牵头单位，且仅此一家' };
  const cells: NonNullable<Evaluation['cells']> = [];
  if (tierOf(members[0]) !== leadTier) {
    cells.push({
      rowId: members[0].id,
      column: memberKeys.tier,
      message: `成员单位表${input.rowLabel(members[0])}应为牵头单位：申请表第1行是牵头单位`,
    });
  }
  for (const row of leads) {
    if (row === members[0]) continue;
    cells.push({
      rowId: row.id,
      column: memberKeys.tier,
      message: `成员单位表${input.rowLabel(row)}也标为牵头单位；牵头单位只能有一家，且应排在第1行`,
    });
  }
  if (cells.length === 0) return { status: 'pass', message: '第1行为牵头单位，且仅有一家牵头单位', numbers };
  const message =
    leads.length === 0
      ? '没有层级为「牵头单位」的成员单位；请将牵头单位填在第1行'
      : leads.length > 1
        ? `有 ${leads.length} 家成员单位标为牵头单位；牵头单位只能有一家，且应排在第1行`
        : '牵头单位应排在成员单位表第1行';
  return { status: 'fail', message, numbers, cells };
};
