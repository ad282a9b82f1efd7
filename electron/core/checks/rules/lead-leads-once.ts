import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import { memberKeys } from '../../../shared/draft';
import type { Evaluator } from './input';
import { noMembers, usccOf } from './input';

export const leadLeadsOnce: Evaluator<'leadLeadsOnce'> = (_check, input) => {
  const lead = input.lead;
  if (!lead) return noMembers;
  const uscc = usccOf(lead);
  const target: FindingTarget = { kind: 'cell', table: 'members', rowId: lead.id, column: memberKeys.uscc };
  if (uscc === '') {
    return { status: 'unknown', message: '尚未填写牵头单位的统一社会信用代码，暂无法判断', numbers: {}, target };
  }
  const others = input.context.otherDrafts.countDraftsLedBy(uscc, input.draft.regionId, input.draft.id);
  const numbers: RuleNumbers = { 由该单位牵头的其他草稿: others, 要求: '0' };
  return others === 0
    ? { status: 'pass', message: `本机没有其他由${input.leadName() || '该单位'}牵头的${input.template.shortName}草稿`, numbers, target }
    : {
        status: 'fail',
        message: `本机还有 ${others} 份${input.template.shortName}草稿由${input.leadName() || '该单位'}牵头；一个牵头单位仅限牵头组建一个创新联合体`,
        numbers,
        target,
      };
};
