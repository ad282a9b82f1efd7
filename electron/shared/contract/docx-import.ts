import { z } from 'zod';
import type { DocxImportPreview, DocxImportSummary } from '../docx-import';
import { regionIdSchema } from '../region-template';
import { importModes } from '../workbooks';
import { id, result } from './define';

/** Largest Word file accepted over the contract (decoded). */
export const maxDocxBytes = 30 * 1024 * 1024;

const dataBase64 = z
  .string()
  .max(Math.ceil(maxDocxBytes / 3) * 4 + 4, { message: `文件过大（超过 ${maxDocxBytes / 1024 / 1024} MB），未读取` })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '文件内容编码不正确' });

/** Importing a filled Word application (组建申请表, with its 组建协议) into a new or the open draft. */
export const docxImportContract = {
  /**
   * Reads a .docx (.doc/.wps through LibreOffice) and previews what it would import; changes nothing. With
   * `draftId` it is read for that draft's region, else for `regionId`, else the region named in its title.
   */
  'docxImport.preview': {
    input: z
      .object({
        fileName: z.string().min(1).max(255),
        dataBase64,
        regionId: regionIdSchema.optional(),
        draftId: id.optional(),
      })
      .strict(),
    result: result<DocxImportPreview & { importId: string; expiresAt: string }>(),
  },
  /** Writes a previewed import: a new draft, or merged into a draft (revision 'before-import' first). */
  'docxImport.apply': {
    input: z
      .object({
        importId: id,
        target: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('new') }).strict(),
          z.object({ kind: z.literal('merge'), draftId: id, mode: z.enum(importModes) }).strict(),
        ]),
      })
      .strict(),
    result: result<DocxImportSummary>(),
  },
} as const;
