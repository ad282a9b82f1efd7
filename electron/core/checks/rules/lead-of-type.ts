import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import { memberKeys } from '../../../shared/draft';
import { usccCategory } from '../../../shared/validation';
import type { Evaluator } from './input';
import { noMembers, unitTypeOf } from './input';

/**
 * The lead's legal form (「具有独立法人资格的企业」, 「独立法人企业」, 「龙头企业」): its 单位类型, and — where
 * the rule names them — characters 1–2 of its 统一社会信用代码 (GB 32100: 91 企业), which say what the unit
 * is registered as whatever type was chosen. A university (12 事业单位) or a sole trader (92) cannot lead.
 */
export const leadOfType: Evaluator<'leadOfType'> = (check, input) => {
  const lead = input.lead;
  if (!lead) return noMembers;
  const type = unitTypeOf(lead);
  const category = usccCategory(lead.values[memberKeys.uscc] ?? '');
  const numbers: RuleNumbers = { 要求: check.label, 牵头单位类型: type || '未选择' };
  if (category) numbers['统一社会信用代码第1–2位'] = `${category.code}（${category.name}）`;
  const name = input.leadName() || '牵头单位';
  const typeCell: FindingTarget = { kind: 'cell', table: 'members', rowId: lead.id, column: memberKeys.unitType };
  const codeCell: FindingTarget = { kind: 'cell', table: 'members', rowId: lead.id, column: memberKeys.uscc };

  if (type !== '' && !check.unitTypes.includes(type)) {
    return {
      status: 'fail',
      message: `${name}的单位类型为「${type}」；牵头单位须为${check.label}（单位类型：${check.unitTypes.join('或')}）`,
      numbers,
      target: typeCell,
    };
  }
  if (category && check.usccCategories && !check.usccCategories.includes(category.code)) {
    return {
      status: 'fail',
      message: `${name}的统一社会信用代码以「${category.code}」开头，登记为${category.name}，不是${check.label}`,
      numbers,
      target: codeCell,
    };
  }
  if (type !== '') return { status: 'pass', message: `${name}的单位类型为「${type}」，符合${check.label}的要求`, numbers };
  if (category && check.usccCategories) {
    return { status: 'pass', message: `${name}的统一社会信用代码登记为${category.name}，符合${check.label}的要求`, numbers };
  }
  return { status: 'unknown', message: `尚未选择${name}的单位类型，暂无法判断`, numbers, target: typeCell };
};
