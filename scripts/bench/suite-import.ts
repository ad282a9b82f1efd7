import { readWorkbookForImport } from '../../electron/core/workbooks/import';
import { readWorkbookForImportInWorker } from '../../electron/core/workbooks/reading/in-worker';
import type { WorkbookTable } from '../../electron/shared/workbooks';
import { templateFor, type BenchContext, type SuiteResult } from './context';
import { asDraft, generateDraft, generateRosterWorkbook, generateRows, sizes } from './generate';
import { figure, type Figure } from './report';
import { median, timeRuns } from './stats';
import { readZipParts } from './zip-floor';

/**
 * Excel import (导入名单): a 10 000-row roster read, mapped and validated cell by cell, and classified
 * against the draft's rows (new / update / duplicate / invalid) — the preview the user confirms. Beside it,
 * in the same run, its floor: inflating the parts that hold the cells (the sheet and its shared strings)
 * and scanning their XML once, tag by tag — what any reader of the file must at least do.
 */

/** The floor: inflate the worksheet and shared strings, decode them, and find every tag. Returns the tag count. */
function inflateAndScan(bytes: Buffer): number {
  let tags = 0;
  for (const part of readZipParts(bytes)) {
    if (!/^xl\/(worksheets\/[^/]+|sharedStrings)\.xml$/.test(part.name)) continue;
    const text = part.data.toString('utf8');
    for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) tags++;
  }
  return tags;
}

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
    const who = table === 'members' ? 'member' : 'team';
    let counts: Record<string, number> = {};
    const samples = await timeRuns(plan, async () => {
      const preview = await readWorkbookForImport(bytes, `${table}-roster.xlsx`, template, table, draft.tables[table]);
      if (preview.rows.length !== rosterRows) throw new Error(`read ${preview.rows.length} rows of ${rosterRows}`);
      counts = { ...preview.counts };
    });
    let tags = 0;
    const floorSamples = await timeRuns(plan, () => {
      tags = inflateAndScan(bytes);
    });
    // As the app reads it: on a worker thread, the answer taken back into the main thread.
    const workerSamples = await timeRuns(plan, async () => {
      const preview = await readWorkbookForImportInWorker(bytes, `${table}-roster.xlsx`, template, table, draft.tables[table]);
      if (preview.rows.length !== rosterRows) throw new Error(`worker read ${preview.rows.length} rows of ${rosterRows}`);
    });
    const value = median(samples);
    const floor = median(floorSamples);
    figures.push(
      figure({
        id: `import.${table}.10k`,
        group: 'import',
        label: `Excel import preview, ${rosterRows.toLocaleString('en')}-row ${who} roster (read + validate + classify)`,
        value,
        unit: 'ms',
        target: { op: '<=', value: 500 },
        samples,
        detail: { fileKiB: Math.round(bytes.length / 1024), ...counts },
      }),
      figure({
        id: `import.${table}.floor`,
        group: 'import',
        label: `Import ${who} roster floor: inflate the sheet and shared strings + scan their XML (${tags.toLocaleString('en')} tags)`,
        value: floor,
        unit: 'ms',
        samples: floorSamples,
      }),
      figure({
        id: `import.${table}.ratio`,
        group: 'import',
        label: `Import ${who} roster time / floor`,
        value: value / floor,
        unit: '×',
        target: { op: '<=', value: 15 },
      }),
      figure({
        id: `import.${table}.worker`,
        group: 'import',
        label: `Import ${who} roster as the app runs it: on a worker thread, including its start (from TypeScript via tsx here; bundled in the app)`,
        value: median(workerSamples),
        unit: 'ms',
        samples: workerSamples,
      }),
    );
  }
  return { figures };
}
