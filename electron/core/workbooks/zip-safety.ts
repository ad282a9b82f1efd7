import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { UserError } from '../../shared/errors';

/**
 * Checks a file that claims to be an .xlsx before any workbook library touches it. An .xlsx is a zip of
 * XML parts; a hostile or broken file can be a zip whose parts inflate to gigabytes, one with millions of
 * entries or rows, a password-protected (encrypted, OLE-wrapped) or legacy .xls file, or not a zip at
 * all. The zip's central directory is read here with plain Buffer reads, each local header must agree with
 * it, and a part is inflated with Node's zlib under a byte limit equal to its declared size (so a part that
 * lies about its size cannot inflate past it). The rows and cells are counted by the reader while it reads.
 */

export const workbookLimits = {
  /** Largest file accepted (a 10 000-row roster is well under 2 MB). */
  maxFileBytes: 30 * 1024 * 1024,
  /** Sum of the declared uncompressed sizes of all parts. */
  maxUncompressedBytes: 200 * 1024 * 1024,
  /** Largest compression ratio of one part; real sheets stay far below it. */
  maxRatio: 100,
  /** Parts smaller than this are too small to matter, whatever their ratio. */
  ratioCheckAboveBytes: 1024 * 1024,
  maxEntries: 10_000,
  /** Rows of all worksheets together (a limit per sheet would let a file of many sheets through). */
  maxRows: 100_000,
  /** Cells of all worksheets together: 100 000 rows of a dozen columns, and nothing wide beyond reason. */
  maxCells: 2_000_000,
  /** Merged ranges of all worksheets together; each is bounded by the cells present before it is used. */
  maxMerges: 100_000,
  /** Characters of one cell's text: Excel itself stops at 32 767. */
  maxCellChars: 32_767,
} as const;

export interface ZipEntry {
  name: string;
  /** The name's bytes as the central directory has them, to compare with the local header's. */
  rawName: Buffer;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const oleSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const zipLocalSignature = 0x04034b50;
const zipEmptySignature = 0x06054b50;
const centralSignature = 0x02014b50;
const endSignature = 0x06054b50;
const zip64LocatorSignature = 0x07064b50;
const zip64EndSignature = 0x06064b50;

function fail(code: string, message: string, detail: string): never {
  throw new UserError(code, message, detail);
}

/** Rejects what is not an .xlsx before looking inside: empty, too large, OLE (encrypted / .xls), not a zip. */
function checkSignature(bytes: Buffer, fileName: string): void {
  if (bytes.length === 0) {
    fail('workbook.empty', `文件“${fileName}”是空的（0 字节），没有可导入的内容。`, 'zero bytes');
  }
  if (bytes.length > workbookLimits.maxFileBytes) {
    fail(
      'workbook.tooLarge',
      `文件“${fileName}”过大（${mb(bytes.length)}），超过 ${mb(workbookLimits.maxFileBytes)} 的上限，未导入。`,
      `${bytes.length} bytes`,
    );
  }
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(oleSignature)) {
    // Office wraps an encrypted .xlsx in an OLE compound file with an "EncryptedPackage" stream; a legacy
    // .xls is the same container with a "Workbook" stream.
    if (bytes.includes(Buffer.from('EncryptedPackage', 'utf16le'))) {
      fail(
        'workbook.encrypted',
        `文件“${fileName}”设置了打开密码，无法读取。请在 Excel 或 WPS 中打开它，取消密码（文件 → 信息 → 保护工作簿，或 WPS 的“文档加密”）并保存后再导入。`,
        'OLE compound file with EncryptedPackage',
      );
    }
    fail(
      'workbook.legacyXls',
      `文件“${fileName}”是旧版 Excel 97-2003 格式（.xls）或设置了密码，无法直接读取。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入。`,
      'OLE compound file without EncryptedPackage',
    );
  }
  const head = bytes.length >= 4 ? bytes.readUInt32LE(0) : 0;
  if (head === zipEmptySignature) {
    fail('workbook.notWorkbook', `文件“${fileName}”是一个空的压缩包，不是 Excel 工作簿。`, 'empty zip');
  }
  if (head !== zipLocalSignature) {
    const text = bytes.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
    // eslint-disable-next-line no-control-regex -- a NUL byte is what tells binary from text
    const looksLikeText = text.startsWith('<') || /^[^\u0000]*$/.test(text);
    fail(
      'workbook.notZip',
      looksLikeText
        ? `文件“${fileName}”不是 Excel 工作簿（.xlsx），看起来是 CSV、文本或网页格式的表格。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再导入。`
        : `文件“${fileName}”不是 Excel 工作簿（.xlsx），可能是其他格式的文件或已损坏。`,
      `first bytes ${bytes.subarray(0, 8).toString('hex')}`,
    );
  }
}

