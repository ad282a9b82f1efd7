import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import { fullCounts, quickCounts, type BenchContext, type BenchCounts, type SuiteResult } from './context';
import {
  compareResults,
  machineInfo,
  machineLine,
  markdownTable,
  readResults,
  resultsSchema,
  updateBenchmarksMarkdown,
  writeResults,
  type BenchResults,
  type Figure,
} from './report';
import { round, type RunPlan } from './stats';
import { benchChecks } from './suite-checks';
import { benchExport } from './suite-export';
import { benchImport } from './suite-import';
import { benchAutosave, benchColdOpen } from './suite-storage';
import { benchUi } from './suite-ui';

/**
 * `npm run bench` (tsx scripts/bench/index.ts): speed and memory of the things a user waits for, as
 * medians after warm-up, printed as a table and written to bench-results.json (compared with the
 * previous file when there is one). A full run also puts the table into BENCHMARKS.md.
 *
 *   --quick          fewer runs and edits: well under two minutes, for a check after a change
 *   --only=a,b       run only these suites (export, autosave, import, checks, coldOpen, ui)
 *   --out=FILE       where to write the results (default bench-results.json at the top of the repo)
 *   --compare=FILE   compare with this earlier result instead of the file being replaced
 *   --no-markdown    leave BENCHMARKS.md alone
 */

export const repoRoot = resolve(__dirname, '../..');

export const suiteNames = ['export', 'autosave', 'import', 'checks', 'coldOpen', 'ui'] as const;
export type SuiteName = (typeof suiteNames)[number];

const suites: Record<SuiteName, (context: BenchContext) => Promise<SuiteResult>> = {
  export: benchExport,
  autosave: benchAutosave,
  import: benchImport,
  checks: benchChecks,
  coldOpen: benchColdOpen,
  ui: benchUi,
};

export interface BenchOptions {
  quick: boolean;
  only?: SuiteName[];
  /** Overrides the run plan of the mode (the smoke test uses one run). */
  plan?: RunPlan;
  /** Overrides counts of the mode (the smoke test uses tiny ones). */
  counts?: Partial<BenchCounts>;
  log?: (line: string) => void;
}

export const plans: Record<'full' | 'quick', RunPlan> = {
  full: { warmup: 2, runs: 7 },
  quick: { warmup: 1, runs: 3 },
};

function gitState(): BenchResults['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** Runs the suites and returns the results; writes nothing but its scratch folder, which it removes. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = new Date();
  const startMs = performance.now();
  const plan = options.plan ?? plans[options.quick ? 'quick' : 'full'];
  // os.tmpdir() is on the same disk as the user's data on our machines (not tmpfs): fsync costs are real.
  const workDir = mkdtempSync(join(tmpdir(), 'lianheti-bench-'));
  const counts = { ...(options.quick ? quickCounts : fullCounts), ...options.counts };
  const context: BenchContext = { templates: loadRegionTemplates(), plan, quick: options.quick, counts, workDir, log };
  const machine = machineInfo();
  const loadAtStart = loadavg()[0];
  const sqlite = new Database(':memory:');
  machine.sqlite = (sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  sqlite.close();

  const figures: Figure[] = [];
  const skipped: BenchResults['skipped'] = [];
  try {
    for (const name of options.only ?? suiteNames) {
      const suiteStart = performance.now();
      log(`… ${name}`);
      try {
        const result = await suites[name](context);
        figures.push(...result.figures);
        if (result.skipped) skipped.push({ suite: name, reason: result.skipped });
        if (result.browser) machine.chromium = result.browser;
      } catch (error) {
        // One suite failing (a module mid-change, a missing browser) must not lose the others' figures.
        const reason = error instanceof Error ? `${error.message}` : String(error);
        skipped.push({ suite: name, reason: `failed: ${reason.split('\n')[0]}` });
        log(`  ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      log(`  ${name}: ${((performance.now() - suiteStart) / 1000).toFixed(1)} s`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  // Other work on the machine inflates every figure; the load says how much to trust a run.
  machine.loadAverage = { start: round(loadAtStart, 2), end: round(loadavg()[0], 2) };
  return {
    schema: resultsSchema,
    mode: options.quick ? 'quick' : 'full',
    startedAt: started.toISOString(),
    durationSeconds: Math.round((performance.now() - startMs) / 100) / 10,
    git: gitState(),
    machine,
    plan,
    counts,
    figures,
    skipped,
  };
}

function parseArgs(argv: string[]): BenchOptions & { out: string; compare?: string; markdown: boolean } {
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = value('only')
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = only?.filter((name) => !(suiteNames as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(', ')}; suites are ${suiteNames.join(', ')}`);
  return {
    quick: argv.includes('--quick'),
    only: only as SuiteName[] | undefined,
    out: resolve(value('out') ?? join(repoRoot, 'bench-results.json')),
    compare: value('compare'),
    markdown: !argv.includes('--no-markdown'),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const [load] = loadavg();
  if (load > cpus().length * 0.5) {
    process.stdout.write(`Note: the machine is busy (load average ${load.toFixed(1)} on ${cpus().length} cores); figures will be inflated.\n`);
  }
  const previous = readResults(args.compare ? resolve(args.compare) : args.out);
  const results = await runBench(args);
  process.stdout.write(`\n${machineLine(results)}\n\n${markdownTable(results)}\n`);
  for (const skip of results.skipped) process.stdout.write(`\nNot measured: ${skip.suite} — ${skip.reason}\n`);
  if (previous) process.stdout.write(`\n${compareResults(previous, results)}\n`);
  writeResults(args.out, results);
  process.stdout.write(`\nWritten ${args.out} (${results.durationSeconds} s).\n`);
  // Only a full run of every suite is the published table; a quick or partial run would replace it with less.
  if (args.markdown && !args.quick && !args.only && updateBenchmarksMarkdown(join(repoRoot, 'BENCHMARKS.md'), results)) {
    process.stdout.write('Updated the table in BENCHMARKS.md.\n');
  }
  const missed = results.figures.filter((item) => item.met === false);
  if (missed.length > 0) process.stdout.write(`\nTargets missed: ${missed.map((item) => item.id).join(', ')} (see BENCHMARKS.md for why).\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
