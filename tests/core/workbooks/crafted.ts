import { deflateRawSync } from 'node:zlib';
import { buildZip, type ZipPart } from './fixtures';

/** Workbooks built byte by byte for the hostile-input tests: what no spreadsheet program would write. */

const text = (s: string) => Buffer.from(s, 'utf8');

export interface CraftedSheet {
  name: string;
  xml: string;
}

/** An .xlsx around the given sheets (and, if given, shared strings and styles), every part deflated. */
export function craft(sheets: CraftedSheet[], extra: { sharedStrings?: string; styles?: string; tamper?: (parts: ZipPart[]) => void } = {}): Buffer {
  const deflated = (name: string, data: Buffer): ZipPart => ({ name, data, compressed: deflateRawSync(data, { level: 1 }), method: 8 });
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  if (extra.sharedStrings) rels.push('<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>');
  if (extra.styles) rels.push('<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>');
  const parts: ZipPart[] = [
    { name: '[Content_Types].xml', data: text('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    {
      name: '_rels/.rels',
      data: text('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
          .map((sheet, i) => `<sheet name="${sheet.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
          .join('')}</sheets></workbook>`,
      ),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: text(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`) },
    ...sheets.map((sheet, i) => deflated(`xl/worksheets/sheet${i + 1}.xml`, text(sheet.xml))),
  ];
  if (extra.sharedStrings) parts.push(deflated('xl/sharedStrings.xml', text(extra.sharedStrings)));
  if (extra.styles) parts.push(deflated('xl/styles.xml', text(extra.styles)));
  extra.tamper?.(parts);
  return buildZip(parts);
}

export const inline = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

/** A team list (科研团队) of `rows` people, with whatever the sheet declares after its data. */
export function teamSheet(rows: number, after = '', before = ''): string {
  const body: string[] = [`<row r="1">${inline('A1', '姓名')}${inline('B1', '年龄')}${inline('C1', '职务/职称')}${inline('D1', '从事专业')}${inline('E1', '工作单位')}</row>`];
  for (let r = 2; r <= rows + 1; r++) {
    body.push(`<row r="${r}">${inline(`A${r}`, `人员${r}`)}<c r="B${r}"><v>${20 + (r % 40)}</v></c>${inline(`C${r}`, '主任/教授')}${inline(`D${r}`, '化学工程')}${inline(`E${r}`, '新疆天山工业大学')}</row>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${before}<sheetData>${body.join('')}</sheetData>${after}</worksheet>`;
}

/** A sheet of `rows` rows of `columns` empty but addressed cells: counted, never stored. */
export function emptyCells(rows: number, columns: number): string {
  const letters = Array.from({ length: columns }, (_, i) => (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26)));
  const body: string[] = [];
  for (let r = 1; r <= rows; r++) body.push(`<row r="${r}">${letters.map((letter) => `<c r="${letter}${r}" s="1"/>`).join('')}</row>`);
  return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('')}</sheetData></worksheet>`;
}
