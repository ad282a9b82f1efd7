import type { Evaluator } from './input';
import { noMembers } from './input';

export const minMembers: Evaluator<'minMembers'> = (check, input) => {
  if (input.members.length === 0) return noMembers;
  const count = check.includeLead || input.lead === null ? input.members.length : input.members.length - 1;
  const scope = check.includeLead ? '含牵头单位' : '不含牵头单位';
  const numbers = { [`成员单位数量（${scope}）`]: count, 要求: `≥ ${check.min}` };
  return count >= check.min
    ? { status: 'pass', message: `成员单位 ${count} 家（${scope}），不少于 ${check.min} 家`, numbers }
    : {
        status: 'fail',
        message: `成员单位 ${count} 家（${scope}），少于 ${check.min} 家，还需增加 ${check.min - count} 家`,
        numbers,
      };
};
