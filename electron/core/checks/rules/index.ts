import type { RuleCheck } from '../../../shared/region-template';
import { councilChairedByLead } from './council-chaired-by-lead';
import { councilIncludesMembers } from './council-includes-members';
import { fieldFilled } from './field-filled';
import { fieldMin } from './field-min';
import { fieldTrue } from './field-true';
import { firstMemberIsLead } from './first-member-is-lead';
import type { Evaluation, Evaluator, RuleInput } from './input';
import { leadHoldsPlatform } from './lead-holds-platform';
import { leadLeadsOnce } from './lead-leads-once';
import { leadOfType } from './lead-of-type';
import { leadRegistered } from './lead-registered';
import { memberInAtMost } from './member-in-at-most';
import { membersHaveTierAndType } from './members-have-tier-and-type';
import { minCountOfType } from './min-count-of-type';
import { minMembers } from './min-members';
import { minShareHighTech } from './min-share-high-tech';
import { minShareOfType } from './min-share-of-type';
import { minShareRegistered } from './min-share-registered';
import { rdGrowth } from './rd-growth';
import { rdSpending } from './rd-spending';
import { uniqueUscc } from './unique-uscc';

export { RuleInput } from './input';
export type { Evaluation } from './input';

/** One evaluator per rule kind; the type makes a new kind in the schema fail to compile until it has one. */
const evaluators: { [K in RuleCheck['kind']]: Evaluator<K> } = {
  minMembers,
  minShareOfType,
  minShareHighTech,
  minShareRegistered,
  minCountOfType,
  leadRegistered,
  leadOfType,
  fieldMin,
  fieldTrue,
  fieldFilled,
  rdSpending,
  rdGrowth,
  leadHoldsPlatform,
  councilChairedByLead,
  councilIncludesMembers,
  leadLeadsOnce,
  memberInAtMost,
  firstMemberIsLead,
  uniqueUscc,
  membersHaveTierAndType,
};

export function evaluateRule<K extends RuleCheck['kind']>(check: Extract<RuleCheck, { kind: K }>, input: RuleInput): Evaluation {
  const evaluator = evaluators[check.kind as K] as Evaluator<K>;
  return evaluator(check, input);
}
