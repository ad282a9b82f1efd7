import { createInflateRaw } from 'node:zlib';
import { UserError } from '../../shared/errors';

/**
 * Checks a file that claims to be an .xlsx before any workbook library touches it. An .xlsx is a zip of
 * XML parts; a hostile or broken file can be a zip whose parts inflate to gigabytes, one with millions of
 * entries or rows, a password-protected (encrypted, OLE-wrapped) or legacy .xls file, or not a zip at
 * all. The zip's central directory is read here with plain Buffer reads, every part is inflated once with
 * Node's zlib under a byte limit equal to its declared size (so a part that lies about its size cannot
 * inflate past it), and the rows of every worksheet are counted while inflating, stopping at the limit.
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
  /** Rows of any one worksheet. */
  maxRows: 100_000,
  /** Cells of any one worksheet: 100 000 rows of a dozen columns, and no sheet that is wide beyond reason. */
  maxCells: 2_000_000,
} as const;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface SheetRowCount {
  /** The sheet's name as shown on its tab ('' when the part is not listed in workbook.xml). */
  name: string;
  path: string;
  rows: number;
}

export interface WorkbookInspection {
  entries: ZipEntry[];
  sheets: SheetRowCount[];
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
    const name = bytes.subarray(at + 46, nameEnd).toString('utf8');
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
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** Refuses archives whose declared sizes are out of proportion, before anything is inflated. */
function checkDeclaredSizes(entries: ZipEntry[], fileName: string): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > workbookLimits.ratioCheckAboveBytes && ratio > workbookLimits.maxRatio) {
      fail(
        'workbook.zipBomb',
        `文件“${fileName}”中的部件解压后异常庞大（压缩比约 1:${Math.round(ratio)}），可能是恶意构造的文件，为安全起见未打开。`,
        `${entry.name}: ${entry.compressedSize} -> ${entry.uncompressedSize} bytes (ratio ${ratio.toFixed(0)})`,
      );
    }
    if (entry.flags & 0x1) {
      fail(
        'workbook.encrypted',
        `文件“${fileName}”的内容被加密，无法读取。请取消密码并另存为 .xlsx 后再导入。`,
        `${entry.name} is encrypted`,
      );
    }
    if (entry.method !== 0 && entry.method !== 8) {
      fail(
        'workbook.damaged',
        `文件“${fileName}”使用了不支持的压缩方式，无法读取。请在 Excel 或 WPS 中另存为 .xlsx 后再导入。`,
        `${entry.name}: compression method ${entry.method}`,
      );
    }
  }
  if (total > workbookLimits.maxUncompressedBytes) {
    fail(
      'workbook.zipBomb',
      `文件“${fileName}”解压后将超过 ${mb(workbookLimits.maxUncompressedBytes)}（声明为 ${mb(total)}），远超正常工作簿，为安全起见未打开。`,
      `declared uncompressed total ${total} bytes`,
    );
  }
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

function compressedData(bytes: Buffer, entry: ZipEntry, fileName: string): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== zipLocalSignature) {
    fail('workbook.damaged', `文件“${fileName}”已损坏或不完整，无法读取。`, `bad local header for ${entry.name}`);
  }
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) {
    fail('workbook.damaged', `文件“${fileName}”已损坏或不完整，无法读取。`, `${entry.name} runs past the end of the file`);
  }
  return bytes.subarray(start, end);
}

/**
 * Inflates one part, handing each chunk to `onChunk` (which may return false to stop early), and fails as
 * soon as the output passes the declared size. Returns false when stopped early.
 */
