import type { RuleNumbers } from '../../../shared/checks';
import type { TableRow } from '../../../shared/draft';
import { memberKeys } from '../../../shared/draft';
import type { Evaluator } from './input';
import { noMembers } from './input';

/**
 * Counts every member, the lead included: the template says in its label and minimum whether the lead is
 * meant (Chongqing's 「企业（含牵头企业）」 ≥ 2 is the lead plus one partner up or down the chain).
 */
export const minCountOfType: Evaluator<'minCountOfType'> = (check, input) => {
  if (input.members.length === 0) return noMembers;
  const typeOf = (row: TableRow) => (row.values[memberKeys.unitType] ?? '').trim();
  const counted = check.excludeLead ? input.members.filter((row) => row !== input.lead) : input.members;
  const count = counted.filter((row) => check.unitTypes.includes(typeOf(row))).length;
  const undecided = counted.filter((row) => typeOf(row) === '').length;
  const numbers: RuleNumbers = { [check.label]: count, 要求: `≥ ${check.min}` };
  if (count >= check.min) {
    return { status: 'pass', message: `${check.label} ${count} 家，不少于 ${check.min} 家`, numbers };
  }
  if (count + undecided >= check.min) {
    return {
      status: 'unknown',
      message: `${check.label} ${count} 家；另有 ${undecided} 家未选择单位类型，暂无法判断`,
      numbers,
    };
  }
  return { status: 'fail', message: `${check.label} ${count} 家，少于 ${check.min} 家`, numbers };
};
