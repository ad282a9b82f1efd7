import { z } from 'zod';
import { regionIdSchema } from '../region-template';
import type {
  AbsorbPreview,
  AbsorbSummary,
  CollectionFile,
  ImportPreview,
  ImportSummary,
} from '../workbooks';
import { importModes, workbookTables } from '../workbooks';
import { id, result } from './define';

/** Largest workbook accepted over the contract (decoded). */
export const maxWorkbookBytes = 30 * 1024 * 1024;
/** Most returned collection files read in one go, and their total size (decoded). */
export const maxAbsorbFiles = 200;
export const maxAbsorbBytes = 60 * 1024 * 1024;

/** The largest absorb call in base64: all files together at maxAbsorbBytes (each may carry 2 padding characters). */
export const maxAbsorbBase64Chars = Math.ceil(maxAbsorbBytes / 3) * 4 + 4 * maxAbsorbFiles;

const fileName = z.string().min(1).max(255);
const dataBase64 = z
  .string()
  .max(Math.ceil(maxWorkbookBytes / 3) * 4 + 4, { message: `文件过大（超过 ${maxWorkbookBytes / 1024 / 1024} MB），未读取` })
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: '文件内容编码不正确' });
const workbookTable = z.enum(workbookTables);
/** A workbook handed to the renderer to save: its suggested name and its bytes. */
type WorkbookFile = { fileName: string; dataBase64: string };
/** Previews wait in the core until confirmed; the id says which one, and they expire. */
type Pending = { expiresAt: string };

/** Excel workbooks: member/team/platform lists out and in, member data collection (信息采集). */
export const workbooksContract = {
  /** The draft's 成员单位, 科研团队 and 科研平台 lists with a 汇总 sheet, as one .xlsx. */
  'workbooks.export': { input: z.object({ draftId: id }).strict(), result: result<WorkbookFile>() },
  /** A blank template workbook of a region: all three lists, or one. */
  'workbooks.template': {
    input: z.object({ regionId: regionIdSchema, table: workbookTable.optional() }).strict(),
    result: result<WorkbookFile>(),
  },
  /** Reads a workbook and previews importing it into one table; changes nothing. */
  'workbooks.previewImport': {
    input: z.object({ draftId: id, table: workbookTable, fileName, dataBase64 }).strict(),
    result: result<ImportPreview & Pending & { importId: string }>(),
  },
  /** Applies a previewed import (revision 'before-import' first). */
  'workbooks.applyImport': {
    input: z.object({ draftId: id, importId: id, mode: z.enum(importModes) }).strict(),
    result: result<ImportSummary>(),
  },
  /** Writes one pre-filled collection workbook (信息采集表) per member unit into a folder. */
  'workbooks.collectionFiles': {
    input: z.object({ draftId: id, dir: z.string().min(1).max(4000) }).strict(),
    result: result<{ dir: string; files: CollectionFile[] }>(),
  },
  /** Reads returned collection workbooks and previews what each would change, with conflicts; changes nothing. */
  'workbooks.absorb': {
    input: z
      .object({
        draftId: id,
        files: z
          .array(z.object({ fileName, dataBase64 }).strict())
          .min(1)
          .max(maxAbsorbFiles)
          .refine((files) => files.reduce((sum, file) => sum + file.dataBase64.length, 0) <= maxAbsorbBase64Chars, {
            message: `所选文件合计超过 ${maxAbsorbBytes / 1024 / 1024} MB，请分几次导入`,
          }),
      })
      .strict(),
    result: result<AbsorbPreview & Pending & { absorbId: string }>(),
  },
  /** Applies previewed collection workbooks with the user's decision on each conflict (revision first). */
  'workbooks.applyAbsorb': {
    input: z
      .object({
        draftId: id,
        absorbId: id,
        decisions: z
          .array(z.object({ conflictId: z.string().min(1).max(1000), choice: z.enum(['keep', 'take']) }).strict())
          .max(100_000),
      })
      .strict(),
    result: result<AbsorbSummary>(),
  },
} as const;
