import type { RuleNumbers } from '../../../shared/checks';
import { registrationInRegion } from '../../../shared/derive';
import type { Evaluator } from './input';
import { noMembers, regionNames } from './input';
import { formatShare, shareVerdict } from './numbers';

/** 「在广西区内注册的比例不低于30%」, each member placed by its registration (USCC code, typed place). */
export const minShareRegistered: Evaluator<'minShareRegistered'> = (check, input) => {
  const members = input.members;
  if (members.length === 0) return noMembers;
  const names = regionNames(input.template, check.regionCode);
  const verdicts = members.map((row) => registrationInRegion(input.registration(row), check.regionCode, names));
  const count = verdicts.filter((verdict) => verdict === true).length;
  const undecided = verdicts.filter((verdict) => verdict === null).length;
  const where = input.template.shortName;
  const share = formatShare(count, members.length);
  const numbers: RuleNumbers = {
    [`在${where}注册的成员单位`]: count,
    成员总数: members.length,
    比例: share,
    要求: `≥ ${check.minPercent}%`,
  };
  const status = shareVerdict(count, undecided, members.length, check.minPercent);
  const base = `在${where}注册的成员单位 ${count} 家，占成员单位总数 ${members.length} 家（含牵头单位）的 ${share}`;
  const message =
    status === 'pass'
      ? `${base}，不低于 ${check.minPercent}%`
      : status === 'fail'
        ? `${base}，低于 ${check.minPercent}% 的要求`
        : `${base}；另有 ${undecided} 家既无可读出行政区划的统一社会信用代码，也未填写可识别的注册地，暂无法判断`;
  return { status, message, numbers };
};
