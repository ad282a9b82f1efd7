import { isBlankRow } from '../../shared/derive';
import type { Draft } from '../../shared/draft';
import type { RegionTemplate } from '../../shared/region-template';

/**
 * 完整度: required items satisfied / required items. An item is a required field (derived ones are
 * computed, so not counted), a table with required columns (satisfied by one filled row), and each such
 * column over the table's filled rows (satisfied when every filled row has it). Counting columns rather
 * than cells keeps a thin draft with a thousand pasted rows from looking complete; the figure is rounded
 * down, so 100 % means nothing required is missing.
 */
export function completenessOf(template: RegionTemplate, draft: Draft): number {
  let total = 0;
  let satisfied = 0;
  for (const field of template.fields) {
    if (!field.required || field.derived) continue;
    total++;
    if ((draft.fields[field.key] ?? '').trim() !== '') satisfied++;
  }
  for (const table of template.tables) {
    const required = table.columns.filter((column) => column.required);
    if (required.length === 0) continue;
    const rows = (draft.tables[table.key] ?? []).filter((row) => !isBlankRow(row));
    total += 1 + required.length;
    if (rows.length === 0) continue;
    satisfied++;
    for (const column of required) {
      if (rows.every((row) => (row.values[column.key] ?? '').trim() !== '')) satisfied++;
    }
  }
  return total === 0 ? 100 : Math.floor((satisfied * 100) / total);
}
