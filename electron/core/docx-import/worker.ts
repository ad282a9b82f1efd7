import { parentPort, workerData } from 'node:worker_threads';
import { toErrorPayload } from '../../shared/errors';
import { readWordDocument } from './word-document';

/**
 * The worker thread's entry: reads one .docx and posts back the document or the error. Running here keeps
 * a hostile file's parsing off the thread that serves the window, under the memory and time limits the
 * parent set (see read-in-worker).
 */
interface Job {
  bytes: Uint8Array;
  fileName: string;
}

const job = workerData as Job;
try {
  const document = readWordDocument(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.fileName);
  parentPort?.postMessage({ ok: true, document });
} catch (error) {
  parentPort?.postMessage({ ok: false, error: toErrorPayload(error) });
}
