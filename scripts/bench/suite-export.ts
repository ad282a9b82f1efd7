import { fork } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchContext, SuiteResult } from './context';
import type { ExportJob, ExportMeasurement } from './export-child';
import { scaleSize, sizes, type DraftSize } from './generate';
import { figure, type Figure } from './report';
import { mebibyte, median, type RunPlan } from './stats';

/**
 * Full package export without PDF (every .docx and the Excel list), at sizes S, L, XL and at 1×, 4×, 10×
 * the L size: wall time, peak RSS, and the ratio to the floor (the same bytes deflated and written by zlib).
 * Each size runs in a fresh process so that its peak memory is its own.
 */

/** Set BENCH_CPU_PROFILE=<folder> to get a V8 CPU profile of every export process (see profile-summary.ts). */
const profileDir = process.env.BENCH_CPU_PROFILE;

function runChild(job: ExportJob): Promise<ExportMeasurement> {
  const loader = pathToFileURL(require.resolve('tsx')).href;
  const child = fork(join(__dirname, 'export-child.ts'), [], {
    execArgv: ['--import', loader, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.once('message', (message: { ok: true; measurement: ExportMeasurement } | { ok: false; error: string }) => {
      settled = true;
      if (message.ok) resolve(message.measurement);
      else reject(new Error(message.error));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`export process exited with code ${code} before answering`));
    });
    child.send(job);
  });
}

interface SizeRun {
  label: string;
  size: DraftSize;
  plan: RunPlan;
}

export async function benchExport(context: BenchContext): Promise<SuiteResult> {
  // Large drafts take seconds per export: fewer runs there keep the full run under ten minutes.
  const big: RunPlan = context.quick ? { warmup: 0, runs: 1 } : { warmup: 1, runs: 3 };
  const small: RunPlan = context.quick ? { warmup: 1, runs: 3 } : context.plan;
  const runs: SizeRun[] = [
    { label: 'S', size: sizes.S, plan: small },
    { label: 'L', size: sizes.L, plan: small },
    { label: 'XL', size: sizes.XL, plan: big },
    { label: '4xL', size: scaleSize(sizes.L, 4), plan: big },
    // 10× L is the slowest export (≈ 12 s a run today): a quick run leaves it out and reports the 4× ratio only.
    ...(context.quick ? [] : [{ label: '10xL', size: scaleSize(sizes.L, 10), plan: big }]),
  ];
  const figures: Figure[] = [];
  const wallByLabel = new Map<string, number>();
  for (const run of runs) {
    context.log(`  export ${run.label} (${run.size.members} members, ${run.size.team} team rows, ${run.size.platforms} platforms)`);
    const measurement = await runChild({
      regionId: 'xinjiang',
      size: run.size,
      plan: run.plan,
      workDir: join(context.workDir, `export-${run.label}`),
      breakdown: !context.quick,
    });
    const wall = median(measurement.wallMs);
    const floor = median(measurement.floorMs);
    wallByLabel.set(run.label, wall);
    const uncompressed = measurement.files.reduce((sum, file) => sum + file.uncompressedBytes, 0);
    const compressed = measurement.files.reduce((sum, file) => sum + file.bytes, 0);
    const detail = {
      ...measurement.rows,
      files: measurement.files.length,
      xmlMiB: Math.round((uncompressed / mebibyte) * 100) / 100,
      fileKiB: Math.round(compressed / 1024),
      ...Object.fromEntries(Object.entries(measurement.breakdownMs ?? {}).map(([kind, ms]) => [`${kind}Ms`, ms])),
    };
    const named = run.label === 'S' || run.label === 'L' || run.label === 'XL';
    if (named) {
      figures.push(
        figure({
          id: `export.${run.label}.wall`,
          group: 'export',
          label: `Export ${run.label}, all .docx + .xlsx, no PDF`,
          value: wall,
          unit: 'ms',
          ...(run.label === 'L' ? { target: { op: '<=' as const, value: 1000 } } : {}),
          samples: measurement.wallMs,
          detail,
        }),
        figure({
          id: `export.${run.label}.peakRss`,
          group: 'export',
          label: `Export ${run.label}, peak RSS of the process (baseline ${Math.round(measurement.baselineRssBytes / mebibyte)} MB)`,
          value: measurement.peakRssBytes / mebibyte,
          unit: 'MB',
          detail: { baselineMB: Math.round(measurement.baselineRssBytes / mebibyte) },
        }),
        figure({
          id: `export.${run.label}.floor`,
          group: 'export',
          label: `Export ${run.label} floor: zlib deflate + write + fsync of the same ${detail.xmlMiB} MiB`,
          value: floor,
          unit: 'ms',
          samples: measurement.floorMs,
        }),
        figure({
          id: `export.${run.label}.ratio`,
          group: 'export',
          label: `Export ${run.label} time / floor`,
          value: wall / floor,
          unit: '×',
          target: { op: '<=', value: 3 },
        }),
      );
    } else {
      figures.push(
        figure({
          id: `scaling.export.${run.label}`,
          group: 'scaling',
          label: `Export at ${run.label.replace('x', '× ')} (${run.size.team} team rows)`,
          value: wall,
          unit: 'ms',
          samples: measurement.wallMs,
          detail: { ...detail, peakRssMB: Math.round(measurement.peakRssBytes / mebibyte) },
        }),
      );
    }
  }
  const base = wallByLabel.get('L') ?? Number.NaN;
  figures.push(
    figure({ id: 'scaling.export.4x.ratio', group: 'scaling', label: 'Export time ratio 4× / 1× L (linear = 4)', value: (wallByLabel.get('4xL') ?? Number.NaN) / base, unit: '×', target: { op: '<=', value: 4.4 } }),
  );
  if (wallByLabel.has('10xL')) {
    figures.push(
      figure({ id: 'scaling.export.10x.ratio', group: 'scaling', label: 'Export time ratio 10× / 1× L (linear = 10)', value: (wallByLabel.get('10xL') ?? Number.NaN) / base, unit: '×', target: { op: '<=', value: 11 } }),
    );
  }
  return { figures };
}
