import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { getRegionTemplate } from '../../../electron/core/regions/templates';
import { readCollectionWorkbook, readWorkbookForImport, workbookLimits } from '../../../electron/core/workbooks';
import { XmlTokenizer } from '../../../electron/core/xml/xml-tokenizer';
import { UserError } from '../../../electron/shared/errors';
import { buildZip, minimalWorkbookParts } from './fixtures';

/**
 * Files that are not what they claim, or are built to hurt: each gets a clear Chinese message and a code,
 * and none gets as far as exceljs.
 */

const xinjiang = getRegionTemplate('xinjiang');

async function importError(bytes: Buffer, fileName = 'bad.xlsx'): Promise<UserError> {
  try {
    await readWorkbookForImport(bytes, fileName, xinjiang, 'members', []);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

const text = (s: string) => Buffer.from(s, 'utf8');

/** A worksheet with `rows` rows, written as XML directly (exceljs would take far longer to make it). */
function sheetXml(rows: number): Buffer {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  parts.push('<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>年龄</t></is></c></row>');
  for (let r = 2; r <= rows; r++) {
    parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>人员${(r * 7919) % 100003}</t></is></c><c r="B${r}"><v>${20 + (r % 45)}</v></c></row>`);
  }
  parts.push('</sheetData></worksheet>');
  return text(parts.join(''));
}

describe('hostile and broken files are refused with a clear message', () => {
  it('an empty file', async () => {
    const error = await importError(Buffer.alloc(0), '空文件.xlsx');
    expect(error.code).toBe('workbook.empty');
    expect(error.message).toContain('空文件.xlsx');
  });

  it('a CSV or text file saved with an .xlsx name', async () => {
    const error = await importError(text('成员单位名称,统一社会信用代码\n甲公司,91650100000000022X\n'));
    expect(error.code).toBe('workbook.notZip');
    expect(error.message).toContain('另存为');
  });

  it('a binary file that is not a zip', async () => {
    expect((await importError(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]))).code).toBe('workbook.notZip');
  });

  it('a legacy .xls (an OLE compound file)', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from('Workbook', 'utf16le'), Buffer.alloc(1024)]);
    const error = await importError(ole);
    expect(error.code).toBe('workbook.legacyXls');
    expect(error.message).toContain('.xlsx');
  });

  it('a password-protected workbook (encrypted package in an OLE file)', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from('EncryptionInfo', 'utf16le'),
      Buffer.alloc(50),
      Buffer.from('EncryptedPackage', 'utf16le'),
      Buffer.alloc(2048, 0x5a),
    ]);
    const error = await importError(ole);
    expect(error.code).toBe('workbook.encrypted');
    expect(error.message).toContain('密码');
  });

  it('a zip whose part inflates far beyond its compressed size (zip bomb), refused before inflating', async () => {
    const zeros = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const bomb = buildZip(minimalWorkbookParts(zeros, deflateRawSync(zeros, { level: 9 })));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const error = await importError(bomb);
    expect(error.code).toBe('workbook.zipBomb');
    expect(error.detail).toMatch(/ratio/);
  });

  it('a zip declaring more than 200 MB in total: refused from the directory alone, without inflating anything', async () => {
    // The data is not even valid deflate: only a check made before inflating can give this answer.
    const parts = minimalWorkbookParts(text('x'));
    parts[4] = { name: 'xl/worksheets/sheet1.xml', data: text('x'), compressed: Buffer.alloc(4 * 1024 * 1024, 0xab), declaredSize: 250 * 1024 * 1024 };
    const error = await importError(buildZip(parts));
    expect(error.code).toBe('workbook.zipBomb');
    expect(error.detail).toContain('declared uncompressed total');
  });

  it('a part that lies about its size is stopped as soon as it inflates past what it declared', async () => {
    const real = Buffer.alloc(5 * 1024 * 1024, 0x20);
    const parts = minimalWorkbookParts(real, deflateRawSync(real));
    parts[4] = { ...parts[4], declaredSize: 100_000 };
    const error = await importError(buildZip(parts));
    expect(error.code).toBe('workbook.zipBomb');
    expect(error.detail).toContain('inflates past its declared');
  });

  it('a zip with more than 10 000 entries', async () => {
    const parts = [...minimalWorkbookParts(sheetXml(2)), ...Array.from({ length: workbookLimits.maxEntries }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: Buffer.from([i % 256]) }))];
    expect((await importError(buildZip(parts))).code).toBe('workbook.tooManyEntries');
  });

  it('a sheet of more than 100 000 rows, counted while inflating', async () => {
    const xml = sheetXml(200_000);
    const file = buildZip(minimalWorkbookParts(xml, deflateRawSync(xml, { level: 1 })));
    const started = Date.now();
    const error = await importError(file, '大名单.xlsx');
    expect(error.code).toBe('workbook.tooManyRows');
    expect(error.message).toContain('人员名单');
    expect(error.message).toContain('100,000');
    // It stops at the limit rather than reading the rest (a loose bound: CI machines are slow).
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a sheet that is wide beyond reason (more than 2 000 000 cells)', async () => {
    // 4 000 rows of 525 empty cells each: few rows, and each cell addressed, so that it does not compress like a bomb.
    const letters = Array.from({ length: 525 }, (_, i) => (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26)));
    const rows = Array.from({ length: 4000 }, (_, r) => `<row r="${r + 1}">${letters.map((letter) => `<c r="${letter}${r + 1}"/>`).join('')}</row>`).join('');
    const xml = text(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`);
    expect((await importError(buildZip(minimalWorkbookParts(xml, deflateRawSync(xml, { level: 1 }))))).code).toBe('workbook.tooManyCells');
  });

  it('a truncated file', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('成员单位').addRow(['成员单位名称', '统一社会信用代码']);
    const whole = Buffer.from(await workbook.xlsx.writeBuffer());
    const error = await importError(whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(error.code).toBe('workbook.damaged');
  });

  it('a Word document saved with an .xlsx name', async () => {
    const docx = buildZip([
      { name: '[Content_Types].xml', data: text('<Types/>') },
      { name: 'word/document.xml', data: text('<w:document/>') },
    ]);
    const error = await importError(docx);
    expect(error.code).toBe('workbook.notWorkbook');
    expect(error.message).toContain('Word');
  });

  it('a workbook with no data at all', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    const error = await importError(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(error.code).toBe('workbook.empty');
  });

  it('a workbook whose sheets hold some other list (wrong sheet)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('采购清单');
    sheet.addRow(['物品', '数量', '单价']);
    sheet.addRow(['打印纸', 10, 25]);
    workbook.addWorksheet('科研团队').addRow(['姓名', '年龄', '职务/职称', '从事专业', '工作单位']);
    const error = await importError(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(error.code).toBe('workbook.noHeader');
    expect(error.message).toContain('成员单位名称');
    expect(error.message).toContain('“采购清单”、“科研团队”');
  });

  it('a member list offered as a returned collection workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['物品', '数量']);
    await expect(readCollectionWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), 'x.xlsx', xinjiang)).rejects.toMatchObject({ code: 'collect.notCollection' });
  });
});

