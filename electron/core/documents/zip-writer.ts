import * as zlib from 'node:zlib';
import { UserError } from '../../shared/errors';

/**
 * A minimal ZIP writer for the files we produce ourselves (.docx): every part deflated with Node's zlib, local
 * headers, central directory, no ZIP64 (our parts are far below 4 GiB) and no encryption. No package needed.
 */

/**
 * What a ZIP without ZIP64 can hold: the entry count is 16 bits and every size and offset 32 bits. Past these
 * the fields would wrap and Word would get a corrupt file, so the writer refuses instead.
 */
export const zipLimits = { maxEntries: 0xffff, maxBytes: 0xffffffff };

function tooLarge(detail: string): UserError {
  return new UserError('export.tooLarge', '文档过大，超出 Word 文件格式（ZIP）的上限（65 535 个部件或 4 GB），未能生成。请减少内容后重试。', detail);
}

export interface ZipEntry {
  /** Path inside the archive, forward slashes, e.g. "word/document.xml". */
  name: string;
  data: Buffer | string;
  /**
   * The part's text is the same in every file of its kind (relationships, settings, app properties): deflated once
   * per process and reused, as the app is one long process that exports many times.
   */
  constant?: boolean;
}

interface Packed {
  raw: Buffer;
  deflated: Buffer;
  crc: number;
}

/** Constant parts, deflated: a handful of short strings, so the map stays small. */
const constantParts = new Map<string, Packed>();

function packedConstant(entry: ZipEntry): Packed | undefined {
  if (!entry.constant || typeof entry.data !== 'string') return undefined;
  let packed = constantParts.get(entry.data);
  if (!packed) {
    const raw = Buffer.from(entry.data, 'utf8');
    packed = { raw, deflated: zlib.deflateRawSync(raw), crc: crc32(raw) };
    constantParts.set(entry.data, packed);
  }
  return packed;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE), by table, for a Node without zlib.crc32 (before 20.15). */
function crc32Table(data: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const nativeCrc32: ((data: Buffer) => number) | null = typeof zlib.crc32 === 'function' ? (data) => zlib.crc32(data) >>> 0 : null;

export function crc32(data: Buffer): number {
  return nativeCrc32 ? nativeCrc32(data) : crc32Table(data);
}

/** 1980-01-01 00:00 in MS-DOS format: the archive's bytes depend on its content only (the date is in docProps). */
const dosTime = 0;
const dosDate = (1 << 5) | 1;
/** Bit 11: names are UTF-8. */
const utf8Flag = 0x0800;

const rawBytes = (entry: ZipEntry): Buffer => (typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data);

function checkCount(entries: ZipEntry[], limits: typeof zipLimits): void {
  if (entries.length > limits.maxEntries) throw tooLarge(`zip of ${entries.length} entries; the limit without ZIP64 is ${limits.maxEntries}`);
}

export function writeZip(entries: ZipEntry[], limits: typeof zipLimits = zipLimits): Buffer {
  checkCount(entries, limits);
  const raws = entries.map(rawBytes);
  return assemble(entries, raws, raws.map((raw) => zlib.deflateRawSync(raw)), limits);
}

const deflateRaw = (data: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) => zlib.deflateRaw(data, (error, result) => (error ? reject(error) : resolve(result))));

/**
 * writeZip with the parts deflated on libuv's thread pool, all at once: the same bytes, but the event loop
 * (the main process's, during an export) is free while zlib works, and the caller can build its next
 * document on one core while this one is compressed on the other.
 */
export async function writeZipAsync(entries: ZipEntry[], limits: typeof zipLimits = zipLimits): Promise<Buffer> {
  checkCount(entries, limits);
  const constants = entries.map(packedConstant);
  const raws = entries.map((entry, index) => constants[index]?.raw ?? rawBytes(entry));
  // Small parts (relationships, settings, content types) deflate in microseconds, less than a trip to the pool.
  const deflated = await Promise.all(
    raws.map((raw, index) => constants[index]?.deflated ?? (raw.length < asyncFromBytes ? zlib.deflateRawSync(raw) : deflateRaw(raw))),
  );
  return assemble(entries, raws, deflated, limits, constants);
}

const asyncFromBytes = 8 * 1024;

function assemble(entries: ZipEntry[], raws: Buffer[], deflated: Buffer[], limits: typeof zipLimits, constants: Array<Packed | undefined> = []): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [index, entry] of entries.entries()) {
    const raw = raws[index];
    const compressed = deflated[index];
    const name = Buffer.from(entry.name, 'utf8');
    if (raw.length > limits.maxBytes || compressed.length > limits.maxBytes) {
      throw tooLarge(`zip entry ${entry.name} is ${raw.length} bytes (${compressed.length} deflated); the limit without ZIP64 is ${limits.maxBytes}`);
    }
    // Every local header's offset, and the central directory's, must fit 32 bits.
    if (offset > limits.maxBytes) throw tooLarge(`zip entry ${entry.name} would start at byte ${offset}; the limit without ZIP64 is ${limits.maxBytes}`);
    const crc = constants[index]?.crc ?? crc32(raw);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(utf8Flag, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(utf8Flag, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(dosTime, 12);
    header.writeUInt16LE(dosDate, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(compressed.length, 20);
    header.writeUInt32LE(raw.length, 24);
    header.writeUInt16LE(name.length, 28);
    // extra, comment, disk number, internal and external attributes: all 0
    header.writeUInt32LE(offset, 42);
    central.push(header, name);

    chunks.push(local, name, compressed);
    offset += local.length + name.length + compressed.length;
  }
  const centralSize = central.reduce((sum, chunk) => sum + chunk.length, 0);
  if (offset > limits.maxBytes || centralSize > limits.maxBytes) {
    throw tooLarge(`zip central directory at byte ${offset}, ${centralSize} bytes long; the limit without ZIP64 is ${limits.maxBytes}`);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}
