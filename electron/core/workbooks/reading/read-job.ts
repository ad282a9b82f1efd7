import type { TableRow } from '../../../shared/draft';
import { UserError } from '../../../shared/errors';
import type { RegionTemplate } from '../../../shared/region-template';
import type { ImportPreview, WorkbookTable } from '../../../shared/workbooks';
import { readCollectionWorkbooks, type CollectionFailure, type CollectionReturn } from '../collection/read';
import { useHeaderSynonyms, type HeaderSynonyms } from '../headers';
import { readWorkbookForImport } from '../import';

/**
 * What a reading worker is asked to do, and doing it. Jobs carry everything they need (the template, the
 * header synonyms, the draft's rows) as plain data, so the worker reads no file but the workbook's bytes.
 */

export type ReadJob =
  | {
      kind: 'import';
      bytes: Uint8Array;
      fileName: string;
      template: RegionTemplate;
      table: WorkbookTable;
      existing: TableRow[];
      synonyms: HeaderSynonyms;
    }
  | { kind: 'collection'; bytes: Uint8Array; fileName: string; template: RegionTemplate; synonyms: HeaderSynonyms };

export type ReadJobResult = ImportPreview | CollectionReturn | CollectionFailure;

/** What a worker posts back: a result, or the error as plain data (a UserError keeps its message). */
export type ReadJobReply =
  | { ok: true; result: ReadJobResult }
  | { ok: false; error: { user: boolean; code: string; message: string; detail?: string } };

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export async function runReadJob(job: ReadJob): Promise<ReadJobResult> {
  useHeaderSynonyms(job.synonyms);
  if (job.kind === 'import') {
    return readWorkbookForImport(asBuffer(job.bytes), job.fileName, job.template, job.table, job.existing);
  }
  const [result] = await readCollectionWorkbooks([{ fileName: job.fileName, bytes: asBuffer(job.bytes) }], job.template);
  return result;
}

export async function replyTo(job: ReadJob): Promise<ReadJobReply> {
  try {
    return { ok: true, result: await runReadJob(job) };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: { user: true, code: error.code, message: error.message, detail: error.detail } };
    const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    return { ok: false, error: { user: false, code: 'internal', message: detail } };
  }
}
