import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import { councilKeys, filledRows, normalizeUnitName } from '../../../shared/derive';
import { memberKeys } from '../../../shared/draft';
import type { Evaluation, Evaluator } from './input';
import { noMembers } from './input';

/**
 * Zhejiang: 「成员包括创新联合体所有成员单位负责人」 — every member unit, the lead included, has someone on
 * the 理事会 (matched on the unit's name as the member table spells it).
 */
export const councilIncludesMembers: Evaluator<'councilIncludesMembers'> = (_check, input) => {
  if (input.members.length === 0) return noMembers;
  const target: FindingTarget = { kind: 'table', table: 'council' };
  const council = filledRows(input.draft.tables.council);
  const numbers: RuleNumbers = { 成员单位: input.members.length, 要求: '每家成员单位的负责人都是理事会成员' };
  if (council.length === 0) return { status: 'unknown', message: '尚未填写理事会成员，暂无法判断', numbers, target };
  const seated = new Set(council.map((row) => normalizeUnitName(row.values[councilKeys.unit] ?? '')));
  const missing = input.members.filter((row) => {
    const name = normalizeUnitName(row.values[memberKeys.name] ?? '');
    return name !== '' && !seated.has(name);
  });
  const unnamed = input.members.filter((row) => (row.values[memberKeys.name] ?? '').trim() === '').length;
  numbers['理事会中缺少的成员单位'] = missing.length;
  if (missing.length > 0) {
    const evaluation: Evaluation = {
      status: 'fail',
      message: `${missing.length} 家成员单位的负责人不在理事会中；理事会成员应包括所有成员单位负责人`,
      numbers,
      cells: missing.map((row) => ({
        rowId: row.id,
        column: memberKeys.name,
        message: `成员单位${input.rowLabel(row)}的负责人不在理事会名单中（理事会“单位”须与成员单位名称一致）`,
      })),
    };
    return evaluation;
  }
  if (unnamed > 0) {
    return { status: 'unknown', message: `${unnamed} 家成员单位未填写名称，暂无法判断`, numbers, target };
  }
  return { status: 'pass', message: `${input.members.length} 家成员单位的负责人均在理事会中`, numbers };
};
