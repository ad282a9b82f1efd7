import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Timing and statistics for the benchmarks. Every figure is the median of several runs after warm-up
 * runs, because the first runs pay for JIT compilation and cold caches that a user pays once per session.
 */

/**
 * A full garbage collection, so that a measurement starts from a clean heap and pays for the garbage it
 * makes itself, not for what the previous suite left (which made medians swing by 2–5× between runs).
 * Only before the warm-up: a full collection also drops compiled code and type feedback, so collecting
 * before every run made each run slower than the app's steady state. The flag is set at run time because
 * `npm run bench` cannot pass node flags through tsx.
 */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
})();

export interface RunPlan {
  warmup: number;
  runs: number;
  /**
   * Keep running past `runs` until this much time has been measured (at most 8× `runs`): a 5 ms
   * measurement needs dozens of runs before its median stops moving with the machine's background work.
   */
  minTotalMs?: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The p-th percentile (0–100) by the nearest-rank method: p99 of 10 000 samples is the 9 900th smallest. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

/**
 * Times `fn` `plan.runs` times after `plan.warmup` unrecorded runs; milliseconds per run. The heap is
 * collected once, before the warm-up.
 */
export async function timeRuns(plan: RunPlan, fn: (run: number) => unknown): Promise<number[]> {
  collectGarbage();
  for (let i = 0; i < plan.warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < plan.runs || (total < (plan.minTotalMs ?? 0) && i < plan.runs * 8); i++) {
    const start = performance.now();
    await fn(i);
    const elapsed = performance.now() - start;
    samples.push(elapsed);
    total += elapsed;
  }
  return samples;
}

/** Rounds for the report: three significant digits are more than the noise allows. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const factor = 10 ** Math.max(0, digits - 1 - magnitude);
  return Math.round(value * factor) / factor;
}

export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === 'ms') {
    if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
    if (value >= 100) return `${value.toFixed(0)} ms`;
    if (value >= 10) return `${value.toFixed(1)} ms`;
    return `${value.toFixed(2)} ms`;
  }
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (unit === '×') return `${value.toFixed(2)}×`;
  return `${round(value)} ${unit}`;
}

export const mebibyte = 1024 * 1024;
