import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDocx } from '../../../electron/core/documents/docx';
import { readDocxForImport } from '../../../electron/core/docx-import';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import type { Block, DocumentModel, TableBlock } from '../../../electron/shared/document-model';
import { officialMargins as formMargins } from '../../../electron/shared/document-model';
import { cell, paragraph, row } from '../../../electron/shared/documents/common';
import type { DocxImportPreview } from '../../../electron/shared/docx-import';
import { uscc } from '../../shared/documents/fixtures';

/**
 * The blank official form, rebuilt from the seed's table (one cell per line, rows between blank lines), then
 * filled the way a user fills it in Word: values typed in the blank cells, rows added below the template's
 * blank ones, a code on the line under a name or beside it, dates and counts written by hand.
 */

const templates = loadRegionTemplates();
const seedDir = '/work/shared/seeds';

interface SeedRow {
  cells: string[];
}

/** The seed's form: cover lines (paragraphs) before 填表说明, then the table rows between `title` and `end`. */
function seedForm(file: string, coverStart: string, title: string, end: string): { cover: string[]; rows: Array<SeedRow | { note: string }> } {
  const lines = readFileSync(join(seedDir, file), 'utf8').split(/\r?\n/);
  const coverAt = lines.findIndex((line) => line.trim() === coverStart);
  const noticeAt = lines.findIndex((line, i) => i > coverAt && line.trim() === '填表说明');
  const titleAt = lines.findIndex((line, i) => i > noticeAt && line.trim() === title);
  const endAt = lines.findIndex((line, i) => i > titleAt && line.trim().startsWith(end));
  const cover = lines.slice(coverAt, noticeAt).filter((line) => line.trim() !== '');
  const rows: Array<SeedRow | { note: string }> = [];
  let current: SeedRow | null = null;
  for (const line of lines.slice(titleAt + 1, endAt)) {
    if (line.startsWith('\t')) {
      current ??= { cells: [] };
      if (!rows.includes(current)) rows.push(current);
      current.cells.push(line.slice(1).trim());
    } else if (line.trim() === '') {
      current = null;
    } else if (line.trim().startsWith('注：')) {
      rows.push({ note: line.trim() });
      current = null;
    } else {
      // A label broken over lines inside one cell (「成员单位名称\n及统一社会信用代码」), or an opinion block's lines.
      const last = (rows[rows.length - 1] as SeedRow | undefined)?.cells;
      if (last && last.length > 0) last[last.length - 1] += `\n${line.trim()}`;
    }
  }
  return { cover, rows };
}

/** The rows as Word tables on a grid as wide as the widest row; shorter rows span the rest in their last cell. */
function formDocument(cover: string[], rows: Array<SeedRow | { note: string }>): DocumentModel {
  const width = Math.max(...rows.map((r) => ('cells' in r ? r.cells.length : 0)));
  const blocks: Block[] = [...cover.map((line) => paragraph(line)), paragraph('填表说明'), paragraph('（略）')];
  let table: TableBlock | null = null;
  for (const seedRow of rows) {
    if ('note' in seedRow) {
      table = null;
      blocks.push(paragraph(seedRow.note));
      continue;
    }
    if (!table) {
      table = { kind: 'table', borders: 'grid', columnsMm: Array.from({ length: width }, () => 150 / width), rows: [] };
      blocks.push(table);
    }
    const n = seedRow.cells.length;
    const cells = seedRow.cells.map((text, i) => {
      // 序号 | 名称 | 分工 on a five-column grid: the name and the role share the width.
      const span = n === 3 && width === 5 ? (i === 0 ? 1 : 2) : i === n - 1 ? width - (n - 1) : 1;
      return cell(text, { colSpan: span });
    });
    table.rows.push(row(cells));
  }
  return { kind: 'applicationForm', title: 'form', baseStyle: { font: 'song', size: '五号' }, sections: [{ marginsMm: formMargins, pageNumbers: 'none', blocks }] };
}

type Rows = Array<SeedRow | { note: string }>;

/**
 * Types a value into the empty cell right of each label the user knows (as printed on the form); a label
 * printed twice (内蒙古's 身份证号) takes its values in order. `prefix` adds a first line to a cell that holds
 * printed text (the list of 技术领域).
 */
