import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WordDocument } from '../../shared/docx-import';
import type { ApiErrorPayload } from '../../shared/errors';
import { UserError } from '../../shared/errors';

/**
 * Reads a .docx in a worker thread with a time limit and a heap limit, so that a hostile or merely huge
 * file can neither freeze the app nor exhaust its memory: when either limit is hit the worker is
 * terminated and the user told why. Works from the sources (tsx, vitest: the worker loads its .ts entry
 * through tsx) and from the bundles (scripts/build-electron.mjs writes docx-import-worker.js beside them).
 */

export const workerLimits = {
  timeoutMs: 20_000,
  maxOldGenerationSizeMb: 384,
  maxYoungGenerationSizeMb: 48,
} as const;

/** The bundled worker's file name, next to the bundle that starts it. */
export const bundledWorkerName = 'docx-import-worker.js';

function here(): string {
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

function startWorker(data: { bytes: Uint8Array; fileName: string }): Worker {
  const options = {
    workerData: data,
    transferList: [data.bytes.buffer as ArrayBuffer],
    resourceLimits: {
      maxOldGenerationSizeMb: workerLimits.maxOldGenerationSizeMb,
      maxYoungGenerationSizeMb: workerLimits.maxYoungGenerationSizeMb,
    },
  };
  const bundled = join(here(), bundledWorkerName);
  // Packed, the worker is kept out of the asar archive (electron-builder.yml asarUnpack): a worker thread
  // is started from a real file.
  const unpacked = bundled.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);
  if (unpacked !== bundled && existsSync(unpacked)) return new Worker(unpacked, options);
  if (existsSync(bundled)) return new Worker(bundled, options);
  const source = join(here(), 'worker.ts');
  // From the sources: register tsx's loader in the worker, then run the TypeScript entry.
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { ...options, eval: true });
}

type Reply = { ok: true; document: WordDocument } | { ok: false; error: ApiErrorPayload };

export function readWordDocumentInWorker(bytes: Buffer, fileName: string, timeoutMs: number = workerLimits.timeoutMs): Promise<WordDocument> {
  // A copy the worker owns: the caller's buffer stays usable (and unchanged).
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = startWorker({ bytes: copy, fileName });
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new UserError(
              'docx.timeout',
              `读取文件“${fileName}”超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成，已停止。文件可能过大或是恶意构造的，未导入。`,
              `worker timed out after ${timeoutMs} ms`,
            ),
          ),
        ),
      timeoutMs,
    );
    worker.on('message', (reply: Reply) =>
      finish(() => {
        if (reply.ok) resolve(reply.document);
        else reject(new UserError(reply.error.code, reply.error.message, reply.error.detail));
      }),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() => {
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(error.message);
        reject(
          memory
            ? new UserError('docx.tooLarge', `读取文件“${fileName}”所需内存超过上限，文件过大或是恶意构造的，未导入。`, error.message)
            : new UserError('docx.readFailed', `读取文件“${fileName}”时出错，未导入。`, `${error.name}: ${error.message}`),
        );
      }),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new UserError('docx.readFailed', `读取文件“${fileName}”时出错，未导入。`, `worker exited with code ${code}`))),
    );
  });
}