/** Reads the central directory (with Zip64 where the sizes call for it). */
export function readCentralDirectory(bytes: Buffer, fileName: string): ZipEntry[] {
  const damaged = (detail: string): never =>
    fail('workbook.damaged', `文件“${fileName}”已损坏或不完整（压缩包结构有误），无法读取。`, detail);

  // The end record is in the last 22 + 65535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (bytes.readUInt32LE(i) === endSignature) {
      end = i;
      break;
    }
  }
  if (end < 0) damaged('no end of central directory record');

  let entryCount = bytes.readUInt16LE(end + 10);
  let directorySize = bytes.readUInt32LE(end + 12);
  let directoryOffset = bytes.readUInt32LE(end + 16);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== zip64LocatorSignature) damaged('zip64 locator missing');
    const zip64End = Number(bytes.readBigUInt64LE(locator + 8));
    if (zip64End + 56 > bytes.length || bytes.readUInt32LE(zip64End) !== zip64EndSignature) damaged('zip64 end missing');
    entryCount = Number(bytes.readBigUInt64LE(zip64End + 32));
    directorySize = Number(bytes.readBigUInt64LE(zip64End + 40));
    directoryOffset = Number(bytes.readBigUInt64LE(zip64End + 48));
  }
  if (entryCount > workbookLimits.maxEntries) {
    fail(
      'workbook.tooManyEntries',
      `文件“${fileName}”内部包含 ${entryCount} 个部件，远超正常工作簿，为安全起见未打开。`,
      `${entryCount} entries > ${workbookLimits.maxEntries}`,
    );
  }
  if (directoryOffset + directorySize > bytes.length) damaged('central directory outside the file');

  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== centralSignature) damaged(`bad central entry ${i}`);
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    let compressedSize = bytes.readUInt32LE(at + 20);
    let uncompressedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    let localHeaderOffset = bytes.readUInt32LE(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) damaged(`central entry ${i} runs past the file`);
    const rawName = bytes.subarray(at + 46, nameEnd);
    const name = rawName.toString('utf8');
    // Zip64: the real sizes are in extra field 0x0001, in this order, for each value marked 0xffffffff.
    let extra = nameEnd;
    while (extra + 4 <= nameEnd + extraLength) {
      const id = bytes.readUInt16LE(extra);
      const size = bytes.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        const next = (): number => {
          if (field + 8 > extra + 4 + size) damaged(`short zip64 field in ${name}`);
          const value = Number(bytes.readBigUInt64LE(field));
          field += 8;
          return value;
        };
        if (uncompressedSize === 0xffffffff) uncompressedSize = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      extra += 4 + size;
    }
    entries.push({ name, rawName, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/**
 * What the zip checks say about the file they guard: the error codes' prefix and the words of the
 * messages. The Excel import and the Word import share the checks and differ only in these.
 */
export interface ZipKind {
  /** Prefix of the UserError codes: `workbook.zipBomb`, `docx.damaged` … */
  code: string;
  /** As in 「远超正常工作簿」. */
  noun: string;
  /** The format to save as: 「.xlsx」. */
  format: string;
  /** The programs that can re-save it: 「Excel 或 WPS」. */
  apps: string;
  limits: { maxUncompressedBytes: number; maxRatio: number; ratioCheckAboveBytes: number };
}

export const workbookZipKind: ZipKind = { code: 'workbook', noun: '工作簿', format: '.xlsx', apps: 'Excel 或 WPS', limits: workbookLimits };

/** Refuses archives whose declared sizes are out of proportion, before anything is inflated. */
export function checkDeclaredSizes(entries: ZipEntry[], fileName: string, kind: ZipKind): void {
  const { limits } = kind;
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > limits.ratioCheckAboveBytes && ratio > limits.maxRatio) {
      fail(
        `${kind.code}.zipBomb`,
        `文件“${fileName}”中的部件解压后异常庞大（压缩比约 1:${Math.round(ratio)}），可能是恶意构造的文件，为安全起见未打开。`,
        `${entry.name}: ${entry.compressedSize} -> ${entry.uncompressedSize} bytes (ratio ${ratio.toFixed(0)})`,
      );
    }
    if (entry.flags & 0x1) {
      fail(
        `${kind.code}.encrypted`,
        `文件“${fileName}”的内容被加密，无法读取。请取消密码并另存为 ${kind.format} 后再导入。`,
        `${entry.name} is encrypted`,
      );
    }
    if (entry.method !== 0 && entry.method !== 8) {
      fail(
        `${kind.code}.damaged`,
        `文件“${fileName}”使用了不支持的压缩方式，无法读取。请在 ${kind.apps} 中另存为 ${kind.format} 后再导入。`,
        `${entry.name}: compression method ${entry.method}`,
      );
    }
  }
  if (total > limits.maxUncompressedBytes) {
    fail(
      `${kind.code}.zipBomb`,
      `文件“${fileName}”解压后将超过 ${mb(limits.maxUncompressedBytes)}（声明为 ${mb(total)}），远超正常${kind.noun}，为安全起见未打开。`,
      `declared uncompressed total ${total} bytes`,
    );
  }
}

