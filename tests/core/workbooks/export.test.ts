import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProjectFile, projectDraftToDraft } from '../../../electron/core/project/project-file';
import { getRegionTemplate, loadRegionTemplates } from '../../../electron/core/regions/templates';
import { readWorkbookForImport, writeBlankTemplate, writeMemberWorkbook } from '../../../electron/core/workbooks';
import { fromText } from '../../../electron/core/workbooks/cell-values';
import { readCentralDirectory } from '../../../electron/core/workbooks/zip-safety';
import { deriveValues, filledRows } from '../../../electron/shared/derive';
import type { Draft } from '../../../electron/shared/draft';
import type { ColumnDef, RegionTemplate } from '../../../electron/shared/region-template';
import { workbookSheetNames, workbookTables, type WorkbookTable } from '../../../electron/shared/workbooks';
import { requireSystemTools } from '../../helpers/system-tools';
import { makeTempDir } from '../../helpers/temp-dir';
import {
  person,
  sofficePdf,
  sofficeSheets,
  usccAllDigits,
  usccWithX,
} from './fixtures';

/**
 * The draft's workbook and the blank templates: written, then read back with exceljs and with LibreOffice,
 * and compared with what the draft holds.
 */

const xinjiang = getRegionTemplate('xinjiang');

/** What a cell should show for a draft value: the label of a coded option, else the value itself. */
function shown(column: ColumnDef, value: string): string {
  return column.optionLabels?.[value] ?? value;
}

function listColumns(template: RegionTemplate, table: WorkbookTable): ColumnDef[] {
  const columns = template.tables.find((candidate) => candidate.key === table)?.columns ?? [];
  return [...columns.filter((column) => !column.extra), ...columns.filter((column) => column.extra)];
}

/** Hostile-looking values a member unit might have typed (or pasted) into the draft. */
const formulaLike = {
  name: '=HYPERLINK("http://example.com","点此")',
  role: '+1+1 负责集成',
  contactName: '@SUM(A1:A3)',
  legalRepName: '-2+3',
  registrationPlace: '\t=1+2',
};

function exampleDraft(region: string): Draft {
  const file = parseProjectFile(readFileSync(join(__dirname, `../../../resources/examples/${region}.json`), 'utf8'));
  return projectDraftToDraft(file.drafts[0], randomUUID);
}

/** The Xinjiang example, plus rows that test codes kept as text and values that must not become formulas. */
function richDraft(): Draft {
  const draft = exampleDraft('xinjiang');
  draft.tables.members.push(
    { id: randomUUID(), values: { ...formulaLike, uscc: usccWithX, unitType: '企业', tier: '一般协作层单位', highTech: '否', contactPhone: '09914567890' } },
    { id: randomUUID(), values: { name: '新疆数字代码测试有限公司', uscc: usccAllDigits, unitType: '企业', tier: '一般协作层单位', highTech: '是', role: '第一行\n第二行' } },
  );
  draft.tables.team.push({ id: randomUUID(), values: { ...person(3), major: '=cmd|"/c calc"!A1', postTitle: '\n=1', age: '=2*60' } });
  return draft;
}

/** exceljs keeps data validations per worksheet but leaves them out of its typings. */
function validations(sheet: ExcelJS.Worksheet): { find(address: string): ExcelJS.DataValidation | undefined } {
  return (sheet as unknown as { dataValidations: { find(address: string): ExcelJS.DataValidation | undefined } }).dataValidations;
}

async function load(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') throw new Error(`unexpected cell object ${JSON.stringify(value)}`);
  return String(value);
}

