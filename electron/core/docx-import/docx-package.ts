import { UserError } from '../../shared/errors';
import { checkDeclaredSizes, inflatePart, partsByName, readCentralDirectory, type ZipEntry, type ZipKind } from '../workbooks/zip-safety';

/**
 * Opening a file that claims to be a Word document, before any of its XML is read: what kind of file it
 * is (a .docx zip, an old .doc/.wps compound file that LibreOffice can convert, an encrypted document,
 * something else), then the zip's directory (read by the workbook import's checks), its declared sizes,
 * and each needed part inflated with a hard output limit, so a part that lies about its size cannot grow.
 */

export const docxLimits = {
  /** Largest file accepted; a filled form with pictures is a few MB. */
  maxFileBytes: 30 * 1024 * 1024,
  /** Sum of the declared uncompressed sizes of all parts. */
  maxUncompressedBytes: 200 * 1024 * 1024,
  /** The main document part: hundreds of pages of forms stay below a tenth of it. */
  maxDocumentBytes: 64 * 1024 * 1024,
  maxRatio: 100,
  ratioCheckAboveBytes: 1024 * 1024,
  maxElements: 3_000_000,
  maxDepth: 200,
  /** Rows of any one table, and cells of the whole document. */
  maxTableRows: 10_000,
  maxCells: 300_000,
} as const;

const docxZipKind: ZipKind = { code: 'docx', noun: ' Word 文档', format: '.docx', apps: 'Word 或 WPS', limits: docxLimits };

export type FileKind = 'docx' | 'convertible' | 'encrypted' | 'empty' | 'unknown';

const oleSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function fail(code: string, message: string, detail: string): never {
  throw new UserError(code, message, detail);
}

/** What a file is by its first bytes: the extension a user gives is often wrong (.doc saved as .docx). */
export function sniffFileKind(bytes: Buffer): FileKind {
  if (bytes.length === 0) return 'empty';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(oleSignature)) {
    // Office wraps an encrypted .docx in a compound file with an "EncryptedPackage" stream; .doc and
    // WPS's .wps are the same container with a "WordDocument" stream, which LibreOffice reads.
    return bytes.includes(Buffer.from('EncryptedPackage', 'utf16le')) ? 'encrypted' : 'convertible';
  }
  const head = bytes.subarray(0, 16).toString('latin1');
  if (head.startsWith('{\\rtf')) return 'convertible';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    // An OpenDocument text (.odt) starts with its uncompressed mimetype entry.
    if (bytes.subarray(30, 100).toString('latin1').includes('application/vnd.oasis.opendocument.text')) return 'convertible';
    // Whether the zip holds a Word body is known only from its directory (see openDocxPackage).
    return 'docx';
  }
  return 'unknown';
}

/** Refuses what cannot be a Word document, with the Chinese reason; `convertible` files are handled by the caller. */
export function refuseUnreadable(kind: FileKind, bytes: Buffer, fileName: string): void {
  if (bytes.length > docxLimits.maxFileBytes) {
    fail(
      'docx.tooLarge',
      `文件“${fileName}”过大（${mb(bytes.length)}），超过 ${mb(docxLimits.maxFileBytes)} 的上限，未导入。`,
      `${bytes.length} bytes`,
    );
  }
  switch (kind) {
    case 'empty':
      return fail('docx.empty', `文件“${fileName}”是空的（0 字节），没有可导入的内容。`, 'zero bytes');
    case 'encrypted':
      return fail(
        'docx.encrypted',
        `文件“${fileName}”设置了打开密码，无法读取。请在 Word 或 WPS 中打开它，取消密码（文件 → 信息 → 保护文档，或 WPS 的“文档加密”）并保存后再导入。`,
        'OLE compound file with EncryptedPackage',
      );
    case 'unknown': {
      const text = bytes.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
      const html = text.startsWith('<');
      return fail(
        'docx.notWord',
        html
          ? `文件“${fileName}”是网页或 XML 格式，不是 Word 文档。请在 Word 或 WPS 中打开，另存为“Word 文档（*.docx）”后再导入。`
          : `文件“${fileName}”不是 Word 文档（.docx、.doc 或 .wps），可能是其他格式的文件或已损坏。`,
        `first bytes ${bytes.subarray(0, 8).toString('hex')}`,
      );
    }
    default:
      return;
  }
}

/** The workbook checks speak of 工作簿; the same findings about a Word file are worded for it here. */
function rewordZipError(error: unknown, fileName: string): never {
  if (error instanceof UserError) {
    if (error.code === 'workbook.tooManyEntries') {
      fail('docx.tooManyEntries', `文件“${fileName}”内部包含的部件远超正常 Word 文档，为安全起见未打开。`, error.detail ?? '');
    }
    fail('docx.damaged', `文件“${fileName}”已损坏或不完整（压缩包结构有误），无法读取。请在 Word 或 WPS 中打开并另存后再导入。`, error.detail ?? error.message);
  }
  throw error;
}

export interface DocxPackage {
  entries: Map<string, ZipEntry>;
  read(name: string, maxBytes: number): string | null;
}

/** Checks the zip and returns a reader for its parts (each inflated at most once to its declared size). */
export function openDocxPackage(bytes: Buffer, fileName: string): DocxPackage {
  let list: ZipEntry[];
  try {
    list = readCentralDirectory(bytes, fileName);
  } catch (error) {
    rewordZipError(error, fileName);
  }
  checkDeclaredSizes(list, fileName, docxZipKind);
  const entries = partsByName(list, fileName, docxZipKind);
  if (![...entries.keys()].some((name) => name.startsWith('word/'))) {
    fail(
      'docx.notWord',
      `文件“${fileName}”不是 Word 文档（可能是 Excel 工作簿、压缩包或其他文件）。请选择申请表的 .docx、.doc 或 .wps 文件。`,
      `zip without word/ parts; ${entries.size} entries`,
    );
  }
  return {
    entries,
    read(name, maxBytes) {
      const entry = entries.get(name);
      if (!entry) return null;
      if (entry.uncompressedSize > maxBytes) {
        fail(
          'docx.tooLarge',
          `文件“${fileName}”的正文部分过大（${mb(entry.uncompressedSize)}），超过 ${mb(maxBytes)} 的上限，未导入。`,
          `${name}: ${entry.uncompressedSize} bytes declared`,
        );
      }
      return inflatePart(bytes, entry, fileName, docxZipKind).toString('utf8');
    },
  };
}
