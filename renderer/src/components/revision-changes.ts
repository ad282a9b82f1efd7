import type { RevisionChanges } from '../../../electron/shared/draft';
import { tableNames } from '../../../electron/shared/draft';
import { tableIds } from '../../../electron/shared/region-template';
import { stepLabels, stepOrder } from '../steps/steps';

/**
 * One line saying what a version changed against the one before it, as the history lists it:
 * 「基本信息 3 项、成员单位 +2 行 / 改 1 行、科研团队 −1 行」.
 */
export function describeChanges(changes: RevisionChanges): string {
  const parts: string[] = [];
  for (const step of [...stepOrder, 'other' as const]) {
    const count = changes.fields[step];
    if (count) parts.push(`${step === 'other' ? '其他' : stepLabels[step]} ${count} 项`);
  }
  for (const table of tableIds) {
    const found = changes.tables[table];
    if (!found) continue;
    const rows = [
      found.added ? `+${found.added} 行` : '',
      found.changed ? `改 ${found.changed} 行` : '',
      found.removed ? `−${found.removed} 行` : '',
      found.reordered ? '调整顺序' : '',
    ].filter(Boolean);
    parts.push(`${tableNames[table]} ${rows.join(' / ')}`);
  }
  if (changes.first) return parts.length > 0 ? `最早的版本：${parts.join('、')}` : '最早的版本：尚未填写内容';
  return parts.length > 0 ? parts.join('、') : '与上一版本相同';
}