function fillLabels(rows: Rows, values: Record<string, string | string[]>, prefix: Record<string, string> = {}): void {
  const queues = new Map(Object.entries(values).map(([label, value]) => [label, Array.isArray(value) ? [...value] : value]));
  for (const r of rows) {
    if (!('cells' in r)) continue;
    for (let i = 0; i + 1 < r.cells.length; i++) {
      const label = r.cells[i].replace(/\s+/g, '');
      if (label in prefix) r.cells[i + 1] = `${prefix[label]}\n${r.cells[i + 1]}`;
      const blank = r.cells[i + 1].replace(/\s+/g, '');
      const queued = queues.get(label);
      if (queued === undefined || !(blank === '' || blank === '年月日' || blank === '代码')) continue;
      const value = Array.isArray(queued) ? queued.shift() : queued;
      if (value !== undefined) r.cells[i + 1] = value;
    }
  }
}

/** Types a free text into the empty row under its heading. */
function fillText(rows: Rows, headingStart: string, text: string): void {
  const at = rows.findIndex((r) => 'cells' in r && r.cells.length === 1 && r.cells[0].startsWith(headingStart));
  const next = rows[at + 1] as SeedRow;
  expect(next.cells).toEqual(['']);
  next.cells[0] = text;
}

/** Fills a list's blank rows under its header and adds rows below them, as Word's 「在下方插入行」 does. */
function fillList(rows: Rows, headerFirst: string, data: string[][]): void {
  const at = rows.findIndex((r) => 'cells' in r && r.cells[0].replace(/\s+/g, '') === headerFirst);
  expect(at).toBeGreaterThanOrEqual(0);
  let i = at + 1;
  let blank = 0;
  // The blank rows: nothing but their number (and 内蒙古's 「（牵头单位）」 mark in row 1).
  while (i < rows.length && 'cells' in rows[i] && (rows[i] as SeedRow).cells.slice(1).every((c) => c === '' || c === '（牵头单位）')) {
    blank++;
    i++;
  }
  expect(blank).toBeGreaterThan(2);
  const width = (rows[at] as SeedRow).cells.length;
  const filled: SeedRow[] = data.map((cells) => ({ cells: cells.slice(0, width) }));
  rows.splice(at + 1, blank, ...filled);
}

function fillCover(cover: string[], values: Record<string, string>): string[] {
  return cover.map((line) => {
    const match = /^\s*([^：]+)：(.*)$/.exec(line);
    if (!match) return line;
    const label = match[1].replace(/\s+/g, '');
    const value = values[label];
    if (value === undefined) return line;
    return `${match[1].trim()}：${value}${/（盖章）/.test(match[2]) ? '（盖章）' : ''}`;
  });
}

const team = Array.from({ length: 11 }, (_, i) => [`成员${i + 1}`, String(35 + i), i % 2 ? '副总工程师/高级工程师' : '教授/博士生导师', '化学工程', `新疆第${i + 1}化工有限公司`]);
const platforms = Array.from({ length: 7 }, (_, i) => [`煤化工平台${i + 1}`, '现代煤化工', i === 0 ? '国家级' : '省级', `20${10 + i}年${i + 1}月`, '新疆准东煤化工集团有限公司']);
const members = Array.from({ length: 12 }, (_, i) => {
  const name = i === 0 ? '新疆准东煤化工集团有限公司' : `新疆成员单位${i + 1}有限公司`;
  const code = uscc('650100', 700 + i);
  // Some users put the code on its own line, some beside the name.
  const nameCell = i % 3 === 2 ? `${name}（统一社会信用代码：${code}）` : `${name}\n${code}`;
  // The last one runs over its 200 字: kept whole, and the preview says so.
  return [String(i + 1), nameCell, i === 11 ? '分'.repeat(230) : `第${i + 1}家单位的地位与分工。`];
});

function expectRows(preview: DocxImportPreview, table: string, expected: Array<Record<string, string>>): void {
  const found = preview.tables.find((t) => t.table === table);
  expect(found?.rows.length, `${table} rows`).toBe(expected.length);
  expected.forEach((values, i) => {
    for (const [key, value] of Object.entries(values)) expect(found?.rows[i].values[key], `${table} row ${i + 1} ${key}`).toBe(value);
  });
}

