import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDocx } from '../../electron/core/documents/docx';
import { exportPackage } from '../../electron/core/documents/export-package';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import { DraftStore } from '../../electron/core/storage/draft-store';
import { writeMemberWorkbook } from '../../electron/core/workbooks/member-workbook';
import { buildDocument } from '../../electron/shared/documents';
import type { RegionId } from '../../electron/shared/region-template';
import { generateDraft, rowCounts, type DraftSize } from './generate';
import { median, timeRuns, type RunPlan } from './stats';
import { deflateAndWrite, readZipParts, type ZipPart } from './zip-floor';

/**
 * One export measurement in its own process, so that its peak RSS is its own and not the sum of every
 * suite before it. Started by suite-export.ts with tsx's loader; answers one job over the IPC channel.
 */

export interface ExportJob {
  regionId: RegionId;
  size: DraftSize;
  plan: RunPlan;
  workDir: string;
  /** Also time each document on its own (one run each), to say which one limits the export. */
  breakdown: boolean;
}

export interface ExportMeasurement {
  wallMs: number[];
  floorMs: number[];
  /** RSS after loading the modules and generating the draft, before the first export. */
  baselineRssBytes: number;
  /** The process's peak RSS (getrusage maxrss), reached during the exports. */
  peakRssBytes: number;
  rows: ReturnType<typeof rowCounts>;
  files: Array<{ name: string; bytes: number; uncompressedBytes: number }>;
  /** Milliseconds per document (build the model + write the file's bytes), when asked for. */
  breakdownMs?: Record<string, number>;
}

export async function measureExport(job: ExportJob): Promise<ExportMeasurement> {
  const template = loadRegionTemplates().find((candidate) => candidate.id === job.regionId);
  if (!template) throw new Error(`no template ${job.regionId}`);
  mkdirSync(job.workDir, { recursive: true });
  const store = DraftStore.open(join(job.workDir, 'drafts.sqlite'));
  try {
    const draft = store.getDraft(store.createDraft(generateDraft(template, job.size, { seed: 11 })).id);
    const outDir = join(job.workDir, 'export');
    const baselineRssBytes = process.memoryUsage().rss;

    // What the user's 导出 does without PDF: a revision, every .docx and the .xlsx, each written durably.
    let lastFiles: Array<{ name: string; folder: string }> = [];
    const wallMs = await timeRuns(job.plan, async () => {
      const result = await exportPackage({ template, draft, store, outDir, pdf: false, writeMemberWorkbook });
      if (result.skipped.length > 0) throw new Error(`export skipped ${result.skipped.map((skip) => skip.kind).join(', ')}`);
      lastFiles = result.files.map((file) => ({ name: file.name, folder: result.folder }));
    });
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;

    // The floor: the same parts, deflated by zlib and written with one fsync per file.
    const parts: Array<{ name: string; bytes: number; parts: ZipPart[] }> = lastFiles.map((file) => {
      const zip = readFileSync(join(file.folder, file.name));
      return { name: file.name, bytes: zip.length, parts: readZipParts(zip) };
    });
    const floorDir = join(job.workDir, 'floor');
    mkdirSync(floorDir, { recursive: true });
    const floorMs = await timeRuns(job.plan, () => {
      parts.forEach((file, index) => deflateAndWrite(file.parts, join(floorDir, `${index}.zip`)));
    });

    let breakdownMs: Record<string, number> | undefined;
    if (job.breakdown) {
      breakdownMs = {};
      for (const kind of template.documents) {
        const samples = await timeRuns({ warmup: 0, runs: 1 }, () =>
          kind === 'memberWorkbook' ? writeMemberWorkbook(template, draft) : writeDocx(buildDocument(kind, template, draft)),
        );
        breakdownMs[kind] = Math.round(median(samples));
      }
    }
    return {
      wallMs,
      floorMs,
      baselineRssBytes,
      peakRssBytes,
      rows: rowCounts(draft),
      files: parts.map((file) => ({ name: file.name, bytes: file.bytes, uncompressedBytes: file.parts.reduce((sum, part) => sum + part.data.length, 0) })),
      ...(breakdownMs ? { breakdownMs } : {}),
    };
  } finally {
    store.close();
  }
}

if (require.main === module && process.send) {
  process.once('message', (job: ExportJob) => {
    measureExport(job).then(
      (measurement) => process.send?.({ ok: true, measurement }, () => process.exit(0)),
      (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
    );
  });
}
