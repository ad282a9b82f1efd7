import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../shared/errors';
import { findSoffice, LibreOfficeRunError, runHeadless } from '../documents/libreoffice';
import { docxLimits } from './docx-package';

/**
 * Old Word (.doc), WPS (.wps), RTF and OpenDocument files are turned into .docx by LibreOffice before they
 * are read: in a private temporary folder (the user's file is copied there and never touched), with a
 * private profile (so a LibreOffice the user has open is not disturbed) and a time limit.
 */

export interface ConvertDeps {
  /** soffice's path; found on the PATH and in the usual folders when not given. */
  soffice?: string | null;
  timeoutMs?: number;
}

export const convertTimeoutMs = 90_000;

export async function convertToDocx(bytes: Buffer, fileName: string, deps: ConvertDeps = {}): Promise<Buffer> {
  const soffice = deps.soffice === undefined ? findSoffice() : deps.soffice;
  if (!soffice) {
    throw new UserError(
      'docx.needsLibreOffice',
      `文件“${fileName}”是旧版 Word（.doc）或 WPS（.wps）格式，读取它需要安装 LibreOffice（免费软件），本机未找到。请安装 LibreOffice 后重试，或在 Word / WPS 中打开该文件，另存为“Word 文档（*.docx）”后再导入。`,
      'soffice not found',
    );
  }
  const work = mkdtempSync(join(tmpdir(), 'lianheti-docx-import-'));
  try {
    const profile = join(work, 'profile');
    const input = join(work, `source${extensionOf(bytes)}`);
    const outDir = join(work, 'out');
    writeFileSync(input, bytes);
    const timeoutMs = deps.timeoutMs ?? convertTimeoutMs;
    try {
      await runHeadless(soffice, { profileDir: profile, convertTo: 'docx:MS Word 2007 XML', outDir, files: [input], timeoutMs });
    } catch (error) {
      const timedOut = error instanceof LibreOfficeRunError && error.timedOut;
      throw new UserError(
        timedOut ? 'docx.convertTimeout' : 'docx.convertFailed',
        timedOut
          ? `LibreOffice 转换文件“${fileName}”超过 ${Math.round(timeoutMs / 1000)} 秒仍未完成，已停止。请在 Word / WPS 中把它另存为 .docx 后再导入。`
          : `LibreOffice 无法转换文件“${fileName}”，文件可能已损坏或不是 Word / WPS 文档。请在 Word / WPS 中打开并另存为 .docx 后再导入。`,
        error instanceof Error ? error.message : String(error),
      );
    }
    const produced = existsSync(outDir) ? readdirSync(outDir).filter((name) => name.endsWith('.docx')) : [];
    if (produced.length === 0) {
      throw new UserError(
        'docx.convertFailed',
        `LibreOffice 无法读取文件“${fileName}”，文件可能已损坏或不是 Word / WPS 文档。请在 Word / WPS 中打开并另存为 .docx 后再导入。`,
        `no .docx written for ${fileName}`,
      );
    }
    const output = join(outDir, produced[0]);
    if (statSync(output).size > docxLimits.maxFileBytes) {
      throw new UserError('docx.tooLarge', `文件“${fileName}”转换后过大，超过导入上限，未导入。`, `converted ${statSync(output).size} bytes`);
    }
    return readFileSync(output);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The name LibreOffice is given, by content rather than by the user's extension: WPS's .wps is a Word 97
 * compound file, which LibreOffice reads as .doc (by the name .wps it would try Microsoft Works).
 */
function extensionOf(bytes: Buffer): string {
  const head = bytes.subarray(0, 8).toString('latin1');
  if (head.startsWith('{\\rtf')) return '.rtf';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return '.odt';
  return '.doc';
}