describe('a form filled in the blank layout of the official template', () => {
  it('新疆: labels as printed (「电话」, 「（个）」), rows added beyond the blank ones, the cover lines', async () => {
    const seed = seedForm('000_12d02902145e6da6.txt', '新疆维吾尔自治区创新联合体', '新疆维吾尔自治区创新联合体组建申请表', '附件2');
    fillLabels(seed.rows, {
      联合体名称: '新疆维吾尔自治区现代煤化工创新联合体',
      联合体协议生效时间: '2025年3月8日',
      产业领域: '现代煤化工',
      联合体牵头单位: '新疆准东煤化工集团有限公司',
      推荐首席科学家: '李建新',
      '职务/职称': '总工程师/正高级工程师',
      联合体内已建相关国家级各类科研平台数量: '1',
      联合体内已建相关省级各类科研平台数量: '6个',
      联系人: '王芳',
      电话: '0991-1234567',
      '成员总数（个）': '12',
      '企业数量（个）': '12',
      '高校数量（个）': '0',
      '研究机构数量（个）': '0',
    });
    const goals = '围绕现代煤化工开展攻关。\n用3年时间突破关键技术5项以上。';
    fillText(seed.rows, '一、技术创新战略规划和目标', goals);
    fillText(seed.rows, '二、推荐首席科学家科研简历', '1985年起从事煤化工研究。');
    fillText(seed.rows, '六、联合体已具备的合作基础', '已共同承担项目3项。');
    fillList(seed.rows, '姓名', team);
    fillList(seed.rows, '平台名称', platforms);
    fillList(seed.rows, '序号', members);
    const cover = fillCover(seed.cover, {
      创新联合体名称: '新疆维吾尔自治区现代煤化工创新联合体',
      产业领域: '现代煤化工',
      牵头单位: '新疆准东煤化工集团有限公司',
      联系人: '王芳',
      联系电话: '0991-1234567',
      填报日期: '2025年3月19日',
    });
    const bytes = await writeDocx(formDocument(cover, seed.rows));
    const { preview } = await readDocxForImport(bytes, '新疆申请表.docx', templates);

    expect(preview.regionId).toBe('xinjiang');
    const value = (key: string) => preview.fields.find((f) => f.key === key)?.value;
    expect(value('consortiumName')).toBe('新疆维吾尔自治区现代煤化工创新联合体');
    expect(value('agreementDate')).toBe('2025-03-08');
    expect(value('leadUnit')).toBe('新疆准东煤化工集团有限公司');
    expect(value('chiefScientistTitle')).toBe('总工程师/正高级工程师');
    expect(value('contactPhone')).toBe('0991-1234567');
    // 「6个」 is what the platform table gives (one national, six provincial): left to be computed.
    expect(value('provincialPlatformCount')).toBe('');
    // The form does not print unit types, so the tables give no enterprises yet: the typed 12 is kept.
    expect(value('enterpriseCount')).toBe('12');
    expect(value('universityCount')).toBe('');
    expect(value('goals')).toBe(goals);
    expect(value('chiefScientistCv')).toBe('1985年起从事煤化工研究。');
    expect(value('cooperationBasis')).toBe('已共同承担项目3项。');
    // Only on the cover.
    expect(value('fillDate')).toBe('2025-03-19');
    expect(preview.fields.find((f) => f.key === 'fillDate')?.source.part).toBe('cover');

    expectRows(preview, 'team', team.map(([name, age, postTitle, major, workUnit]) => ({ name, age, postTitle, major, workUnit })));
    expectRows(preview, 'platforms', platforms.map(([name, field, level, , hostUnit], i) => ({ name, field, level, builtAt: `20${10 + i}-0${i + 1}`, hostUnit })));
    expectRows(
      preview,
      'members',
      members.map((_, i) => ({
        name: i === 0 ? '新疆准东煤化工集团有限公司' : `新疆成员单位${i + 1}有限公司`,
        uscc: uscc('650100', 700 + i),
        role: i === 11 ? '分'.repeat(230) : `第${i + 1}家单位的地位与分工。`,
      })),
    );
    const over = preview.tables.find((t) => t.table === 'members')?.rows[11].problems ?? [];
    expect(over).toEqual([expect.objectContaining({ columnKey: 'role', code: 'text.maxChars', severity: 'error' })]);
    expect(preview.tables.find((t) => t.table === 'members')?.rows[0].values.tier).toBe('牵头单位');
    const teamTable = preview.tables.find((t) => t.table === 'team');
    expect(teamTable?.rows[10].source.row).toBeGreaterThan(teamTable?.headerSource.row ?? 99);
    expect(preview.counts.errors).toBe(1);
    expect(preview.missingFields).toEqual([]);
  });

  it('内蒙古: labels printed twice, codes, the 技术领域 chosen above the printed list, the lead marked in row 1', async () => {
    const seed = seedForm('004_7c21b935fcc48c0c.txt', '内蒙古自治区创新联合体', '内蒙古自治区创新联合体组建申请备案表', '附件3');
    fillLabels(
      seed.rows,
      {
        创新联合体名称: '内蒙古自治区稀土永磁材料创新联合体',
        创新联合体协议生效时间: '2025年3月8日',
        创新联合体牵头单位: '内蒙古北辰稀土新材料集团股份有限公司',
        法人代表: '刘振北',
        身份证号: ['150207196805120313', '150105198809230422'],
        联系电话: ['0472-5183206', '15847261938'],
        联系人: '乌兰',
        行业类别: '代码　3232',
        国标学科: '代码　430',
        其他涉及技术领域: ['E.装备制造（稀土永磁电机）', 'A.新能源'],
        '成员总数（个）': '8',
      },
      { 主要技术领域: 'C.新材料、O.冶金建材' },
    );
    fillText(seed.rows, '一、技术创新目标', '突破低重稀土磁材关键技术。');
    fillList(seed.rows, '序号', members.slice(0, 8).map((cells, i) => (i === 0 ? [cells[0], `（牵头单位）\n${cells[1]}`, cells[2]] : cells)));
    const cover = fillCover(seed.cover, { 创新联合体名称: '内蒙古自治区稀土永磁材料创新联合体', 填报日期: '2025年3月19日' });
    const bytes = await writeDocx(formDocument(cover, seed.rows));
    const { preview } = await readDocxForImport(bytes, '内蒙古登记表.docx', templates);
    expect(preview.regionId).toBe('neimenggu');
    const value = (key: string) => preview.fields.find((f) => f.key === key)?.value;
    expect(value('legalRepIdCard')).toBe('150207196805120313');
    expect(value('contactIdCard')).toBe('150105198809230422');
    expect(value('legalRepPhone')).toBe('0472-5183206');
    expect(value('contactPhone')).toBe('15847261938');
    expect(value('industryCode')).toBe('3232');
    expect(value('disciplineCode')).toBe('430');
    expect(value('techFields')).toBe('C,O');
    expect(value('otherTechField1')).toBe('E.装备制造（稀土永磁电机）');
    expect(value('otherTechField2')).toBe('A.新能源');
    expect(value('goals')).toBe('突破低重稀土磁材关键技术。');
    expect(value('fillDate')).toBe('2025-03-19');
    const rows = preview.tables.find((t) => t.table === 'members')?.rows ?? [];
    expect(rows).toHaveLength(8);
    expect(rows[0].values).toMatchObject({ name: '新疆准东煤化工集团有限公司', tier: '牵头单位' });
  });

  it('重庆两江新区: labels broken over lines inside their cells, 万元 amounts', async () => {
    const seed = seedForm('002_552c305ebc467d0d.txt', '两江新区产业创新联合体组建申请表', '两江新区产业创新联合体组建申请表', '附件2');
    fillLabels(seed.rows, {
      联合体名称: '两江新区智能网联汽车产业创新联合体',
      联合体协议生效时间: '2025.4.1',
      产业领域: '智能网联汽车',
      联合体牵头单位: '重庆两江智能汽车有限公司',
      推荐首席科学家: '张伟',
      '职务/职称': '首席技术官/正高级工程师',
      '联合体内已建相关市级及以上各类科研平台数量（个）': '9',
      '近三年营业收入（万元）': '356000.5',
      '近三年研发投入（万元）': '21000',
      '成员总数（个）': '12',
    });
    fillText(seed.rows, '一、技术创新目标', '突破车规级芯片等关键技术。');
    fillList(seed.rows, '姓名', team);
    fillList(seed.rows, '序号', members);
    const cover = fillCover(seed.cover, { 产业创新联合体名称: '两江新区智能网联汽车产业创新联合体', 联系人: '刘洋', 联系电话: '023-67890123', 填报日期: '2025年4月2日' });
    const bytes = await writeDocx(formDocument(cover, seed.rows));
    const { preview } = await readDocxForImport(bytes, '两江申请表.docx', templates);
    expect(preview.regionId).toBe('chongqing');
    const value = (key: string) => preview.fields.find((f) => f.key === key)?.value;
    expect(value('agreementDate')).toBe('2025-04-01');
    expect(value('platformCount')).toBe('9');
    expect(value('leadRevenue3y')).toBe('356000.5');
    expect(value('leadRdSpending3y')).toBe('21000');
    expect(value('goals')).toBe('突破车规级芯片等关键技术。');
    expect(value('contactName')).toBe('刘洋');
    expect(value('contactPhone')).toBe('023-67890123');
    expectRows(preview, 'team', team.map(([name, age]) => ({ name, age })));
    expect(preview.tables.find((t) => t.table === 'members')?.rows).toHaveLength(12);
  });
});