/** The parts by name (without a leading '/'); two parts of one name are refused, not one silently dropped. */
export function partsByName(entries: ZipEntry[], fileName: string, kind: ZipKind): Map<string, ZipEntry> {
  const parts = new Map<string, ZipEntry>();
  for (const entry of entries) {
    const name = entry.name.replace(/^\//, '');
    if (parts.has(name)) {
      fail(
        `${kind.code}.damaged`,
        `文件“${fileName}”中有两个同名的部件（${name}），可能已损坏或是恶意构造的文件，为安全起见未打开。`,
        `duplicate entry ${name}`,
      );
    }
    parts.set(name, entry);
  }
  return parts;
}

/** What kind of zip it is, for a useful message when it is not a workbook. */
function checkIsWorkbook(entries: ZipEntry[], fileName: string): void {
  const names = new Set(entries.map((entry) => entry.name.replace(/^\//, '')));
  if (names.has('xl/workbook.xml')) return;
  let what = '一个压缩包';
  if (names.has('word/document.xml')) what = 'Word 文档';
  else if (names.has('ppt/presentation.xml')) what = 'PowerPoint 演示文稿';
  else if (names.has('content.xml') && names.has('mimetype')) what = 'OpenDocument 文件（如 .ods）';
  fail(
    'workbook.notWorkbook',
    `文件“${fileName}”不是 Excel 工作簿（.xlsx），而是${what}。请选择 .xlsx 格式的表格文件。`,
    `zip without xl/workbook.xml; ${entries.length} entries`,
  );
}

/** A part's compressed bytes, once its local header is proved to agree with the central directory. */
export function compressedData(bytes: Buffer, entry: ZipEntry, fileName: string, kind: ZipKind): Buffer {
  const damaged = (detail: string): never =>
    fail(`${kind.code}.damaged`, `文件“${fileName}”已损坏或不完整，无法读取。请在 ${kind.apps} 中打开并另存后再导入。`, detail);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== zipLocalSignature) damaged(`bad local header for ${entry.name}`);
  // The local header must name the same part as the central directory: a reader that goes by one name and
  // a check that goes by the other is how rows get past the limits.
  const nameLength = bytes.readUInt16LE(at + 26);
  if (at + 30 + nameLength > bytes.length || !bytes.subarray(at + 30, at + 30 + nameLength).equals(entry.rawName)) {
    fail(
      `${kind.code}.damaged`,
      `文件“${fileName}”的压缩包结构前后不一致（同一部件有两个不同的名称），可能已损坏或是恶意构造的文件，为安全起见未打开。`,
      `local header name "${bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8')}" != central name "${entry.name}"`,
    );
  }
  const start = at + 30 + nameLength + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) damaged(`${entry.name} runs past the end of the file`);
  return bytes.subarray(start, end);
}

/** One part inflated in one call, never past its declared size (a part that lies about it is refused). */
export function inflatePart(bytes: Buffer, entry: ZipEntry, fileName: string, kind: ZipKind): Buffer {
  const data = compressedData(bytes, entry, fileName, kind);
  const tooBig = (detail: string): never =>
    fail(
      `${kind.code}.zipBomb`,
      `文件“${fileName}”中的部件解压后大于其声明的大小，可能已损坏或是恶意构造的文件，为安全起见未打开。`,
      `${entry.name} inflates past its declared ${entry.uncompressedSize} bytes${detail}`,
    );
  if (entry.method === 0) {
    if (data.length > entry.uncompressedSize) tooBig('');
    return data;
  }
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) tooBig(`: ${message}`);
    throw new UserError(`${kind.code}.damaged`, `文件“${fileName}”已损坏，无法解压。`, `${entry.name}: ${message}`);
  }
}

