import type { DocxImportPreview, WordDocument } from '../../shared/docx-import';
import type { RegionId, RegionTemplate } from '../../shared/region-template';
import { convertToDocx, type ConvertDeps } from './convert';
import { refuseUnreadable, sniffFileKind } from './docx-package';
import { readWordDocumentInWorker } from './read-in-worker';
import { recognizeDocument } from './recognize';

/**
 * Importing a filled Word application: convert (.doc/.wps through LibreOffice), read off the main thread,
 * recognise by the template's labels. The caller's bytes are only read; the user's file is never written.
 */

export { applyDocxImport } from './apply';
export { recognizeDocument, guessRegion } from './recognize';
export { readWordDocumentInWorker } from './read-in-worker';
export { docxLimits } from './docx-package';

export interface PreviewOptions extends ConvertDeps {
  regionId?: RegionId;
}

/** A Word file's bytes as a .docx: as they are, or converted by LibreOffice. */
export async function docxBytesOf(bytes: Buffer, fileName: string, deps: ConvertDeps = {}): Promise<{ bytes: Buffer; converted: boolean }> {
  const kind = sniffFileKind(bytes);
  refuseUnreadable(kind, bytes, fileName);
  if (kind === 'convertible') return { bytes: await convertToDocx(bytes, fileName, deps), converted: true };
  return { bytes, converted: false };
}

export async function readDocxForImport(
  bytes: Buffer,
  fileName: string,
  templates: RegionTemplate[],
  options: PreviewOptions = {},
): Promise<{ preview: DocxImportPreview; document: WordDocument }> {
  const docx = await docxBytesOf(bytes, fileName, options);
  const document = await readWordDocumentInWorker(docx.bytes, fileName);
  const preview = recognizeDocument(document, templates, { regionId: options.regionId, converted: docx.converted });
  return { preview, document };
}
