import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getRegionTemplate } from '../../../electron/core/regions/templates';
import { workbookLimits } from '../../../electron/core/workbooks';
import { readWorkbookForImportInWorker } from '../../../electron/core/workbooks/reading/in-worker';
import { UserError } from '../../../electron/shared/errors';
import type { ImportPreview } from '../../../electron/shared/workbooks';
import { craft, emptyCells, inline, teamSheet } from './crafted';
import type { ZipPart } from './fixtures';

/**
 * Workbooks built to hurt, each made here byte by byte and read the way the app reads them: on a worker
 * thread. Each is read or refused within the targets (10 s; the worker's heap limit keeps it under
 * 500 MB, and a file that passed it would come back as 'workbook.tooComplex', which no case here may),
 * with a Chinese message and a code, and the process goes on.
 */

const xinjiang = getRegionTemplate('xinjiang');
const text = (s: string) => Buffer.from(s, 'utf8');
const chinese = /[\u4e00-\u9fff]/;
const targetMs = 10_000;

async function readTimed(bytes: Buffer): Promise<{ preview?: ImportPreview; error?: UserError; ms: number }> {
  const started = Date.now();
  try {
    const preview = await readWorkbookForImportInWorker(bytes, 'crafted.xlsx', xinjiang, 'team', []);
    return { preview, ms: Date.now() - started };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { error, ms: Date.now() - started };
  }
}

async function refused(bytes: Buffer): Promise<UserError> {
  const { error, ms } = await readTimed(bytes);
  expect(error, 'the file was accepted').toBeDefined();
  const refusal = error as UserError;
  expect(refusal.message).toMatch(chinese);
  expect(refusal.message).toContain('crafted.xlsx');
  // Refused for what it is, not stopped by the worker's limits.
  expect(['workbook.timeout', 'workbook.tooComplex']).not.toContain(refusal.code);
  expect(ms).toBeLessThan(targetMs);
  return refusal;
}

const everything = 'A1:XFD1048576';

describe('ranges a sheet declares are bounded by the cells present', () => {
  const cases: Array<[string, string, string?]> = [
    ['a whole-sheet merged range (D3:XFD1048576)', '<mergeCells count="1"><mergeCell ref="D3:XFD1048576"/></mergeCells>'],
    ['a whole-sheet data validation', `<dataValidations count="1"><dataValidation type="list" sqref="${everything}"><formula1>"是,否"</formula1></dataValidation></dataValidations>`],
    [
      'five whole-column data validations',
      `<dataValidations count="5">${['A', 'B', 'C', 'D', 'E']
        .map((column) => `<dataValidation type="textLength" operator="lessThan" sqref="${column}1:${column}1048576"><formula1>200</formula1></dataValidation>`)
        .join('')}</dataValidations>`,
    ],
    ['a whole-sheet conditional format', `<conditionalFormatting sqref="${everything}"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>`],
    ['a whole-sheet hyperlink', `<hyperlinks><hyperlink ref="${everything}" r:id="rId9"/></hyperlinks>`],
    ['a whole-sheet filter', '', `<sheetPr filterMode="1"/>`],
  ];
  for (const [what, after, before] of cases) {
    it(`reads a list under ${what}, at once`, async () => {
      const xml = what.startsWith('a whole-sheet filter') ? teamSheet(500).replace('</sheetData>', `</sheetData><autoFilter ref="${everything}"/>`) : teamSheet(500, after, before);
      const { preview, error, ms } = await readTimed(craft([{ name: '科研团队', xml }]));
      expect(error).toBeUndefined();
      expect(preview?.rows).toHaveLength(500);
      expect(preview?.rows[0].values).toMatchObject({ name: '人员2', age: '22', major: '化学工程' });
      expect(ms).toBeLessThan(targetMs);
    });
  }

  it('takes a value merged down for the rows the merge covers, and only those present', async () => {
    const xml = teamSheet(4, '<mergeCells count="1"><mergeCell ref="E2:E1048576"/></mergeCells>').replace(/<c r="E([3-9])" t="inlineStr"><is><t>[^<]*<\/t><\/is><\/c>/g, '');
    const { preview } = await readTimed(craft([{ name: '科研团队', xml }]));
    expect(preview?.rows.map((row) => row.values.workUnit)).toEqual(['新疆天山工业大学', '新疆天山工业大学', '新疆天山工业大学', '新疆天山工业大学']);
  });

  it('reads a sheet whose one stray cell is the last of the grid (XFD1048576)', async () => {
    const xml = teamSheet(3).replace('</sheetData>', `<row r="1048576">${inline('XFD1048576', '尾')}</row></sheetData>`);
    const { preview, ms } = await readTimed(craft([{ name: '科研团队', xml }]));
    expect(preview?.rows).toHaveLength(3);
    expect(ms).toBeLessThan(targetMs);
  });
});

