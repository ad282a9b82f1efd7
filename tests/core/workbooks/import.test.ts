import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getRegionTemplate } from '../../../electron/core/regions/templates';
import type { DraftStore } from '../../../electron/core/storage/draft-store';
import { applyImport, readWorkbookForImport, writeMemberWorkbook } from '../../../electron/core/workbooks';
import type { Draft } from '../../../electron/shared/draft';
import type { ImportPreview, ImportRow } from '../../../electron/shared/workbooks';
import { makeDraft, makeUscc, openTempStore, storeDraft, usccAllDigits, usccWithX } from './fixtures';

/**
 * Importing from the sheets people already have: a hand-made workbook with a title row, merged cells,
 * other names for the columns, full-width digits, a code typed as a number, rich text, hyperlinks,
 * formulas and dates — then previewing, and applying with each mode to a real store.
 */

const xinjiang = getRegionTemplate('xinjiang');
const fullWidth = (text: string) => text.replace(/[0-9A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
const usccSecond = makeUscc(51); // 91650100000000051X
const usccWrongCheck = `${makeUscc(4).slice(0, 17)}3`; // 916501000000000043: check character should be 2

/** A member list as someone typed it in WPS, with everything that goes wrong in real files. */
async function messyWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const members = workbook.addWorksheet('2024年成员名单');
  members.getCell('A1').value = '新疆现代煤化工创新联合体成员单位名单';
  members.mergeCells('A1:I1');
  members.getCell('A2').value = '填报单位（盖章）：                    填报日期：2024年5月';
  members.mergeCells('A2:I2');
  members.getRow(3).values = ['序号', ' 单位 全称 ', '统一社会\n信用代码*', '单位性质', '层级', '是否高企（是/否）', '联系人', '联系方式', '备注'];
  members.getRow(4).values = [
    1,
    { richText: [{ text: '新疆天衡' }, { text: '能源化工', font: { bold: true } }, { text: '集团有限公司' }] },
    fullWidth(usccWithX),
    '企业 ',
    '牵头',
    '√',
    '张三',
    { text: '138 1234 5678', hyperlink: 'tel:13812345678' },
    '',
  ];
  members.getRow(5).values = [
    { formula: 'A4+1', result: 2 },
    { formula: 'CONCATENATE("新疆","天山工业大学")', result: '新疆天山工业大学' },
    Number(usccAllDigits), // typed without the text format: Excel keeps 15 significant digits
    '高校',
    '核心层',
    '否',
    '李四',
    '0991-1234567',
  ];
  members.getRow(6).values = [3, ' 新疆 煤化工 技术研究院 ', usccSecond, '科研院所', '核心层单位', 'N', '', '', '补充说明'];
  members.getRow(7).values = [4, '新疆天衡能源化工集团有限公司', usccWithX, '企业', '牵头单位', '是'];
  members.getRow(8).values = [5, '', makeUscc(80), '企业', '紧密合作单位', '否'];
  members.getRow(9).values = [6, '新疆校验位有误有限公司', usccWrongCheck, '企业', '一般协作层', 'Y'];
  members.getRow(10).values = [7, '新疆代码过短有限公司', '91650100123', '企业', '一般协作层单位', '否', '', 9914567890];
  members.getCell('A11').value = '注：以上单位按层级排列。';
  members.mergeCells('A11:I11');

  const team = workbook.addWorksheet('人员');
  team.getCell('A1').value = '科研团队人员情况';
  team.mergeCells('A1:G1');
  team.getRow(2).values = ['序号', '姓名', '年龄（岁）', '职务', '职称', '专业', '所在单位'];
  team.getRow(3).values = [1, '王五', '４５', '副总经理', '正高级工程师', '煤化工', '新疆天衡能源化工集团有限公司'];
  team.getRow(4).values = [2, '赵六', 150, '院长', '教授', '化学工程', '新疆天山工业大学'];
  team.getRow(5).values = [3, '钱七', '38岁', '', '副教授', '催化', null];
  team.getRow(6).values = [4, '孙八', 41, '系主任', '教授', '过程控制', null];
  team.mergeCells('G4:G6'); // 工作单位 written once for three people
  team.getRow(7).values = [5, '王 五', 45, '副总经理', '正高级工程师', '煤化工', '新疆天衡能源化工集团有限公司'];

  const platforms = workbook.addWorksheet('平台');
  platforms.getRow(1).values = ['平台名称', '级别', '获批时间', '依托单位', '学科领域'];
  platforms.getRow(2).values = ['煤化工国家企业技术中心', '国家', new Date(Date.UTC(2017, 11, 1)), '新疆天衡能源化工集团有限公司', '煤化工'];
  platforms.getCell('C2').numFmt = 'yyyy-mm';
  platforms.getRow(3).values = ['煤炭清洁转化重点实验室', '省级', '2012年9月', '新疆天山工业大学', '化学工程'];
  platforms.getRow(4).values = ['催化材料工程研究中心', '省 级', 201905, '新疆煤化工技术研究院', { formula: 'B3&"材料"', result: '催化材料' }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function byRow(preview: ImportPreview, row: number): ImportRow {
  const found = preview.rows.find((candidate) => candidate.row === row);
  if (!found) throw new Error(`no preview row ${row}: ${preview.rows.map((r) => r.row).join(',')}`);
  return found;
}

describe('importing a hand-made member list', () => {
  let bytes: Buffer;
  let preview: ImportPreview;
  beforeEach(async () => {
    bytes = await messyWorkbook();
    preview = await readWorkbookForImport(bytes, '成员名单.xlsx', xinjiang, 'members', []);
  });

  it('finds the header row below the merged title rows and maps the columns by name and synonym', () => {
    expect(preview.sheetName).toBe('2024年成员名单');
    expect(preview.headerRow).toBe(3);
    const mapping = Object.fromEntries(preview.columns.map((column) => [column.columnLetter, column.key]));
    expect(mapping).toEqual({ A: null, B: 'name', C: 'uscc', D: 'unitType', E: 'tier', F: 'highTech', G: 'contactName', H: 'contactPhone', I: null });
    expect(preview.columns.find((column) => column.columnLetter === 'A')?.how).toBe('index');
    expect(preview.missingColumns.map((column) => column.key)).toEqual(['role', 'main', 'registrationPlace', 'legalRepName']);
  });

  it('reads rich text, hyperlinks and formula results, and folds full-width digits and stray spaces', () => {
    expect(byRow(preview, 4)).toMatchObject({
      outcome: 'new',
      values: {
        name: '新疆天衡能源化工集团有限公司',
        uscc: usccWithX,
        unitType: '企业',
        tier: '牵头单位',
        highTech: '是',
        contactName: '张三',
        contactPhone: '138 1234 5678',
      },
    });
    expect(byRow(preview, 6)).toMatchObject({ outcome: 'new', values: { name: '新疆煤化工技术研究院', uscc: usccSecond, tier: '核心层单位', highTech: '否' } });
    expect(byRow(preview, 5).values.name).toBe('新疆天山工业大学');
  });

  it('reports a 统一社会信用代码 typed as a number, with the digits Excel kept, and does not import the row', () => {
    const row = byRow(preview, 5);
    expect(row.outcome).toBe('invalid');
    const problem = preview.problems.find((candidate) => candidate.row === 5 && candidate.columnKey === 'uscc');
    expect(problem).toMatchObject({ severity: 'error', code: 'uscc.storedAsNumber', columnLetter: 'C' });
    expect(problem?.message).toContain('15 位');
    expect(problem?.message).toContain('文本');
    expect(problem?.message).toMatch(/9165010000000000\d\d/);
  });

  it('lists every problem by row, column and reason, and says what happens to each row', () => {
    expect(byRow(preview, 7)).toMatchObject({ outcome: 'duplicate', duplicateOfRow: 4 });
    expect(byRow(preview, 8).outcome).toBe('invalid');
    expect(preview.problems).toContainEqual(expect.objectContaining({ row: 8, columnKey: 'name', code: 'required', severity: 'error' }));
    // A wrong check character is an error, like a wrong ID check digit: the row is shown with the reason, not imported.
    expect(byRow(preview, 9)).toMatchObject({ outcome: 'invalid', values: { tier: '一般协作层单位', highTech: '是' } });
    expect(preview.problems).toContainEqual(expect.objectContaining({ row: 9, code: 'uscc.checkChar', severity: 'error' }));
    expect(byRow(preview, 10).outcome).toBe('invalid');
    expect(preview.problems).toContainEqual(expect.objectContaining({ row: 10, code: 'uscc.length', columnLetter: 'C' }));
    // A landline typed as a number has lost its leading 0.
    expect(preview.problems).toContainEqual(expect.objectContaining({ row: 10, code: 'phone.storedAsNumber', columnLetter: 'H' }));
    // The note under the list is not a row of it.
    expect(preview.rows.map((row) => row.row)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(preview.counts).toEqual({ total: 7, new: 2, update: 0, duplicate: 1, invalid: 4, warnings: 0 });
  });
});

describe('importing a hand-made team list and platform list', () => {
  it('joins 职务 and 职称 into 职务/职称, fills a merged 工作单位 down, and checks ages', async () => {
    const preview = await readWorkbookForImport(await messyWorkbook(), '人员.xlsx', xinjiang, 'team', []);
    expect(preview.sheetName).toBe('人员');
    expect(byRow(preview, 3)).toMatchObject({
      outcome: 'new',
      values: { name: '王五', age: '45', postTitle: '副总经理/正高级工程师', major: '煤化工', workUnit: '新疆天衡能源化工集团有限公司' },
    });
    expect(byRow(preview, 4).outcome).toBe('invalid');
    expect(preview.problems).toContainEqual(expect.objectContaining({ row: 4, columnKey: 'age', code: 'age.range', severity: 'error' }));
    expect(byRow(preview, 5)).toMatchObject({ outcome: 'new', values: { age: '38', postTitle: '副教授', workUnit: '新疆天山工业大学' } });
    expect(byRow(preview, 6).values.workUnit).toBe('新疆天山工业大学');
    expect(byRow(preview, 7)).toMatchObject({ outcome: 'duplicate', duplicateOfRow: 3 });
  });

  it('reads dates and numbers typed as 年月, and 级别 in its short forms', async () => {
    const preview = await readWorkbookForImport(await messyWorkbook(), '平台.xlsx', xinjiang, 'platforms', []);
    expect(preview.sheetName).toBe('平台');
    expect(preview.headerRow).toBe(1);
    expect(preview.rows.map((row) => row.values)).toEqual([
      { name: '煤化工国家企业技术中心', level: '国家级', builtAt: '2017-12', hostUnit: '新疆天衡能源化工集团有限公司', field: '煤化工' },
      { name: '煤炭清洁转化重点实验室', level: '省级', builtAt: '2012-09', hostUnit: '新疆天山工业大学', field: '化学工程' },
      { name: '催化材料工程研究中心', level: '省级', builtAt: '2019-05', hostUnit: '新疆煤化工技术研究院', field: '催化材料' },
    ]);
    expect(preview.problems).toEqual([]);
  });

  it('splits the printed form’s 成员单位名称及统一社会信用代码 column into name and code', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['序号', '成员单位名称\n及统一社会信用代码', '在行业（或领域）中的地位，在联合体内分工（限200字）']);
    sheet.addRow([1, `新疆天衡能源化工集团有限公司\n${usccWithX}`, '牵头单位，负责总体组织。']);
    sheet.addRow([2, `新疆天山工业大学（${usccSecond}）`, '负责基础研究。']);
    const preview = await readWorkbookForImport(Buffer.from(await workbook.xlsx.writeBuffer()), 'form.xlsx', xinjiang, 'members', []);
    expect(preview.columns[1]).toMatchObject({ how: 'combined' });
    expect(preview.rows.map((row) => row.values)).toEqual([
      { name: '新疆天衡能源化工集团有限公司', uscc: usccWithX, role: '牵头单位，负责总体组织。' },
      { name: '新疆天山工业大学', uscc: usccSecond, role: '负责基础研究。' },
    ]);
  });
});

describe('applying an import to a real store', () => {
  let store: DraftStore;
  let cleanup: () => void;
  let draft: Draft;

  beforeEach(() => {
    ({ store, cleanup } = openTempStore());
    draft = storeDraft(
      store,
      makeDraft(xinjiang, {
        members: [
          { name: '新疆煤化工技术研究院（旧名）', uscc: usccSecond, unitType: '科研院所', tier: '核心层单位', contactName: '周工', role: '已写好的分工' },
          { name: '新疆某某大学', uscc: makeUscc(7), unitType: '高校', tier: '紧密合作单位' },
        ],
        team: [{ name: '王五', age: '44', postTitle: '副总经理', major: '', workUnit: '新疆天衡能源化工集团有限公司' }],
      }),
    );
  });
  afterEach(() => cleanup());

  async function preview(table: 'members' | 'team'): Promise<ImportPreview> {
    return readWorkbookForImport(await messyWorkbook(), '成员名单.xlsx', xinjiang, table, store.getDraft(draft.id).tables[table]);
  }

  it('changes nothing while previewing, and marks rows matching the draft as updates', async () => {
    const before = store.getDraft(draft.id);
    const result = await preview('members');
    expect(byRow(result, 6)).toMatchObject({ outcome: 'update', matchRowId: draft.tables.members[0].id });
    expect(store.getDraft(draft.id)).toEqual(before);
    expect(store.listRevisions(draft.id)).toEqual([]);
  });

  it('update: fills matching rows (by 统一社会信用代码) with the non-empty cells and adds the new ones, after a revision', async () => {
    const summary = applyImport(store, draft.id, await preview('members'), 'update');
    expect(summary).toMatchObject({ mode: 'update', added: 1, updated: 1, skipped: 5, rowCount: 3 });
    const after = store.getDraft(draft.id);
    const updated = after.tables.members.find((row) => row.id === draft.tables.members[0].id);
    // The name is taken from the sheet; the role and the contact the sheet leaves empty are kept.
    expect(updated?.values).toMatchObject({ name: '新疆煤化工技术研究院', highTech: '否', contactName: '周工', role: '已写好的分工' });
    expect(after.tables.members.map((row) => row.values.uscc)).toEqual([usccSecond, makeUscc(7), usccWithX]);
    const [revision] = store.listRevisions(draft.id);
    expect(revision).toMatchObject({ id: summary.revisionId, cause: 'before-import' });
    // The revision is the draft as it was: restoring it undoes the import.
    expect(store.restoreRevision(revision.id).tables.members.map((row) => row.values.name)).toEqual(['新疆煤化工技术研究院（旧名）', '新疆某某大学']);
  });

  it('append: adds only the units not yet in the draft', async () => {
    const summary = applyImport(store, draft.id, await preview('members'), 'append');
    expect(summary).toMatchObject({ added: 1, updated: 0, skipped: 6 });
    const after = store.getDraft(draft.id);
    expect(after.tables.members[0].values.name).toBe('新疆煤化工技术研究院（旧名）');
    expect(after.tables.members).toHaveLength(3);
  });

  it('replace: the table becomes exactly the valid rows of the sheet', async () => {
    const summary = applyImport(store, draft.id, await preview('members'), 'replace');
    expect(summary).toMatchObject({ added: 2, rowCount: 2 });
    expect(store.getDraft(draft.id).tables.members.map((row) => row.values.name)).toEqual([
      '新疆天衡能源化工集团有限公司',
      '新疆煤化工技术研究院',
    ]);
  });

  it('recognises people by 姓名 + 工作单位', async () => {
    const result = await preview('team');
    expect(byRow(result, 3)).toMatchObject({ outcome: 'update', matchRowId: draft.tables.team[0].id });
    applyImport(store, draft.id, result, 'update');
    const team = store.getDraft(draft.id).tables.team;
    expect(team).toHaveLength(3);
    expect(team[0].values).toMatchObject({ name: '王五', age: '45', postTitle: '副总经理/正高级工程师', major: '煤化工' });
  });

  it('round-trips the draft’s own workbook into an empty draft', async () => {
    const source = store.getDraft(draft.id);
    const bytes = await writeMemberWorkbook(xinjiang, source);
    const empty = store.createDraft({ regionId: 'xinjiang', templateVersion: xinjiang.version });
    for (const table of ['members', 'team'] as const) {
      const result = await readWorkbookForImport(bytes, 'export.xlsx', xinjiang, table, []);
      applyImport(store, empty.id, result, 'append');
    }
    const copy = store.getDraft(empty.id);
    const memberColumns = xinjiang.tables.find((table) => table.key === 'members')?.columns ?? [];
    expect(copy.tables.members.map((row) => row.values)).toEqual(
      source.tables.members.map((row) => Object.fromEntries(memberColumns.map((column) => [column.key, row.values[column.key] ?? '']))),
    );
    expect(copy.tables.team.map((row) => row.values.name)).toEqual(['王五']);
  });
});
