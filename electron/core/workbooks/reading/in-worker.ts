import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TableRow } from '../../../shared/draft';
import { UserError } from '../../../shared/errors';
import type { RegionTemplate } from '../../../shared/region-template';
import type { ImportPreview, WorkbookTable } from '../../../shared/workbooks';
import type { CollectionFailure, CollectionReturn } from '../collection/read';
import { loadHeaderSynonyms } from '../headers';
import type { ReadJob, ReadJobReply, ReadJobResult } from './read-job';

/**
 * Reading a workbook people send us on its own thread, with a time limit and a memory limit: while it is
 * read the main thread keeps answering (autosave goes on), and a file that would run away is stopped by
 * terminating the thread, never the app. One thread per file: a stopped thread takes nothing else with it.
 */

export interface WorkerLimits {
  /** From starting the thread to its answer. */
  timeoutMs: number;
  /** The thread's V8 heap; its whole footprint stays under about 500 MB. */
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
}

export const workbookReadLimits: WorkerLimits = { timeoutMs: 10_000, maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 32 };

/** The bundled worker, as scripts/build-electron.mjs writes it next to each bundle. */
export const bundledWorkerName = 'workbook-reader.js';

/**
 * Where the worker's code is: beside the bundle when this module was bundled, else the TypeScript source
 * run through tsx (tests, `npm run web`, `npm run cli`), which the thread registers for itself.
 */
function workerScript(): { script: string; eval: boolean } {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const self = typeof __filename === 'string' ? __filename : '';
  const bundled = join(here, bundledWorkerName);
  if (!self.endsWith('.ts') && existsSync(bundled)) return { script: bundled, eval: false };
  const source = join(here, 'read-worker.ts');
  const tsx = createRequire(self || join(here, 'index.js')).resolve('tsx/cjs/api');
  return { script: `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(source)});`, eval: true };
}

function stopped(fileName: string, detail: string, what: 'time' | 'memory'): UserError {
  return what === 'time'
    ? new UserError(
        'workbook.timeout',
        `读取文件“${fileName}”超过 ${workbookReadLimits.timeoutMs / 1000} 秒仍未完成，已停止读取。文件可能过大或是恶意构造的；请删除多余的行列或拆分成几个文件后再导入。已保存的内容未受影响。`,
        detail,
      )
    : new UserError(
        'workbook.tooComplex',
        `读取文件“${fileName}”所需的内存超过上限，已停止读取。文件可能过大或是恶意构造的；请删除多余的行列或拆分成几个文件后再导入。已保存的内容未受影响。`,
        detail,
      );
}

/** Runs one job on a new thread and returns its result; throws the job's UserError, or a Chinese one when stopped. */
export function runInWorker(job: ReadJob, limits: WorkerLimits = workbookReadLimits): Promise<ReadJobResult> {
  const { script, eval: isEval } = workerScript();
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const worker = new Worker(script, {
      eval: isEval,
      workerData: job,
      resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: limits.maxYoungGenerationSizeMb },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      // A thread that answered ends by itself; one that did not is stopped here.
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(stopped(job.fileName, `worker stopped after ${Date.now() - started} ms (limit ${limits.timeoutMs} ms)`, 'time'))),
      limits.timeoutMs,
    );
    worker.on('message', (text: string) =>
      settle(() => {
        const reply = JSON.parse(text) as ReadJobReply;
        if (reply.ok) resolve(reply.result);
        else if (reply.error.user) reject(new UserError(reply.error.code, reply.error.message, reply.error.detail));
        else reject(new Error(`workbook reader failed: ${reply.error.message}`));
      }),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? stopped(job.fileName, `worker out of memory after ${Date.now() - started} ms: ${error.message}`, 'memory')
            : error,
        ),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`workbook reader exited with code ${code} before answering`))));
  });
}

/** readWorkbookForImport, on its own thread. */
export async function readWorkbookForImportInWorker(
  bytes: Buffer,
  fileName: string,
  template: RegionTemplate,
  table: WorkbookTable,
  existing: TableRow[] = [],
  limits?: WorkerLimits,
): Promise<ImportPreview> {
  return (await runInWorker({ kind: 'import', bytes, fileName, template, table, existing, synonyms: loadHeaderSynonyms() }, limits)) as ImportPreview;
}

/** readCollectionWorkbooks, one thread per file: a file that is stopped is reported like any unreadable one. */
export async function readCollectionWorkbooksInWorker(
  files: Array<{ fileName: string; bytes: Buffer }>,
  template: RegionTemplate,
  limits?: WorkerLimits,
): Promise<Array<CollectionReturn | CollectionFailure>> {
  const synonyms = loadHeaderSynonyms();
  const results: Array<CollectionReturn | CollectionFailure> = [];
  for (const file of files) {
    try {
      results.push((await runInWorker({ kind: 'collection', bytes: file.bytes, fileName: file.fileName, template, synonyms }, limits)) as CollectionReturn | CollectionFailure);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      results.push({ fileName: file.fileName, error: error.message });
    }
  }
  return results;
}
