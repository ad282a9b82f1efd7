import type { RuleNumbers } from '../../../shared/checks';
import type { TableRow } from '../../../shared/draft';
import { memberKeys } from '../../../shared/draft';
import type { Evaluation, Evaluator } from './input';
import { noMembers, usccOf } from './input';

export const uniqueUscc: Evaluator<'uniqueUscc'> = (_check, input) => {
  if (input.members.length === 0) return noMembers;
  const firstByCode = new Map<string, TableRow>();
  const cells: NonNullable<Evaluation['cells']> = [];
  for (const row of input.members) {
    const uscc = usccOf(row);
    if (uscc === '') continue;
    const first = firstByCode.get(uscc);
    if (first) {
      cells.push({
        rowId: row.id,
        column: memberKeys.uscc,
        message: `成员单位表${input.rowLabel(row)}与${input.rowLabel(first)}的统一社会信用代码相同（${uscc}）`,
      });
    } else {
      firstByCode.set(uscc, row);
    }
  }
  const numbers: RuleNumbers = { 重复: cells.length };
  return cells.length === 0
    ? { status: 'pass', message: '成员单位的统一社会信用代码没有重复', numbers }
    : { status: 'fail', message: `有 ${cells.length} 处统一社会信用代码重复：同一单位只能列一次`, numbers, cells };
};
