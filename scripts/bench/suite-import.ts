import { readWorkbookForImport } from '../../electron/core/workbooks/import';
import type { WorkbookTable } from '../../electron/shared/workbooks';
import { templateFor, type BenchContext, type SuiteResult } from './context';
import { asDraft, generateDraft, generateRosterWorkbook, generateRows, sizes } from './generate';
import { figure, type Figure } from './report';
import { median, timeRuns } from './stats';

/**
 * Excel import (导入名单): a 10 000-row roster read, mapped and validated cell by cell, and classified
 * against the draft's rows (new / update / duplicate / invalid) — the preview the user confirms.
 */

export async function benchImport(context: BenchContext): Promise<SuiteResult> {
  const rosterRows = context.counts.rosterRows;
  const template = templateFor(context, 'xinjiang');
  // The draft being imported into already holds an L-sized list, as when a list is brought up to date.
  const draft = asDraft(generateDraft(template, sizes.L, { seed: 71 }), 'import-target');
  // Seconds per run: a quick run takes one, without warm-up (it then includes first-use costs).
  const plan = context.quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 5 };
  const figures: Figure[] = [];
  // A quick run imports the member roster only: the slower of the two (codes, 200-字 texts, eleven columns).
  const tables: WorkbookTable[] = context.quick ? ['members'] : ['members', 'team'];
  for (const table of tables) {
    const rows = generateRows(template, table, rosterRows, 73);
    const bytes = await generateRosterWorkbook(template, table, rows);
    let counts: Record<string, number> = {};
    const samples = await timeRuns(plan, async () => {
      const preview = await readWorkbookForImport(bytes, `${table}-roster.xlsx`, template, table, draft.tables[table]);
      if (preview.rows.length !== rosterRows) throw new Error(`read ${preview.rows.length} rows of ${rosterRows}`);
      counts = { ...preview.counts };
    });
    figures.push(
      figure({
        id: `import.${table}.10k`,
        group: 'import',
        label: `Excel import preview, ${rosterRows.toLocaleString('en')}-row ${table === 'members' ? 'member' : 'team'} roster (read + validate + classify)`,
        value: median(samples),
        unit: 'ms',
        target: { op: '<=', value: 2000 },
        samples,
        detail: { fileKiB: Math.round(bytes.length / 1024), ...counts },
      }),
    );
  }
  return { figures };
}
