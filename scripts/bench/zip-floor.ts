import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The physical floor of an export: the same bytes the .docx/.xlsx files hold (every part of each ZIP,
 * uncompressed), deflated with Node's zlib and written to disk — what any exporter must at least do.
 * The ZIP reader is the minimum for files we wrote ourselves (no ZIP64, no encryption).
 */

export interface ZipPart {
  name: string;
  data: Buffer;
}

const endOfCentralDirectory = 0x06054b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;

/** Every part of a ZIP file, inflated. */
export function readZipParts(zip: Buffer): ZipPart[] {
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 65_535); at--) {
    if (zip.readUInt32LE(at) === endOfCentralDirectory) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('not a ZIP file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== centralHeader) throw new Error(`bad central directory entry ${i}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (zip.readUInt32LE(localOffset) !== localHeader) throw new Error(`bad local header of ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    if (method !== 0 && method !== 8) throw new Error(`${name}: compression method ${method}`);
    parts.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

/**
 * Deflates every part (zlib's default level 6, as exporters use) and writes the result to `file` with
 * one fsync, as the exporter makes each file durable before renaming it. Returns the bytes written.
 */
export function deflateAndWrite(parts: ZipPart[], file: string): number {
  const chunks = parts.map((part) => deflateRawSync(part.data));
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (const chunk of chunks) written += writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return written;
}
