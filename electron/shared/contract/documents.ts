import { z } from 'zod';
import type { DocumentEntry } from '../documents/kinds';
import { previewKinds } from '../documents/kinds';
import type { ExportResult } from '../documents/export-names';
import { pdfModes } from '../documents/export-names';
import { id, result } from './define';

/** Official documents: print view, Word/PDF export, stamp checklist (导出与打印). */
export const documentsContract = {
  /** The documents of a draft's package (and those offered besides), each with whether everything it prints is filled in. */
  'documents.list': { input: z.object({ draftId: id }).strict(), result: result<DocumentEntry[]>() },
  /** One document, or the whole filing ('package', printed 一式三份), as a self-contained HTML print view. */
  'documents.preview': {
    input: z.object({ draftId: id, kind: z.enum(previewKinds) }).strict(),
    result: result<{ html: string; title: string }>(),
  },
  /** Writes the package into a folder named after the consortium inside `dir` (from host.chooseExportFolder): .docx, .xlsx, PDF, 盖章清单. */
  'documents.export': {
    input: z
      .object({
        draftId: id,
        dir: z.string().min(1).max(4000),
        pdf: z.boolean(),
        /** One PDF of the filing (default) or one per document. */
        pdfMode: z.enum(pdfModes).optional(),
      })
      .strict(),
    result: result<ExportResult>(),
  },
} as const;
