import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import { filledRows, normalizeUnitName, platformKeys } from '../../../shared/derive';
import type { Evaluator } from './input';

export const leadHoldsPlatform: Evaluator<'leadHoldsPlatform'> = (check, input) => {
  const target: FindingTarget = { kind: 'table', table: 'platforms' };
  const numbers: RuleNumbers = { 要求: `牵头单位为依托单位的${check.levels.join('/')}平台 ≥ 1` };
  const leadName = input.leadName();
  if (leadName === '') return { status: 'unknown', message: '尚未填写牵头单位名称，暂无法判断', numbers, target };
  const platforms = filledRows(input.draft.tables.platforms);
  if (platforms.length === 0) return { status: 'unknown', message: '尚未填写科研平台，暂无法判断', numbers, target };
  const held = platforms.filter(
    (row) => normalizeUnitName(row.values[platformKeys.hostUnit] ?? '') === normalizeUnitName(leadName),
  );
  const qualifying = held.filter((row) => check.levels.includes((row.values[platformKeys.level] ?? '').trim()));
  numbers['牵头单位依托的平台'] = held.length;
  numbers['其中符合级别的'] = qualifying.length;
  if (qualifying.length > 0) {
    const names = qualifying.map((row) => `「${(row.values[platformKeys.name] ?? '').trim()}」`).join('、');
    return { status: 'pass', message: `牵头单位${leadName}建有${names}`, numbers, target };
  }
  return {
    status: 'fail',
    message:
      held.length === 0
        ? `科研平台表中没有依托单位为牵头单位（${leadName}）的平台；依托单位须与牵头单位名称一致`
        : `牵头单位（${leadName}）依托的 ${held.length} 个平台中没有${check.levels.join('或')}平台`,
    numbers,
    target,
  };
};
