import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDraft, noOtherDrafts } from '../../electron/core/checks/check-draft';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import { readWorkbookForImport } from '../../electron/core/workbooks/import';
import { checkUscc } from '../../electron/shared/validation';
import { asDraft, generateDraft, generateRosterWorkbook, generateRows, rowCounts, scaleSize, sizes } from '../../scripts/bench/generate';
import { runBench } from '../../scripts/bench/index';
import { compareResults, markdownTable, readResults, tableEnd, tableStart, updateBenchmarksMarkdown, writeResults } from '../../scripts/bench/report';
import { median, percentile } from '../../scripts/bench/stats';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * A smoke test of `npm run bench`: the generated drafts are the sizes the issue names and are drafts a user
 * could file (valid codes, distinct names, eligible), and a tiny run writes results of the shape that
 * bench-results.json comparisons and BENCHMARKS.md rely on. Nothing here is timed.
 */

const templates = loadRegionTemplates();
const temp = makeTempDir('lianheti-bench-test-');
afterAll(() => temp.cleanup());

const distinct = (values: string[]) => new Set(values).size === values.length;

describe('bench generators', () => {
  for (const template of templates) {
    it(`make S, L and XL drafts of ${template.id} with the issue's row counts, valid codes and distinct names`, () => {
      for (const [name, size] of Object.entries(sizes)) {
        const draft = asDraft(generateDraft(template, size, { seed: 3 }), `${template.id}-${name}`);
        expect(rowCounts(draft), name).toMatchObject(size);
        const members = draft.tables.members.map((row) => row.values);
        expect(members.every((row) => checkUscc(row.uscc).length === 0), `${name}: credit codes`).toBe(true);
        expect(distinct(members.map((row) => row.uscc)), `${name}: codes distinct`).toBe(true);
        expect(distinct(members.map((row) => row.name)), `${name}: unit names distinct`).toBe(true);
        expect(distinct(draft.tables.team.map((row) => row.values.name)), `${name}: people distinct`).toBe(true);
        expect(distinct(draft.tables.platforms.map((row) => row.values.name)), `${name}: platforms distinct`).toBe(true);
        expect(draft.fields.leadUnit).toBe(members[0].name);
      }
    });

    it(`makes an S draft of ${template.id} that passes every binding rule without errors`, () => {
      const draft = asDraft(generateDraft(template, sizes.S, { seed: 9 }), 'eligible');
      const report = checkDraft(template, draft, noOtherDrafts);
      expect(report.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.message)).toEqual([]);
      expect(report.eligible).toBe('pass');
    });
  }

  it('scales the L size and gives different drafts for different seeds', () => {
    expect(scaleSize(sizes.L, 10)).toEqual({ members: 600, team: 3000, platforms: 400 });
    const [template] = templates;
    const a = generateDraft(template, sizes.S, { seed: 1, unitOffset: 0 });
    const b = generateDraft(template, sizes.S, { seed: 2, unitOffset: 20 });
    expect(a.fields.consortiumName).not.toBe(b.fields.consortiumName);
    expect(a.tables.members.map((row) => row.uscc).filter((code) => b.tables.members.some((row) => row.uscc === code))).toEqual([]);
  });

  it('writes a roster workbook the import reads back row for row without invalid rows', async () => {
    const template = templates.find((candidate) => candidate.id === 'xinjiang') ?? templates[0];
    const rows = generateRows(template, 'members', 40, 5);
    const bytes = await generateRosterWorkbook(template, 'members', rows);
    const preview = await readWorkbookForImport(bytes, 'roster.xlsx', template, 'members');
    expect(preview.rows).toHaveLength(40);
    expect(preview.counts).toMatchObject({ total: 40, new: 40, invalid: 0, duplicate: 0 });
    expect(preview.rows[7].values.uscc).toBe(rows[7].uscc);
  });
});

describe('bench statistics', () => {
  it('takes the median and nearest-rank percentiles', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
  });
});

describe('a tiny bench run', () => {
  it('writes results of the published shape, a table for BENCHMARKS.md and a comparison', async () => {
    const lines: string[] = [];
    const results = await runBench({
      quick: true,
      only: ['autosave', 'coldOpen'],
      plan: { warmup: 0, runs: 1 },
      counts: { autosaveEdits: 20, storeDrafts: 6 },
      log: (line) => lines.push(line),
    });
    expect(results.skipped).toEqual([]);
    expect(results).toMatchObject({ schema: 'lianheti-bench/1', mode: 'quick', plan: { warmup: 0, runs: 1 } });
    expect(results.machine.node).toBe(process.version);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.sqlite).toMatch(/^3\.\d+/);
    const ids = results.figures.map((item) => item.id);
    expect(ids).toEqual(
      expect.arrayContaining(['autosave.field.median', 'autosave.field.p99', 'autosave.floor.p99', 'autosave.cell.p99', 'coldOpen.later', 'coldOpen.first']),
    );
    for (const item of results.figures) {
      expect(Number.isFinite(item.value), item.id).toBe(true);
      expect(['ms', 'MB', '×', 'count']).toContain(item.unit);
      if (item.target) expect(item.met, item.id).toBe(item.target.op === '<=' ? item.value <= item.target.value : item.value >= item.target.value);
    }
    expect(results.figures.find((item) => item.id === 'coldOpen.later')?.detail).toMatchObject({ drafts: 6 });

    // Written and read back as bench-results.json is; compared with itself; put into a BENCHMARKS.md.
    const file = join(temp.dir, 'bench-results.json');
    writeResults(file, results);
    expect(readResults(file)).toEqual(JSON.parse(JSON.stringify(results)));
    expect(compareResults(results, results)).toContain('+0 %');
    const markdown = join(temp.dir, 'BENCHMARKS.md');
    writeFileSync(markdown, `# Benchmarks\n\n${tableStart}\nold table\n${tableEnd}\n\nProse stays.\n`);
    expect(updateBenchmarksMarkdown(markdown, results)).toBe(true);
    const text = readFileSync(markdown, 'utf8');
    expect(text).not.toContain('old table');
    expect(text).toContain(markdownTable(results));
    expect(text).toContain('Prose stays.');
  });
});
