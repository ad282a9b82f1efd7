import type { RuleNumbers, RuleStatus } from '../../../shared/checks';
import { isEnterprise } from '../../../shared/derive';
import type { TableRow } from '../../../shared/draft';
import { memberKeys, yes } from '../../../shared/draft';
import type { Evaluator } from './input';
import { noMembers } from './input';
import { formatShare, shareAtLeast } from './numbers';

export const minShareHighTech: Evaluator<'minShareHighTech'> = (check, input) => {
  if (input.members.length === 0) return noMembers;
  // Denominator: the enterprises — 「企业比例不低于50%（其中高新技术企业不低于20%）」, 其中 = of which.
  const enterprises = input.members.filter(isEnterprise);
  const untyped = input.members.filter((row) => (row.values[memberKeys.unitType] ?? '').trim() === '').length;
  const highTechOf = (row: TableRow) => (row.values[memberKeys.highTech] ?? '').trim();
  const count = enterprises.filter((row) => highTechOf(row) === yes).length;
  const undecided = enterprises.filter((row) => highTechOf(row) === '').length;
  const share = formatShare(count, enterprises.length);
  const numbers: RuleNumbers = {
    高新技术企业数量: count,
    企业数量: enterprises.length,
    比例: share,
    要求: `≥ ${check.minPercent}%（占企业数量）`,
  };
  if (enterprises.length === 0) {
    return untyped > 0
      ? { status: 'unknown', message: '尚无单位类型为企业的成员单位（有成员未选择单位类型），暂无法判断', numbers }
      : { status: 'fail', message: '成员单位中没有企业，高新技术企业比例无法达到要求', numbers };
  }
  // A member without a type may yet turn out to be an enterprise, with or without 高新 status, which moves
  // both sides of the share: decide only when no such member could change the verdict.
  const whole = enterprises.length + untyped;
  const status: RuleStatus = shareAtLeast(count, whole, check.minPercent)
    ? 'pass'
    : !shareAtLeast(count + undecided + untyped, whole, check.minPercent)
      ? 'fail'
      : 'unknown';
  const base = `高新技术企业 ${count} 家，占企业 ${enterprises.length} 家的 ${share}（按企业数量计算）`;
  const message =
    status === 'pass'
      ? `${base}，不低于 ${check.minPercent}%`
      : status === 'fail'
        ? `${base}，低于 ${check.minPercent}% 的要求`
        : `${base}；尚有成员未填写单位类型或是否高新技术企业，暂无法判断`;
  return { status, message, numbers };
};