/**
 * Inflates one part, handing each chunk to `onChunk` (which may return false to stop early), and fails as
 * soon as the output passes the declared size. Returns false when stopped early.
 */
/** Parts up to this size are inflated in one call and handed on in slices; larger ones are streamed. */
const syncInflateBytes = 32 * 1024 * 1024;
const syncChunkBytes = 1024 * 1024;

function inflateEntry(
  bytes: Buffer,
  entry: ZipEntry,
  fileName: string,
  onChunk: (chunk: Buffer) => boolean,
): Promise<boolean> {
  if (entry.method === 0 || entry.uncompressedSize <= syncInflateBytes) {
    // In one call: a stream's round trips through the thread pool cost more than inflating does.
    const whole = inflatePart(bytes, entry, fileName, workbookZipKind);
    for (let at = 0; at < whole.length; at += syncChunkBytes) {
      if (!onChunk(whole.subarray(at, at + syncChunkBytes))) return Promise.resolve(false);
    }
    return Promise.resolve(true);
  }
  const data = compressedData(bytes, entry, fileName, workbookZipKind);
  const tooBig = (): never =>
    fail(
      'workbook.zipBomb',
      `文件“${fileName}”中的部件解压后大于其声明的大小，可能已损坏或是恶意构造的文件，为安全起见未打开。`,
      `${entry.name} inflates past its declared ${entry.uncompressedSize} bytes`,
    );
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let produced = 0;
    let settled = false;
    const finish = (error: unknown, completed: boolean) => {
      if (settled) return;
      settled = true;
      inflate.destroy();
      if (error) reject(error);
      else resolve(completed);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (settled) return;
      produced += chunk.length;
      try {
        if (produced > entry.uncompressedSize) tooBig();
        if (!onChunk(chunk)) finish(null, false);
      } catch (error) {
        finish(error, false);
      }
    });
    inflate.on('error', (error) =>
      finish(
        new UserError('workbook.damaged', `文件“${fileName}”已损坏，无法解压。`, `${entry.name}: ${error.message}`),
        false,
      ),
    );
    inflate.on('end', () => finish(null, true));
    inflate.end(data);
  });
}

/** A checked .xlsx archive: its parts by name, each inflated on demand under its declared size. */
export interface WorkbookZip {
  fileName: string;
  /** Part names without a leading '/'. */
  parts: Map<string, ZipEntry>;
  inflate(entry: ZipEntry, onChunk: (chunk: Buffer) => boolean): Promise<boolean>;
}

/**
 * Everything that can be checked before reading a part, in the order that lets a hostile file do the least:
 * signature, central directory, declared sizes, one name per part, kind of zip. Throws a UserError with a
 * Chinese message on any problem.
 */
export function openWorkbookZip(bytes: Buffer, fileName: string): WorkbookZip {
  checkSignature(bytes, fileName);
  const entries = readCentralDirectory(bytes, fileName);
  checkDeclaredSizes(entries, fileName, workbookZipKind);
  checkIsWorkbook(entries, fileName);
  const parts = partsByName(entries, fileName, workbookZipKind);
  return { fileName, parts, inflate: (entry, onChunk) => inflateEntry(bytes, entry, fileName, onChunk) };
}

