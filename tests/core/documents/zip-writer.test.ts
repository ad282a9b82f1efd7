import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeZip, writeZipAsync, zipLimits, type ZipEntry } from '../../../electron/core/documents/zip-writer';
import { UserError } from '../../../electron/shared/errors';
import { readZipEntry } from './zip';

/** The error writeZip throws for these entries. */
function refusal(entries: ZipEntry[], limits = zipLimits): UserError {
  try {
    writeZip(entries, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected writeZip to refuse');
}

describe('the ZIP writer refuses what a ZIP without ZIP64 cannot hold', () => {
  it('refuses more entries than the 16-bit count holds, with a Chinese message, before compressing anything', () => {
    const entries = Array.from({ length: 0x10000 }, (_, i) => ({ name: `p/${i}.xml`, data: '' }));
    const started = performance.now();
    const error = refusal(entries);
    expect(performance.now() - started).toBeLessThan(500);
    expect(error.code).toBe('export.tooLarge');
    expect(error.message).toMatch(/^文档过大.*65 535 个部件或 4 GB/);
    expect(error.detail).toContain('65536 entries');
    // At the limit (shown with a small one, as 65 535 real entries take seconds) the archive is whole.
    const three = writeZip(entries.slice(0, 3), { maxEntries: 3, maxBytes: zipLimits.maxBytes });
    expect(three.readUInt16LE(three.length - 22 + 10)).toBe(3);
    expect(readZipEntry(three, 'p/2.xml')).toBe('');
    expect(refusal(entries.slice(0, 4), { maxEntries: 3, maxBytes: zipLimits.maxBytes }).detail).toContain('4 entries');
  });

  it('refuses an entry, or an archive, past the 32-bit size limit (shown with a small limit)', () => {
    // Random bytes do not deflate, so sizes are known.
    const limits = { maxEntries: 0xffff, maxBytes: 4096 };
    expect(refusal([{ name: 'big.bin', data: randomBytes(5000) }], limits).detail).toContain('big.bin is 5000 bytes');
    // Each entry fits, but the third would start past the limit.
    const parts = [1, 2, 3, 4].map((n) => ({ name: `part${n}.bin`, data: randomBytes(1500) }));
    expect(refusal(parts, limits).detail).toContain('part4.bin would start at byte');
    // Within the limit, the same writer produces a readable archive.
    const fits = writeZip(parts.slice(0, 2), limits);
    expect(fits.length).toBeLessThan(4096);
    expect(readZipEntry(fits, 'part2.bin')).toBe(parts[1].data.toString('utf8'));
    // The central directory itself must start within the limit too.
    expect(refusal(parts.slice(0, 3), limits).detail).toMatch(/central directory at byte \d+/);
  });

  it('uses the format’s real limits by default', () => {
    expect(zipLimits).toEqual({ maxEntries: 65_535, maxBytes: 4 * 1024 ** 3 - 1 });
  });
});

describe('parts the same in every file', () => {
  it('are written as they would be deflated afresh, in every file, next to parts that change', async () => {
    const settings = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings><w:evenAndOddHeaders/></w:settings>';
    const files = await Promise.all(
      ['一', '二', '三'].map((text) =>
        writeZipAsync([
          { name: 'word/document.xml', data: `<w:t>${text.repeat(5000)}</w:t>` },
          { name: 'word/settings.xml', data: settings, constant: true },
        ]),
      ),
    );
    for (const [index, text] of ['一', '二', '三'].entries()) {
      const fresh = writeZip([
        { name: 'word/document.xml', data: `<w:t>${text.repeat(5000)}</w:t>` },
        { name: 'word/settings.xml', data: settings },
      ]);
      expect(files[index].equals(fresh)).toBe(true);
      expect(readZipEntry(files[index], 'word/settings.xml')).toBe(settings);
      expect(readZipEntry(files[index], 'word/document.xml')).toBe(`<w:t>${text.repeat(5000)}</w:t>`);
    }
  });
});
