import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../electron/core/documents/zip-writer';
import { readDocxForImport, readWordDocumentInWorker } from '../../../electron/core/docx-import';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { UserError } from '../../../electron/shared/errors';

/**
 * Broken and hostile files are refused with a Chinese message naming the file, quickly, by the worker
 * that reads them; nothing of them reaches a draft, and the bytes handed in are left as they were.
 */

const templates = loadRegionTemplates();
const w = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

interface Part {
  name: string;
  data: Buffer | string;
  /** The uncompressed size written in the zip's headers, when it should lie. */
  declaredSize?: number;
  /** The name the local header gives, when it should disagree with the central directory's. */
  localName?: string;
}

/** A zip written by hand, so that its headers can say what a hostile file's say. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, 'utf8');
    const compressed = deflateRawSync(data);
    const name = Buffer.from(part.name, 'utf8');
    const localName = Buffer.from(part.localName ?? part.name, 'utf8');
    const size = part.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(localName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, localName, compressed);
    centrals.push(central, name);
    offset += 30 + localName.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const rels =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const contentTypes =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>';

function docx(documentXml: string | Buffer, declaredSize?: number): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rels },
    { name: 'word/document.xml', data: documentXml, declaredSize },
  ]);
}

const body = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${w}"><w:body>${inner}</w:body></w:document>`;
/** A table; with `text`, cells hold numbers that do not repeat, so the part does not compress like a bomb. */
const rows = (count: number, cells = 1, text = false) =>
  `<w:tbl>${Array.from(
    { length: count },
    (_, r) => `<w:tr>${Array.from({ length: cells }, (_, c) => (text ? `<w:tc><w:p><w:r><w:t>${((r * 7919 + c * 104729) % 999983).toString(36)}</w:t></w:r></w:p></w:tc>` : '<w:tc><w:p/></w:tc>')).join('')}</w:tr>`,
  ).join('')}</w:tbl>`;

const oleHeader = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const corpus: Array<{ name: string; bytes: () => Buffer; code: string; soffice?: null }> = [
  { name: 'empty.docx', bytes: () => Buffer.alloc(0), code: 'docx.empty' },
  { name: 'random.docx', bytes: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), code: 'docx.notWord' },
  { name: 'page.docx', bytes: () => Buffer.from('<html><body><table><tr><td>联合体名称</td></tr></table></body></html>'), code: 'docx.notWord' },
  { name: 'book.docx', bytes: () => zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]), code: 'docx.notWord' },
  { name: 'truncated.docx', bytes: () => docx(body('<w:p><w:r><w:t>新疆维吾尔自治区创新联合体组建申请表</w:t></w:r></w:p>')).subarray(0, 300), code: 'docx.damaged' },
  {
    name: 'locked.docx',
    bytes: () => Buffer.concat([oleHeader, Buffer.alloc(504), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(1024)]),
    code: 'docx.encrypted',
  },
  { name: 'old.doc', bytes: () => Buffer.concat([oleHeader, Buffer.alloc(4096)]), code: 'docx.needsLibreOffice', soffice: null },
  { name: 'bomb.docx', bytes: () => docx(Buffer.alloc(80 * 1024 * 1024, 0x20)), code: 'docx.zipBomb' },
  { name: 'liar.docx', bytes: () => docx(body(`<w:p><w:r><w:t>${'联'.repeat(2_000_000)}</w:t></w:r></w:p>`), 1000), code: 'docx.zipBomb' },
  { name: 'broken-xml.docx', bytes: () => docx(body('<w:p><w:r><w:t>联合体名称</w:t></w:r>')), code: 'docx.badXml' },
  {
    name: 'laughs.docx',
    bytes: () =>
      docx(
        `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="${w}"><w:body><w:p><w:r><w:t>&c;&c;&c;</w:t></w:r></w:p></w:body></w:document>`,
      ),
    code: 'docx.badXml',
  },
  {
    name: 'external.docx',
    bytes: () => docx(`<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="${w}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`),
    code: 'docx.badXml',
  },
  { name: 'undefined-entity.docx', bytes: () => docx(body('<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>')), code: 'docx.badXml' },
  { name: 'deep.docx', bytes: () => docx(body(`${'<w:sdt>'.repeat(5000)}${'</w:sdt>'.repeat(5000)}`)), code: 'docx.badXml' },
  { name: 'long-table.docx', bytes: () => docx(body(rows(12_000))), code: 'docx.hugeTable' },
  { name: 'wide-table.docx', bytes: () => docx(body(rows(5_000, 70, true))), code: 'docx.hugeTable' },
  {
    // A reader going by the local name and a check going by the central one would see two different files.
    name: 'two-names.docx',
    bytes: () =>
      zip([
        { name: '[Content_Types].xml', data: contentTypes },
        { name: '_rels/.rels', data: rels },
        { name: 'word/document.xml', localName: 'word/documenx.xml', data: body('<w:p><w:r><w:t>联合体名称</w:t></w:r></w:p>') },
      ]),
    code: 'docx.damaged',
  },
  {
    name: 'twice.docx',
    bytes: () =>
      zip([
        { name: '[Content_Types].xml', data: contentTypes },
        { name: '_rels/.rels', data: rels },
        { name: 'word/document.xml', data: body('<w:p><w:r><w:t>联合体名称</w:t></w:r></w:p>') },
        { name: 'word/document.xml', data: body('<w:p><w:r><w:t>另一个</w:t></w:r></w:p>') },
      ]),
    code: 'docx.damaged',
  },
  { name: 'letter.docx', bytes: () => docx(body('<w:p><w:r><w:t>尊敬的领导：您好！</w:t></w:r></w:p>')), code: 'docx.regionUnknown' },
];

async function refusal(name: string, bytes: Buffer, soffice?: null): Promise<UserError> {
  try {
    await readDocxForImport(bytes, name, templates, soffice === null ? { soffice: null } : {});
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`${name} was imported`);
}

describe('hostile and broken Word files are refused clearly', () => {
  it.each(corpus)('$name → $code', async ({ name, bytes, code, soffice }) => {
    const input = bytes();
    const before = Buffer.from(input);
    const started = Date.now();
    const error = await refusal(name, input, soffice);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(error.message).toContain(name);
    expect(error.detail ?? '').not.toBe('');
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(input.equals(before)).toBe(true);
  });

  it('a form without any of the region\'s labels is refused when the region is given', async () => {
    const bytes = docx(body('<w:p><w:r><w:t>新疆维吾尔自治区创新联合体组建申请表</w:t></w:r></w:p><w:p><w:r><w:t>（空白）</w:t></w:r></w:p>'));
    await expect(readDocxForImport(bytes, 'blank.docx', templates, { regionId: 'xinjiang' })).rejects.toMatchObject({ code: 'docx.nothingFound' });
  });

  it('the reading stops at its time limit', async () => {
    const bytes = docx(body(rows(9_000, 30)));
    await expect(readWordDocumentInWorker(bytes, 'slow.docx', 5)).rejects.toMatchObject({ code: 'docx.timeout' });
  });
});
