import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { XlsxWriter } from '../../../electron/core/workbooks/xlsx-writer';
import { readZipEntry, zipEntryNames } from '../documents/zip';

/**
 * The SpreadsheetML writer on its own: the details Excel is particular about (shared strings, kept spaces,
 * numbers as numbers, no formulas, hidden sheets, validation texts within Excel's limits), read back both as
 * XML and with exceljs.
 */

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('xlsx-writer', () => {
  it('writes text as shared strings, escaped, spaces kept, characters XML cannot hold dropped', async () => {
    const book = new XlsxWriter();
    const sheet = book.addSheet('表');
    const texts = ['a & b <c> "d"', ' 前后空格 ', '\t=1+2', '=HYPERLINK("http://example.com","x")', '第一行\n第二行', 'bell\u0007gone', 'a & b <c> "d"'];
    for (const text of texts) sheet.row([text]);
    const bytes = await book.toBuffer();
    const shared = readZipEntry(bytes, 'xl/sharedStrings.xml');
    expect(shared).toContain('<si><t>a &amp; b &lt;c&gt; &quot;d&quot;</t></si>');
    expect(shared).toContain('<si><t xml:space="preserve"> 前后空格 </t></si>');
    expect(shared).toContain('<si><t xml:space="preserve">\t=1+2</t></si>');
    // Each distinct text once.
    expect(shared).toMatch(/count="7" uniqueCount="6"/);
    const xml = readZipEntry(bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).not.toContain('<f>');
    const read = (await load(bytes)).getWorksheet('表') as ExcelJS.Worksheet;
    const values = texts.map((_, i) => read.getRow(i + 1).getCell(1).value);
    expect(values).toEqual(['a & b <c> "d"', ' 前后空格 ', '\t=1+2', '=HYPERLINK("http://example.com","x")', '第一行\n第二行', 'bellgone', 'a & b <c> "d"']);
  });

  it('writes numbers as numbers, leaves out empty cells unless they carry a format', async () => {
    const book = new XlsxWriter();
    const sheet = book.addSheet('数');
    const bordered = book.styles.style({ border: '808080' });
    sheet.row([1, 0.533, null, '', Number.NaN], [0, 0, bordered, 0, 0]);
    const bytes = await book.toBuffer();
    const xml = readZipEntry(bytes, 'xl/worksheets/sheet1.xml');
    expect(xml).toContain('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>0.533</v></c><c r="C1" s="1"/></row>');
    const read = (await load(bytes)).getWorksheet('数') as ExcelJS.Worksheet;
    expect(read.getRow(1).getCell(1).value).toBe(1);
    expect(read.getRow(1).getCell(2).value).toBe(0.533);
  });

  it('names every part in the content types, hides hidden sheets and opens on a visible one', async () => {
    const book = new XlsxWriter();
    book.title = '标题 & 副标题';
    book.addSheet('隐藏', { hidden: true }).row(['x']);
    book.addSheet('可见', { print: { title: 'A & B', repeatRows: '1:1' } }).row(['y']);
    const bytes = await book.toBuffer();
    const types = readZipEntry(bytes, '[Content_Types].xml');
    for (const name of zipEntryNames(bytes)) {
      if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
      expect(types, name).toContain(`PartName="/${name}"`);
    }
    const workbook = readZipEntry(bytes, 'xl/workbook.xml');
    expect(workbook).toContain('<sheet name="隐藏" sheetId="1" state="hidden" r:id="rId3"/>');
    expect(workbook).toContain('<workbookView activeTab="1"/>');
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'可见'!$1:$1</definedName>`);
    expect(readZipEntry(bytes, 'xl/worksheets/sheet2.xml')).toContain('<oddHeader>&amp;C&amp;&quot;宋体,加粗&quot;&amp;12A &amp;&amp; B</oddHeader>');
    expect(readZipEntry(bytes, 'docProps/core.xml')).toContain('<dc:title>标题 &amp; 副标题</dc:title>');
    const read = await load(bytes);
    expect(read.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ['隐藏', 'hidden'],
      ['可见', 'visible'],
    ]);
  });

  it('keeps validation texts within Excel’s limits', async () => {
    const book = new XlsxWriter();
    const sheet = book.addSheet('表');
    sheet.row(['x']);
    sheet.validate('A2:A10', {
      type: 'list',
      allowBlank: true,
      formulae: ['"是,否"'],
      showErrorMessage: true,
      errorTitle: '标'.repeat(40),
      error: '错'.repeat(300),
      showInputMessage: true,
      promptTitle: '题'.repeat(40),
      prompt: '提'.repeat(300),
    });
    const xml = readZipEntry(await book.toBuffer(), 'xl/worksheets/sheet1.xml');
    const attr = (name: string) => new RegExp(` ${name}="([^"]*)"`).exec(xml)?.[1] ?? '';
    expect([...attr('errorTitle')]).toHaveLength(32);
    expect([...attr('promptTitle')]).toHaveLength(32);
    expect([...attr('error')]).toHaveLength(225);
    expect([...attr('prompt')]).toHaveLength(255);
    expect(xml).toContain('<formula1>&quot;是,否&quot;</formula1>');
  });
});