describe('the XML tokenizer', () => {
  it('reads a document split anywhere across chunks exactly as whole', () => {
    const xml = '<?xml version="1.0"?><x:worksheet xmlns:x="ns"><!-- note --><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>A&amp;B &#x4E2D;&#25991;</t></is></c><c r="B1"><v>1</v></c></row><row r="2"/><x:row r="3"><x:c r="A3" a=\'q"\'/></x:row></sheetData><![CDATA[<raw>]]></x:worksheet>';
    const run = (chunks: string[]) => {
      const events: string[] = [];
      const tokenizer = new XmlTokenizer(
        {
          open: (name, attributes, selfClosing) => events.push(`<${name} ${JSON.stringify(attributes)}${selfClosing ? '/' : ''}>`),
          close: (name) => events.push(`</${name}>`),
          text: (text) => {
            // Text may arrive in pieces; join neighbours so that the comparison is about content.
            if (events.length > 0 && events[events.length - 1].startsWith('"')) events[events.length - 1] = `"${events[events.length - 1].slice(1)}${text}`;
            else events.push(`"${text}`);
          },
        },
        (detail) => {
          throw new Error(detail);
        },
      );
      for (const chunk of chunks) tokenizer.write(chunk);
      tokenizer.end();
      return events;
    };
    const whole = run([xml]);
    expect(whole).toContain('"A&B 中文');
    expect(whole).toContain('<c {"r":"A3","a":"q\\""}/>');
    expect(whole.filter((event) => event.startsWith('<row'))).toHaveLength(3);
    for (let cut = 1; cut < xml.length; cut++) {
      expect(run([xml.slice(0, cut), xml.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
  });
});
