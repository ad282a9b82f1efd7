import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import type { BenchCounts } from './context';
import { formatValue, mebibyte, round } from './stats';

/**
 * The results of a run: one flat list of figures with stable ids, so that two runs (bench-results.json
 * of last week and of today) compare id by id, and the table printed and written into BENCHMARKS.md.
 */

export const resultsSchema = 'lianheti-bench/1';

export interface Target {
  /** The figure must be at most (≤) or at least (≥) the value. */
  op: '<=' | '>=';
  value: number;
}

export interface Figure {
  /** Stable across runs: "export.L.wall", "autosave.field.p99" … */
  id: string;
  /** The suite it belongs to (export, autosave, import, checks, coldOpen, scaling, ui). */
  group: string;
  label: string;
  value: number;
  unit: 'ms' | 'MB' | '×' | 'count';
  target?: Target;
  /** Whether the target is met; absent where the figure has no target of its own. */
  met?: boolean;
  /** Samples the value was taken from (after warm-up); the median of these, unless the label says otherwise. */
  samples?: number[];
  /** What was measured, in numbers: sizes, bytes, counts. */
  detail?: Record<string, string | number | boolean>;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  node: string;
  v8: string;
  sqlite?: string;
  chromium?: string;
  /** One-minute load average when the run started and ended; above ~1 per core the figures are inflated. */
  loadAverage?: { start: number; end: number };
}

export interface BenchResults {
  schema: typeof resultsSchema;
  mode: 'full' | 'quick';
  startedAt: string;
  durationSeconds: number;
  /** The git commit the tree was at, and whether it had uncommitted changes. */
  git: { commit: string | null; dirty: boolean | null };
  machine: Machine;
  plan: { warmup: number; runs: number };
  counts: BenchCounts;
  figures: Figure[];
  /** Suites that could not run, and why (a module not there yet, Chromium missing). */
  skipped: Array<{ suite: string; reason: string }>;
}

export function machineInfo(): Machine {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: round(totalmem() / 1024 / mebibyte, 2),
    freeMemoryGiB: round(freemem() / 1024 / mebibyte, 2),
    os: `${platform()} ${release()}`,
    node: process.version,
    v8: process.versions.v8,
  };
}

export function figure(input: Omit<Figure, 'met' | 'value' | 'samples'> & { value: number; samples?: number[] }): Figure {
  const met = input.target ? (input.target.op === '<=' ? input.value <= input.target.value : input.value >= input.target.value) : undefined;
  return {
    ...input,
    value: round(input.value, 4),
    ...(input.samples ? { samples: input.samples.map((sample) => round(sample, 4)) } : {}),
    ...(met === undefined ? {} : { met }),
  };
}

function targetText(figureItem: Figure): string {
  if (!figureItem.target) return '';
  return `${figureItem.target.op === '<=' ? '≤' : '≥'} ${formatValue(figureItem.target.value, figureItem.unit)}`;
}

function verdict(figureItem: Figure): string {
  if (figureItem.met === undefined) return '';
  return figureItem.met ? 'met' : '**missed**';
}

/** The figures as a Markdown table (also readable as plain text in a terminal). */
export function markdownTable(results: BenchResults): string {
  // The fastest run shows how much of the median is other work on the machine (CPU-bound figures).
  const lines = ['| figure | value | fastest | target | | runs |', '|---|---:|---:|---:|---|---:|'];
  for (const item of results.figures) {
    const fastest = item.samples && item.samples.length > 1 ? formatValue(Math.min(...item.samples), item.unit) : '';
    lines.push(
      `| ${item.label} | ${formatValue(item.value, item.unit)} | ${fastest} | ${targetText(item)} | ${verdict(item)} | ${item.samples?.length ?? ''} |`,
    );
  }
  return lines.join('\n');
}

export function machineLine(results: BenchResults): string {
  const m = results.machine;
  return (
    `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}` +
    `${m.sqlite ? `; SQLite ${m.sqlite}` : ''}${m.chromium ? `; ${m.chromium}` : ''}` +
    `${m.loadAverage ? `; load average ${m.loadAverage.start} → ${m.loadAverage.end}` : ''}` +
    `; ${results.mode} run, median of ${results.plan.runs} runs after ${results.plan.warmup} warm-up` +
    `; ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC; git ${results.git.commit?.slice(0, 7) ?? '?'}${results.git.dirty ? ' (uncommitted changes)' : ''}`
  );
}

/** Differences from an earlier run, figure by figure: what a reviewer looks at after a change. */
export function compareResults(before: BenchResults, after: BenchResults): string {
  const earlier = new Map(before.figures.map((item) => [item.id, item]));
  const lines = [
    `Compared with the run of ${before.startedAt} (${before.mode}, ${before.machine.cpu}, Node ${before.machine.node}):`,
    '| figure | before | now | change |',
    '|---|---:|---:|---:|',
  ];
  for (const item of after.figures) {
    const old = earlier.get(item.id);
    if (!old) continue;
    const change = old.value === 0 ? 0 : ((item.value - old.value) / old.value) * 100;
    const flag = Math.abs(change) >= 20 && item.unit !== 'count' ? (change > 0 ? ' ▲' : ' ▼') : '';
    lines.push(`| ${item.label} | ${formatValue(old.value, old.unit)} | ${formatValue(item.value, item.unit)} | ${change >= 0 ? '+' : ''}${change.toFixed(0)} %${flag} |`);
  }
  if (before.machine.cpu !== after.machine.cpu || before.machine.cores !== after.machine.cores) {
    lines.push('', 'Note: the two runs were on different machines; compare ratios, not times.');
  }
  if (before.mode !== after.mode) lines.push('', `Note: a ${before.mode} run compared with a ${after.mode} run (different run counts and sizes).`);
  return lines.join('\n');
}

export function readResults(file: string): BenchResults | null {
  if (!existsSync(file)) return null;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
    return parsed.schema === resultsSchema && Array.isArray(parsed.figures) ? parsed : null;
  } catch {
    return null;
  }
}

/** Written beside and renamed into place, so an interrupted run never leaves half a results file. */
export function writeResults(file: string, results: BenchResults): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(results, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export const tableStart = '<!-- bench:table:start -->';
export const tableEnd = '<!-- bench:table:end -->';

/**
 * Puts the latest table into BENCHMARKS.md between the markers, leaving the prose (targets, limits,
 * profiles) as written. Returns false when the file or its markers are missing.
 */
export function updateBenchmarksMarkdown(file: string, results: BenchResults): boolean {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(tableStart);
  const end = text.indexOf(tableEnd);
  if (start < 0 || end < start) return false;
  const body = [
    '',
    `Machine: ${machineLine(results)}.`,
    '',
    markdownTable(results),
    ...(results.skipped.length > 0 ? ['', ...results.skipped.map((skip) => `Not measured: ${skip.suite} — ${skip.reason}`)] : []),
    '',
  ].join('\n');
  writeFileSync(file, text.slice(0, start + tableStart.length) + body + text.slice(end));
  return true;
}
