import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import { councilChair, councilKeys, filledRows, normalizeUnitName } from '../../../shared/derive';
import type { Evaluator } from './input';

export const councilChairedByLead: Evaluator<'councilChairedByLead'> = (_check, input) => {
  const target: FindingTarget = { kind: 'table', table: 'council' };
  const council = filledRows(input.draft.tables.council);
  const leadName = input.leadName();
  const numbers: RuleNumbers = { 要求: '理事长由牵头单位负责人担任' };
  if (council.length === 0) return { status: 'unknown', message: '尚未填写理事会成员，暂无法判断', numbers, target };
  if (leadName === '') return { status: 'unknown', message: '尚未填写牵头单位名称，暂无法判断', numbers, target };
  const chairs = council.filter((row) => (row.values[councilKeys.councilRole] ?? '').trim() === councilChair);
  if (chairs.length === 0) return { status: 'fail', message: '理事会成员中没有理事长', numbers, target };
  const fromLead = chairs.find(
    (row) => normalizeUnitName(row.values[councilKeys.unit] ?? '') === normalizeUnitName(leadName),
  );
  if (fromLead) return { status: 'pass', message: `理事长来自牵头单位${leadName}`, numbers };
  const unit = (chairs[0].values[councilKeys.unit] ?? '').trim() || '未填写';
  return {
    status: 'fail',
    message: `理事长所在单位为「${unit}」，不是牵头单位「${leadName}」`,
    numbers,
    cells: chairs.map((row) => ({
      table: 'council',
      rowId: row.id,
      column: councilKeys.unit,
      message: `理事会${input.rowLabel(row, 'council')}：理事长所在单位「${(row.values[councilKeys.unit] ?? '').trim() || '未填写'}」不是牵头单位「${leadName}」`,
    })),
  };
};
