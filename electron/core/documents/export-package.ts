import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { tooManyMainMembers } from '../../shared/derive';
import type { Draft } from '../../shared/draft';
import type { BuildOptions } from '../../shared/documents';
import { buildDocument, buildPackage, documentTitle, exportFolderName } from '../../shared/documents';
import type { ExportedFile, ExportResult, PdfMode } from '../../shared/documents/export-names';
import { packagePdfName, safeFileName } from '../../shared/documents/export-names';
import { UserError } from '../../shared/errors';
import type { DocumentKind, RegionTemplate } from '../../shared/region-template';
import { fileError, writeAtomic } from '../files/atomic-write';
import { lookupCode } from '../regions/code-tables';
import { divisionName } from '../regions/division';
import type { DraftStore } from '../storage/draft-store';
import { writeMemberWorkbook } from '../workbooks';
import { writeDocx } from './docx';
import { convertToPdf, findSoffice } from './libreoffice';

/**
 * Export (导出): a folder named after the consortium holding every .docx of the package, the Excel member list,
 * the PDF and the stamp checklist. Each file is written to `<name>.part` and renamed into place, so a failed
 * export never leaves half a file where a good one was; a revision of the draft is taken first.
 */

/** The Excel workbook of members, team and platforms (core/workbooks); replaceable so tests can make it fail. */
export type MemberWorkbookWriter = (template: RegionTemplate, draft: Draft) => Promise<Buffer>;

/** What the core knows that the pure builders do not: the names of national codes (行业类别, 国标学科). */
export function coreBuildOptions(extra: BuildOptions = {}): BuildOptions {
  return {
    codeName: (kind, code) => {
      try {
        return lookupCode(kind, code)?.name ?? null;
      } catch {
        // Without the code tables the form still prints the code; the name is then written by hand.
        return null;
      }
    },
    placeName: (code) => divisionName(code),
    ...extra,
  };
}

export interface ExportPackageOptions {
  template: RegionTemplate;
  draft: Draft;
  store: DraftStore;
  /** The folder the user chose; the export folder is created inside it. */
  outDir: string;
  pdf: boolean;
  /** One PDF of the filing (default), or one per document. */
  pdfMode?: PdfMode;
  /** soffice's path, when not found by itself. */
  soffice?: string;
  /** Defaults to core/workbooks' writer. */
  writeMemberWorkbook?: MemberWorkbookWriter;
  buildOptions?: BuildOptions;
}

export const noLibreOfficeMessage = '未找到 LibreOffice，无法生成 PDF；可在“导出与打印”中用打印功能另存为 PDF';

export async function exportPackage(options: ExportPackageOptions): Promise<ExportResult> {
  const { template, draft, store } = options;
  const buildOptions = coreBuildOptions(options.buildOptions);
  const writeWorkbook = options.writeMemberWorkbook ?? writeMemberWorkbook;
  // Asked before anything is written: a PDF that cannot be made should not leave a half-done export behind.
  const soffice = options.pdf ? findSoffice(options.soffice) : null;
  if (options.pdf && !soffice) {
    throw new UserError('export.noLibreOffice', noLibreOfficeMessage, `soffice not found (given: ${options.soffice ?? 'none'})`);
  }

  // The check reports this as an error; printing the first 20 of the marked members would silently drop some.
  const tooManyMain = tooManyMainMembers(template, draft);
  if (tooManyMain) {
    throw new UserError('export.tooManyMainMembers', `无法导出：${tooManyMain.message}。`, `main members ${tooManyMain.main} + lead > ${tooManyMain.max}`);
  }

  const outDir = resolve(options.outDir);
  const folderName = exportFolderName(draft.fields.consortiumName ?? '');
  const folder = join(outDir, folderName);
  // The name was made safe, but the folder must be inside the chosen one whatever the name held.
  const inside = relative(outDir, folder);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new UserError('export.folder', '导出文件夹名称无效。', `folder ${folder} escapes ${outDir}`);
  }
  ensureFolder(folder);

  const files: ExportedFile[] = [];
  const skipped: ExportResult['skipped'] = [];
  const docxBuffers = new Map<DocumentKind, { name: string; data: Buffer }>();
  const numbered = (index: number, title: string, extension: string) =>
    `${String(index + 1).padStart(2, '0')} ${safeFileName(title, '文件')}.${extension}`;

  // The filing is numbered 01, 02 … in package order; a report the region asks for later is written beside it,
  // unnumbered and named as such, so that nobody files it with the package.
  const later = new Set(template.package.laterReports);
  const nameOf = (kind: DocumentKind, index: number, extension: string) =>
    later.has(kind)
      ? `${safeFileName(documentTitle(template, kind), '文件')}（备案后报送）.${extension}`
      : numbered(index, documentTitle(template, kind), extension);
  const ordered = [...template.documents.filter((kind) => !later.has(kind)), ...template.documents.filter((kind) => later.has(kind))];
  // Each file is compressed and written while the next document is built: zlib and fsync run on the thread pool,
  // so on two cores they cost the export little more than the XML itself. The list keeps package order.
  const slots: Array<{ file: ExportedFile; data: Buffer } | undefined> = [];
  const writes: Promise<void>[] = [];
  let buildError: { error: unknown } | null = null;
  // A store opened for viewing only cannot change, so there is nothing a revision would protect. The revision is
  // taken once the first file is being compressed on the thread pool, and before any file is opened: storing it
  // then costs the export little, and it is there before anything is written.
  let revised = !!store.readOnly;
  const revise = (): void => {
    if (revised) return;
    revised = true;
    store.createRevision(draft.id, 'before-export', '导出前自动保存的版本', draft);
  };
  try {
    for (const [index, kind] of ordered.entries()) {
      if (kind === 'memberWorkbook') {
        const name = nameOf(kind, index, 'xlsx');
        writes.push(
          writeWorkbook(template, draft).then(async (data) => {
            await writeAtomic(join(folder, name), data);
            slots[index] = { file: { name, kind, format: 'xlsx', bytes: data.length }, data };
          }),
        );
        revise();
        continue;
      }
      const model = buildDocument(kind, template, draft, buildOptions);
      const name = nameOf(kind, index, 'docx');
      writes.push(
        writeDocx(model).then(async (data) => {
          await writeAtomic(join(folder, name), data);
          slots[index] = { file: { name, kind, format: 'docx', bytes: data.length }, data };
        }),
      );
      revise();
    }
  } catch (error) {
    buildError = { error };
  }
  // No document to build, or one that could not be built: the draft's revision is still left behind.
  if (!revised) {
    try {
      revise();
    } catch (error) {
      buildError ??= { error };
    }
  }
  // Every write settles before the first failure is reported, so none is still running when the caller hears of it.
  const failed = (await Promise.allSettled(writes)).find((outcome) => outcome.status === 'rejected');
  if (buildError) throw buildError.error;
  if (failed) throw failed.reason;
  for (const slot of slots) {
    if (!slot) continue;
    files.push(slot.file);
    if (slot.file.format === 'docx' && slot.file.kind !== 'package') docxBuffers.set(slot.file.kind, { name: slot.file.name, data: slot.data });
  }

  if (options.pdf && soffice) {
    try {
      files.push(...(await writePdfs({ ...options, buildOptions }, folder, soffice, docxBuffers)));
    } catch (error) {
      // The Word files are written and good: say what is missing rather than fail the whole export.
      if (!(error instanceof UserError) || error.code !== 'export.pdfFailed') throw error;
      skipped.push({ kind: 'package', reason: error.message });
    }
  }
  return { folder, files, skipped };
}

