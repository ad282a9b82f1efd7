import type { RuleNumbers } from '../../../shared/checks';
import type { TableRow } from '../../../shared/draft';
import { memberKeys } from '../../../shared/draft';
import type { Evaluator } from './input';
import { noMembers } from './input';
import { formatShare, shareVerdict } from './numbers';

export const minShareOfType: Evaluator<'minShareOfType'> = (check, input) => {
  const members = input.members;
  if (members.length === 0) return noMembers;
  const typeLabel = check.unitTypes.join('、');
  const typeOf = (row: TableRow) => (row.values[memberKeys.unitType] ?? '').trim();
  const count = members.filter((row) => check.unitTypes.includes(typeOf(row))).length;
  const undecided = members.filter((row) => typeOf(row) === '').length;
  const share = formatShare(count, members.length);
  const numbers: RuleNumbers = {
    [`${typeLabel}数量`]: count,
    成员总数: members.length,
    比例: share,
    要求: `≥ ${check.minPercent}%`,
  };
  const status = shareVerdict(count, undecided, members.length, check.minPercent);
  const base = `${typeLabel} ${count} 家，占成员单位总数 ${members.length} 家（含牵头单位）的 ${share}`;
  const message =
    status === 'pass'
      ? `${base}，不低于 ${check.minPercent}%`
      : status === 'fail'
        ? `${base}，低于 ${check.minPercent}% 的要求`
        : `${base}；另有 ${undecided} 家未选择单位类型，暂无法判断`;
  return { status, message, numbers };
};