function inflateEntry(
  bytes: Buffer,
  entry: ZipEntry,
  fileName: string,
  onChunk: (chunk: Buffer) => boolean,
): Promise<boolean> {
  const data = compressedData(bytes, entry, fileName);
  const tooBig = (): never =>
    fail(
      'workbook.zipBomb',
      `文件“${fileName}”中的部件解压后大于其声明的大小，可能已损坏或是恶意构造的文件，为安全起见未打开。`,
      `${entry.name} inflates past its declared ${entry.uncompressedSize} bytes`,
    );
  if (entry.method === 0) {
    if (data.length > entry.uncompressedSize) tooBig();
    return Promise.resolve(onChunk(data));
  }
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

async function inflateSmall(bytes: Buffer, entry: ZipEntry, fileName: string): Promise<string> {
  const chunks: Buffer[] = [];
  await inflateEntry(bytes, entry, fileName, (chunk) => (chunks.push(chunk), true));
  return Buffer.concat(chunks).toString('utf8');
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: RegExp): string | undefined {
  const match = new RegExp(`\\s${name.source}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return match ? unescapeXml(match[2] ?? match[3] ?? '') : undefined;
}

/** Sheet part path → tab name, from workbook.xml and its relationships. */
async function sheetNames(bytes: Buffer, byName: Map<string, ZipEntry>, fileName: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const workbook = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) return names;
  const targets = new Map<string, string>();
  for (const tag of (await inflateSmall(bytes, rels, fileName)).match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, /Id/);
    const target = attribute(tag, /Target/);
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
  }
  for (const tag of (await inflateSmall(bytes, workbook, fileName)).match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    const name = attribute(tag, /name/);
    const id = attribute(tag, /(?:\w+:)?id/);
    const target = id ? targets.get(id) : undefined;
    if (name !== undefined && target) names.set(target, name);
  }
  return names;
}

/** Counts <row> and <c> (cell) elements in a stream of XML chunks; a tag split across two chunks counts once. */
export class RowCounter {
  count = 0;
  cells = 0;
  private carry = '';
  private static readonly pattern = /<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s>/]/g;

  push(chunk: Buffer): void {
    // Tags are ASCII, so latin1 is exact for them and much faster than UTF-8.
    const text = this.carry + chunk.toString('latin1');
    const lastOpen = text.lastIndexOf('<');
    // Keep an unfinished tag for the next chunk; a complete one before it has no '<' inside.
    const cut = lastOpen >= 0 && text.length - lastOpen < 64 ? lastOpen : text.length;
    this.scan(text.slice(0, cut));
    this.carry = text.slice(cut);
  }

  finish(): number {
    this.scan(`${this.carry} `);
    this.carry = '';
    return this.count;
  }

  private scan(text: string): void {
    RowCounter.pattern.lastIndex = 0;
    for (let match = RowCounter.pattern.exec(text); match !== null; match = RowCounter.pattern.exec(text)) {
      if (match[1] === 'row') this.count++;
      else this.cells++;
    }
  }
}

/**
 * Everything this module checks, in the order that lets a hostile file do the least: signature, central
 * directory, declared sizes, kind of zip, then each part inflated under its declared size, counting the
 * rows of worksheets and stopping at the limit. Throws a UserError with a Chinese message on any problem.
 */
export async function inspectWorkbook(bytes: Buffer, fileName: string): Promise<WorkbookInspection> {
  checkSignature(bytes, fileName);
  const entries = readCentralDirectory(bytes, fileName);
  checkDeclaredSizes(entries, fileName);
  checkIsWorkbook(entries, fileName);

  const byName = new Map(entries.map((entry) => [entry.name.replace(/^\//, ''), entry]));
  const names = await sheetNames(bytes, byName, fileName);
  const sheets: SheetRowCount[] = [];
  for (const entry of entries) {
    const path = entry.name.replace(/^\//, '');
    if (entry.name.endsWith('/')) continue;
    const isSheet = names.has(path) || /^xl\/worksheets\/[^/]+\.xml$/i.test(path);
    if (!isSheet) {
      await inflateEntry(bytes, entry, fileName, () => true);
      continue;
    }
    const counter = new RowCounter();
    const name = names.get(path) ?? '';
    const completed = await inflateEntry(bytes, entry, fileName, (chunk) => {
      counter.push(chunk);
      return counter.count <= workbookLimits.maxRows && counter.cells <= workbookLimits.maxCells;
    });
    const rows = completed ? counter.finish() : counter.count;
    if (counter.cells > workbookLimits.maxCells) {
      fail(
        'workbook.tooManyCells',
        `文件“${fileName}”的工作表${name ? `“${name}”` : ''}中的单元格超过 ${workbookLimits.maxCells.toLocaleString('en-US')} 个，远超正常名单，未导入。请删除多余的行列后再导入。`,
        `${path}: more than ${workbookLimits.maxCells} cells`,
      );
    }
    if (rows > workbookLimits.maxRows) {
      fail(
        'workbook.tooManyRows',
        `文件“${fileName}”的工作表${name ? `“${name}”` : ''}超过 ${workbookLimits.maxRows.toLocaleString('en-US')} 行，超出导入上限。请删除多余的行或拆分成几个文件后再导入。`,
        `${path}: more than ${workbookLimits.maxRows} rows`,
      );
    }
    sheets.push({ name, path, rows });
  }
  return { entries, sheets };
}