async function writePdfs(
  options: ExportPackageOptions,
  folder: string,
  soffice: string,
  docxBuffers: Map<DocumentKind, { name: string; data: Buffer }>,
): Promise<ExportedFile[]> {
  const work = mkdtempSync(join(tmpdir(), pdfWorkPrefix));
  try {
    const sources: { kind: DocumentKind | 'package'; file: string; pdfName: string }[] = [];
    if ((options.pdfMode ?? 'package') === 'package') {
      const file = join(work, 'package.docx');
      await writeAtomic(file, await writeDocx(buildPackage(options.template, options.draft, options.buildOptions)));
      sources.push({ kind: 'package', file, pdfName: packagePdfName(options.draft.fields.consortiumName ?? '') });
    } else {
      for (const [kind, { name, data }] of docxBuffers) {
        // LibreOffice names its output after its input; plain ASCII names keep odd characters out of its command line.
        const file = join(work, `${kind}.docx`);
        await writeAtomic(file, data);
        sources.push({ kind, file, pdfName: name.replace(/\.docx$/, '.pdf') });
      }
    }
    let pdfs: string[];
    try {
      pdfs = await convertToPdf(
        sources.map((source) => source.file),
        work,
        { soffice },
      );
    } catch (error) {
      throw new UserError(
        'export.pdfFailed',
        'LibreOffice 未能生成 PDF，Word 文件已导出；可在“导出与打印”中用打印功能另存为 PDF。',
        error instanceof Error ? error.message : String(error),
      );
    }
    const written: ExportedFile[] = [];
    for (const [index, source] of sources.entries()) {
      const data = readFileSync(pdfs[index]);
      await writeAtomic(join(folder, source.pdfName), data);
      written.push({ name: source.pdfName, kind: source.kind, format: 'pdf', bytes: data.length });
    }
    return written;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The export folder inside the chosen one. Made in two steps: Node's recursive mkdir retries for ever
 * where a parent exists but refuses children with ENOENT (/proc/1), so only the chosen folder is made
 * recursively and the last level on its own.
 */
function ensureFolder(folder: string): void {
  try {
    mkdirSync(dirname(folder), { recursive: true });
    mkdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(folder).isDirectory()) return;
    throw fileError(folder, error);
  }
}

/** Prefix of the temporary folders an export converts its PDFs in. */
const pdfWorkPrefix = 'lianheti-pdf-';
/** Folders an older CLI kept its throw-away store in. */
const oldCliWorkPrefix = 'lianheti-cli-export-';

/**
 * Removes temporary folders of exports that were killed before they could clean up (the process was
 * interrupted during a PDF conversion). Only old ones: another export may be using a young one.
 */
export function removeStaleWorkFolders(now = Date.now(), olderThanMs = 60 * 60_000, dir = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(pdfWorkPrefix) && !name.startsWith(oldCliWorkPrefix)) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs < olderThanMs) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