describe('the draft workbook (成员单位 / 科研团队 / 科研平台 / 汇总)', () => {
  const draft = richDraft();
  let bytes: Buffer;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    bytes = await writeMemberWorkbook(xinjiang, draft);
    workbook = await load(bytes);
  });

  it('has one sheet per list with Chinese names, a 汇总 sheet, and nothing else visible', () => {
    const visible = workbook.worksheets.filter((sheet) => sheet.state !== 'hidden').map((sheet) => sheet.name);
    expect(visible).toEqual(['成员单位', '科研团队', '科研平台', '汇总']);
  });

  it('prints the form’s column labels first, then the extra columns, under a bold frozen header row', () => {
    for (const table of workbookTables) {
      const sheet = workbook.getWorksheet(workbookSheetNames[table]) as ExcelJS.Worksheet;
      const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(text);
      expect(header).toEqual(['序号', ...listColumns(xinjiang, table).map((column) => column.label)]);
      expect(sheet.getRow(1).getCell(2).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    const members = workbook.getWorksheet('成员单位') as ExcelJS.Worksheet;
    // 成员单位名称 … 统一社会信用代码 … and the app's own columns after the printed ones.
    expect(text(members.getRow(1).getCell(2).value)).toBe('成员单位名称');
    expect(text(members.getRow(1).getCell(3).value)).toBe('统一社会信用代码');
    expect(text(members.getRow(1).getCell(5).value)).toBe('单位类型');
  });

  it('sizes columns for Chinese text (about two units a character) and wraps long text', () => {
    const members = workbook.getWorksheet('成员单位') as ExcelJS.Worksheet;
    const width = (key: number) => members.getColumn(key).width ?? 0;
    expect(width(3)).toBeGreaterThanOrEqual(19); // 18 characters of code
    expect(width(2)).toBeGreaterThanOrEqual(22); // names of 11+ characters
    expect(width(4)).toBeGreaterThanOrEqual(36); // 地位与分工, wrapped
    expect(members.getRow(2).getCell(4).alignment?.wrapText).toBe(true);
    // A row holding 200 字 is taller than a row of one line.
    expect(members.getRow(2).height).toBeGreaterThan(30);
  });

  it('sets up A4 landscape printing with the header row repeated on every page', () => {
    for (const table of workbookTables) {
      const setup = (workbook.getWorksheet(workbookSheetNames[table]) as ExcelJS.Worksheet).pageSetup;
      expect(setup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:1', fitToPage: true, fitToWidth: 1 });
    }
  });

  it('writes every value of the draft and reads it back unchanged, codes as text', () => {
    for (const table of workbookTables) {
      const sheet = workbook.getWorksheet(workbookSheetNames[table]) as ExcelJS.Worksheet;
      const columns = listColumns(xinjiang, table);
      const rows = filledRows(draft.tables[table]);
      expect(sheet.actualRowCount).toBe(rows.length + 1);
      rows.forEach((row, index) => {
        const cells = sheet.getRow(index + 2);
        expect(cells.getCell(1).value).toBe(index + 1);
        columns.forEach((column, c) => {
          const cell = cells.getCell(c + 2);
          expect(text(cell.value), `${table} row ${index + 1} ${column.key}`).toBe(shown(column, row.values[column.key] ?? ''));
        });
      });
    }
    const members = workbook.getWorksheet('成员单位') as ExcelJS.Worksheet;
    const codes = members.getColumn(3).values.slice(2) as ExcelJS.CellValue[];
    expect(codes).toContain(usccWithX);
    expect(codes).toContain(usccAllDigits);
    for (const code of codes) expect(typeof code).toBe('string');
    expect(members.getRow(2).getCell(3).numFmt).toBe('@');
  });

  it('writes a value that starts with = + - @ tab or a line break as plain text, never as a formula', () => {
    const members = workbook.getWorksheet('成员单位') as ExcelJS.Worksheet;
    const row = members.getRow(filledRows(draft.tables.members).length);
    for (const value of Object.values(formulaLike)) {
      const cell = (row.values as ExcelJS.CellValue[]).indexOf(value);
      expect(cell, value).toBeGreaterThan(0);
      expect(row.getCell(cell).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(cell).numFmt).toBe('@');
    }
    // In a column of numbers too (年龄), where a real number would be written as one.
    const team = workbook.getWorksheet('科研团队') as ExcelJS.Worksheet;
    const age = team.getRow(filledRows(draft.tables.team).length + 1).getCell(3);
    expect(age.value).toBe('=2*60');
    expect(age.type).toBe(ExcelJS.ValueType.String);
    expect(age.numFmt).toBe('@');
    expect(team.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.Number);
    // Nowhere in any sheet's XML is there a formula element.
    const sheetXml = readCentralDirectory(bytes, 'export.xlsx')
      .filter((entry) => entry.name.includes('worksheets/'))
      .map((entry) => {
        const start = entry.localHeaderOffset + 30 + bytes.readUInt16LE(entry.localHeaderOffset + 26) + bytes.readUInt16LE(entry.localHeaderOffset + 28);
        const data = bytes.subarray(start, start + entry.compressedSize);
        return (entry.method === 8 ? inflateRawSync(data) : data).toString('utf8');
      });
    expect(sheetXml.length).toBeGreaterThanOrEqual(4);
    for (const xml of sheetXml) expect(xml).not.toMatch(/<f[ >]/);
  });

  it('offers drop-down lists on coded columns and checks codes and ages', () => {
    const members = workbook.getWorksheet('成员单位') as ExcelJS.Worksheet;
    const validation = (address: string) => validations(members).find(address);
    expect(validation('E2')).toMatchObject({ type: 'list', formulae: ['"企业,高校,科研院所,其他机构"'] });
    expect(validation('F40')).toMatchObject({ type: 'list', formulae: ['"牵头单位,核心层单位,紧密合作单位,一般协作层单位"'] });
    expect(validation('G2')).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(validation('C2')).toMatchObject({ type: 'textLength', formulae: [18] });
    const team = workbook.getWorksheet('科研团队') as ExcelJS.Worksheet;
    expect(validations(team).find('C5')).toMatchObject({ type: 'whole', formulae: [0, 120] });
    const platforms = workbook.getWorksheet('科研平台') as ExcelJS.Worksheet;
    expect(validations(platforms).find('D2')).toMatchObject({ type: 'list', formulae: ['"国家级,省级"'] });
  });

  it('sums up counts and shares in the 汇总 sheet exactly as the checks compute them', () => {
    const derived = deriveValues(xinjiang, draft);
    const summary = workbook.getWorksheet('汇总') as ExcelJS.Worksheet;
    const byLabel = new Map<string, ExcelJS.CellValue>();
    summary.eachRow((row) => byLabel.set(text(row.getCell(1).value), row.getCell(2).value));
    expect(byLabel.get('成员单位总数')).toBe(derived.memberCount);
    expect(byLabel.get('企业数量')).toBe(derived.enterpriseCount);
    expect(byLabel.get('高新技术企业数量')).toBe(derived.highTechCount);
    expect(byLabel.get('企业占比')).toBeCloseTo(derived.enterpriseShare / 100, 6);
    expect(byLabel.get('其中：国家级平台')).toBe(derived.nationalPlatformCount);
    expect(byLabel.get('科研团队人数')).toBe(filledRows(draft.tables.team).length);
  });

  it('comes back in through our own import with every value intact', async () => {
    for (const table of workbookTables) {
      const preview = await readWorkbookForImport(bytes, 'export.xlsx', xinjiang, table, []);
      expect(preview.sheetName).toBe(workbookSheetNames[table]);
      expect(preview.missingColumns).toEqual([]);
      const columns = listColumns(xinjiang, table);
      // Import folds spelling variants (stray spaces, a tab before a value); everything else is as written.
      const expected = filledRows(draft.tables[table]).map((row) =>
        Object.fromEntries(columns.map((column) => [column.key, fromText(column, row.values[column.key] ?? '')])),
      );
      expect(preview.rows.map((row) => row.values)).toEqual(expected);
    }
  });
});

describe('long drop-down lists', () => {
  it('go through a range of a hidden sheet when longer than Excel’s 255 characters', async () => {
    const base = getRegionTemplate('neimenggu');
    const categories = Array.from({ length: 40 }, (_, i) => `第${i + 1}类创新平台（含重点实验室、工程技术研究中心）`);
    const template: RegionTemplate = {
      ...base,
      tables: base.tables.map((table) =>
        table.key === 'platforms'
          ? { ...table, columns: table.columns.map((column) => (column.key === 'category' ? { ...column, options: categories } : column)) }
          : table,
      ),
    };
    const workbook = await load(await writeBlankTemplate(template, 'platforms'));
    const options = workbook.getWorksheet('下拉选项') as ExcelJS.Worksheet;
    expect(options.state).toBe('hidden');
    expect((options.getColumn(1).values as ExcelJS.CellValue[]).slice(2)).toEqual(categories);
    const sheet = workbook.getWorksheet('科研平台') as ExcelJS.Worksheet;
    const letter = String.fromCharCode(65 + 1 + listColumns(template, 'platforms').findIndex((column) => column.key === 'category'));
    expect(validations(sheet).find(`${letter}2`)).toMatchObject({ type: 'list', formulae: [`'下拉选项'!$A$2:$A$41`] });
    // The short lists stay inline; 技术领域 offers its letters with their names.
    const techLetter = String.fromCharCode(65 + 1 + listColumns(template, 'platforms').findIndex((column) => column.key === 'techField'));
    expect(validations(sheet).find(`${techLetter}2`)?.formulae[0]).toMatch(/^"A\.新能源,B\.化工,/);
  });
});

describe('blank templates', () => {
  it('exist for every region and list, with headers only, and import as empty lists', async () => {
    for (const template of loadRegionTemplates()) {
      const all = await load(await writeBlankTemplate(template));
      expect(all.worksheets.filter((sheet) => sheet.state !== 'hidden').map((sheet) => sheet.name)).toEqual(['成员单位', '科研团队', '科研平台', '填写说明']);
      for (const table of workbookTables) {
        const bytes = await writeBlankTemplate(template, table);
        const single = await load(bytes);
        expect(single.worksheets[0].name).toBe(workbookSheetNames[table]);
        expect(single.worksheets[0].actualRowCount).toBe(1);
        const preview = await readWorkbookForImport(bytes, 'template.xlsx', template, table, []);
        expect(preview.rows).toEqual([]);
        expect(preview.missingColumns).toEqual([]);
      }
    }
  });

  it('format code columns as text, so a code typed later keeps its X and leading zeros', async () => {
    const workbook = await load(await writeBlankTemplate(xinjiang, 'members'));
    const sheet = workbook.getWorksheet('成员单位') as ExcelJS.Worksheet;
    expect(sheet.getColumn(3).numFmt).toBe('@');
    expect(sheet.getColumn(11).numFmt).toBe('@'); // 联系电话: 0991… keeps its 0
  });
});

describe('read back with LibreOffice', () => {
  const temp = makeTempDir('lianheti-wb-lo-');
  const draft = richDraft();
  const neimenggu = exampleDraft('neimenggu');
  const files = { xinjiang: join(temp.dir, 'export-xj.xlsx'), neimenggu: join(temp.dir, 'export-nm.xlsx'), template: join(temp.dir, 'template.xlsx') };
  let sheets: Map<string, Map<string, string[][]>>;

  beforeAll(async () => {
    writeFileSync(files.xinjiang, await writeMemberWorkbook(xinjiang, draft));
    writeFileSync(files.neimenggu, await writeMemberWorkbook(getRegionTemplate('neimenggu'), neimenggu));
    writeFileSync(files.template, await writeBlankTemplate(xinjiang));
    sheets = sofficeSheets(Object.values(files), temp.dir);
  }, 180_000);
  afterAll(() => temp.cleanup());

  it('opens every sheet and shows every value as written, codes with their X and all their digits', () => {
    for (const [file, template, source] of [
      [files.xinjiang, xinjiang, draft],
      [files.neimenggu, getRegionTemplate('neimenggu'), neimenggu],
    ] as const) {
      const book = sheets.get(file) as Map<string, string[][]>;
      expect([...book.keys()]).toEqual(expect.arrayContaining(['成员单位', '科研团队', '科研平台', '汇总']));
      for (const table of workbookTables) {
        const csv = book.get(workbookSheetNames[table]) as string[][];
        const columns = listColumns(template, table);
        expect(csv[0]).toEqual(['序号', ...columns.map((column) => column.label)]);
        filledRows(source.tables[table]).forEach((row, index) => {
          const expected = [String(index + 1), ...columns.map((column) => shown(column, row.values[column.key] ?? '').replace(/\r\n?/g, '\n'))];
          expect(csv[index + 1], `${template.id} ${table} row ${index + 1}`).toEqual(expected);
        });
      }
    }
    const members = (sheets.get(files.xinjiang) as Map<string, string[][]>).get('成员单位') as string[][];
    const codes = members.map((row) => row[2]);
    expect(codes).toContain(usccWithX);
    expect(codes).toContain(usccAllDigits);
    expect(members.map((row) => row[10])).toContain('09914567890');
  });

  it('shows formula-like values as the text typed, not as computed results', () => {
    const members = (sheets.get(files.xinjiang) as Map<string, string[][]>).get('成员单位') as string[][];
    const last = members.find((row) => row[2] === usccWithX) as string[];
    expect(last[1]).toBe(formulaLike.name);
    expect(last[3]).toBe(formulaLike.role);
    expect(last).toContain(formulaLike.legalRepName);
    expect(last).toContain(formulaLike.contactName);
  });

  it('shows the 汇总 sheet’s counts and shares', () => {
    const summary = (sheets.get(files.xinjiang) as Map<string, string[][]>).get('汇总') as string[][];
    const derived = deriveValues(xinjiang, draft);
    const value = (label: string) => summary.find((row) => row[0] === label)?.[1];
    expect(value('成员单位总数')).toBe(String(derived.memberCount));
    // Shares are real numbers formatted as percentages, which is how LibreOffice shows them.
    expect(value('企业占比')).toBe(`${derived.enterpriseShare.toFixed(1)}%`);
  });

  it('opens the blank template with its header rows only', () => {
    const book = sheets.get(files.template) as Map<string, string[][]>;
    expect((book.get('成员单位') as string[][])[0].slice(0, 3)).toEqual(['序号', '成员单位名称', '统一社会信用代码']);
    expect((book.get('成员单位') as string[][]).length).toBe(1);
  });

  it('prints on A4 landscape with the header row repeated on the next page', () => {
    const pdf = sofficePdf(files.xinjiang, temp.dir);
    requireSystemTools('poppler');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info.status, info.stderr).toBe(0);
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info.stdout);
    expect(Number(size?.[1])).toBeCloseTo(841.9, 0);
    expect(Number(size?.[2])).toBeCloseTo(595.3, 0);
    const page2 = spawnSync('pdftotext', ['-f', '2', '-l', '2', '-layout', pdf, '-'], { encoding: 'utf8' });
    // 26 members do not fit one page: the second page starts with the column headers again.
    expect(page2.stdout).toContain('统一社会信用代码');
    expect(page2.stdout).toContain('成员单位名称');
  }, 120_000);
});