describe('limits hold for the whole workbook', () => {
  it('refuses 3 sheets of 700 000 cells each (each under the limit, together over it)', async () => {
    const sheet = emptyCells(20_000, 35);
    const error = await refused(craft([1, 2, 3].map((n) => ({ name: `表${n}`, xml: sheet }))));
    expect(error.code).toBe('workbook.tooManyCells');
    expect(error.message).toContain('各工作表合计');
  });

  it('refuses 3 sheets of 40 000 rows each', async () => {
    const sheet = emptyCells(40_000, 1);
    const error = await refused(craft([1, 2, 3].map((n) => ({ name: `表${n}`, xml: sheet }))));
    expect(error.code).toBe('workbook.tooManyRows');
    expect(error.message).toContain(workbookLimits.maxRows.toLocaleString('en-US'));
  });

  it('refuses a part named one way in its local header and another in the central directory', async () => {
    // The 150 000 rows a reader going by the local name would see; the central name says sheet2.
    const bytes = craft([{ name: '科研团队', xml: emptyCells(150_000, 1) }], {
      tamper: (parts) => {
        const sheet = parts.find((part) => part.name === 'xl/worksheets/sheet1.xml') as ZipPart;
        sheet.centralName = 'xl/worksheets/sheet2.xml';
        const rels = parts.find((part) => part.name === 'xl/_rels/workbook.xml.rels') as ZipPart;
        rels.data = text(rels.data.toString('utf8').replace('sheet1.xml', 'sheet2.xml'));
      },
    });
    const error = await refused(bytes);
    expect(error.code).toBe('workbook.damaged');
    expect(error.message).toContain('不一致');
    expect(error.detail).toContain('local header name');
  });

  it('refuses two parts of one name', async () => {
    const error = await refused(craft([{ name: '科研团队', xml: teamSheet(2) }], { tamper: (parts) => parts.push({ ...parts[parts.length - 1] }) }));
    expect(error.code).toBe('workbook.damaged');
    expect(error.message).toContain('同名');
  });

  it('refuses more than 100 000 merged ranges', async () => {
    const merges = Array.from({ length: workbookLimits.maxMerges + 1 }, (_, i) => `<mergeCell ref="A${i * 2 + 1}:B${i * 2 + 2}"/>`).join('');
    const error = await refused(craft([{ name: '科研团队', xml: teamSheet(2, `<mergeCells>${merges}</mergeCells>`) }]));
    expect(error.code).toBe('workbook.tooManyMerges');
  });

  it('refuses a cell longer than Excel allows', async () => {
    const error = await refused(craft([{ name: '科研团队', xml: teamSheet(2).replace('人员2', '长'.repeat(workbookLimits.maxCellChars + 1)) }]));
    expect(error.code).toBe('workbook.cellTooLong');
  });
});

describe('XML that is broken or built to hurt', () => {
  const damaged: Array<[string, () => Buffer, string?]> = [
    ['a character reference past Unicode in a sheet name (&#99999999;)', () => craft([{ name: '名单&#99999999;', xml: teamSheet(2) }]), '字符'],
    ['a NUL character reference', () => craft([{ name: '科研团队', xml: teamSheet(2).replace('人员2', '人员&#0;') }]), '字符'],
    ['a lone surrogate reference', () => craft([{ name: '科研团队', xml: teamSheet(2).replace('人员2', '&#xD800;') }]), '字符'],
    ['an undefined entity', () => craft([{ name: '科研团队', xml: teamSheet(2).replace('人员2', '&bomb;') }]), '字符'],
    [
      'a DTD with nested entities (billion laughs) in the shared strings',
      () =>
        craft([{ name: '科研团队', xml: teamSheet(2) }], {
          sharedStrings: `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><sst><si><t>&c;</t></si></sst>`,
        }),
      '文档类型声明',
    ],
    ['an element left open', () => craft([{ name: '科研团队', xml: teamSheet(2).replace('</sheetData>', '') }])],
    ['a closing tag that closes the wrong element', () => craft([{ name: '科研团队', xml: teamSheet(2).replace('</row>', '</rows>') }])],
    ['an unquoted attribute', () => craft([{ name: '科研团队', xml: teamSheet(2).replace('<row r="2">', '<row r=2>') }])],
    ['elements nested 1 000 deep', () => craft([{ name: '科研团队', xml: teamSheet(2, `${'<extLst>'.repeat(1000)}${'</extLst>'.repeat(1000)}`) }])],
    ['a tag that never ends', () => craft([{ name: '科研团队', xml: teamSheet(2).replace('<row r="2">', `<row r="2" x="${randomBytes(2 * 1024 * 1024).toString('base64')}>`) }])],
    ['a cell reference outside the grid', () => craft([{ name: '科研团队', xml: teamSheet(2).replace('r="A2"', 'r="ZZZZ99999999"') }])],
    ['a shared string that does not exist', () => craft([{ name: '科研团队', xml: teamSheet(2).replace('<c r="B2">', '<c r="B2" t="s">') }], { sharedStrings: '<sst><si><t>x</t></si></sst>' })],
    ['a sheet that is not XML at all', () => craft([{ name: '科研团队', xml: '\u0000\u0001PK garbage' }])],
  ];
  for (const [what, make, says] of damaged) {
    it(`refuses ${what}`, async () => {
      const error = await refused(make());
      expect(error.code).toBe('workbook.damaged');
      if (says) expect(error.message).toContain(says);
    });
  }
});

describe('a file that would run away is stopped, not the process', () => {
  const big = () => craft([{ name: '科研团队', xml: teamSheet(20_000) }]);

  it('stops a read that passes its time limit, with a Chinese message', async () => {
    const started = Date.now();
    const error = await readWorkbookForImportInWorker(big(), '大文件.xlsx', xinjiang, 'team', [], { timeoutMs: 50, maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 32 }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'workbook.timeout' });
    expect((error as UserError).message).toContain('大文件.xlsx');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops a read that passes its memory limit, with a Chinese message', async () => {
    const error = await readWorkbookForImportInWorker(big(), '大文件.xlsx', xinjiang, 'team', [], { timeoutMs: 30_000, maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'workbook.tooComplex' });
    expect((error as UserError).message).toMatch(chinese);
  });

  it('reads the same file within the normal limits', async () => {
    const { preview, ms } = await readTimed(big());
    expect(preview?.rows).toHaveLength(20_000);
    expect(ms).toBeLessThan(targetMs);
  });
});
