import { deriveValues, filledRows } from '../../shared/derive';
import type { Draft } from '../../shared/draft';
import { fieldKeys, memberKeys } from '../../shared/draft';
import type { RegionTemplate } from '../../shared/region-template';
import type { WorkbookTable } from '../../shared/workbooks';
import { summarySheetName, workbookSheetNames, workbookTables } from '../../shared/workbooks';
import { tableDef } from './headers';
import { divisionPlaces } from '../regions/place-index';
import {
  borderColor,
  buildWorkbook,
  columnWidth,
  listColumns,
  noteColor,
  OptionLists,
  printSetup,
  rowHeightFor,
  safeFileName,
  textFormat,
  writeListSheet,
  writeNotesSheet,
  headerStyle,
  type CellStyle,
  type XlsxWriter,
} from './writer';

/**
 * The draft's lists as one workbook (成员单位, 科研团队, 科研平台, 汇总) — the Excel attachment that travels
 * with the application — and blank templates of the same lists for people to fill in.
 */

export const templateNotesSheetName = '填写说明';

function consortiumTitle(template: RegionTemplate, draft: Draft): string {
  return (draft.fields[fieldKeys.consortiumName] ?? '').trim() || `${template.shortName}创新联合体`;
}

/** The 汇总 sheet: the counts and shares the rules are judged by, computed exactly as the checks do. */
function writeSummarySheet(workbook: XlsxWriter, template: RegionTemplate, draft: Draft, title: string): void {
  const derived = deriveValues(template, draft, divisionPlaces);
  const members = filledRows(draft.tables.members);
  const count = (key: string, value: string) => members.filter((row) => (row.values[key] ?? '').trim() === value).length;
  type Line = [string, string | number | null, string] | [string, { share: number }, string];
  const lines: Line[] = [
    ['创新联合体名称', consortiumTitle(template, draft), ''],
    ['地区', template.name, template.formTitle],
    ['成员单位总数', derived.memberCount, '含牵头单位，不含空行'],
    ...template.tiers.map((tier): Line => [`其中：${tier}`, count(memberKeys.tier, tier), '']),
    ...template.unitTypes.map((type): Line => [`${type}数量`, count(memberKeys.unitType, type), '按“单位类型”统计']),
    ['企业占比', { share: derived.enterpriseShare }, '企业数量 ÷ 成员单位总数'],
    ['高新技术企业数量', derived.highTechCount, '单位类型为企业且“是否高新技术企业”为是'],
    ['高新技术企业占企业比例', { share: derived.highTechShare }, '高新技术企业数量 ÷ 企业数量'],
    [`注册地在${template.shortName}的成员单位`, derived.registeredInRegionCount, '按统一社会信用代码第3–8位；“注册地”写明省、市、区县的，以注册地为准'],
    [`注册地在${template.shortName}的比例`, { share: derived.registeredShare }, '÷ 成员单位总数'],
    ['注册地无法判断的成员单位', derived.registrationUnknownCount, derived.registrationUnknownCount > 0 ? '请核对统一社会信用代码，或在“注册地”中写明省、市、区县' : ''],
    ['科研团队人数', filledRows(draft.tables.team).length, ''],
    ['科研平台数量', filledRows(draft.tables.platforms).length, ''],
    ['其中：国家级平台', derived.nationalPlatformCount, ''],
    ['其中：省级（含自治区级、省部级、市级）平台', derived.provincialPlatformCount, '按各地表格的平台级别'],
  ];
  const sheet = workbook.addSheet(summarySheetName, {
    frozen: { ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' },
    ...printSetup(`${title} 汇总`),
  });
  const shown = (value: Line[1]) => (value === null ? '' : typeof value === 'object' ? `${value.share}%` : String(value));
  const styles = workbook.styles;
  const columnStyles: CellStyle[] = [
    { vertical: 'top', wrap: true },
    { vertical: 'top', horizontal: 'right', wrap: true },
    { color: noteColor, vertical: 'top', wrap: true },
  ];
  const widths = [
    columnWidth('项目', lines.map((line) => line[0]), 'text'),
    columnWidth('数值', lines.map((line) => shown(line[1])), 'text'),
    columnWidth('说明', lines.map((line) => line[2]), 'longtext'),
  ];
  sheet.columns(widths.map((width, i) => ({ width, style: styles.style(columnStyles[i]) })));
  sheet.row(['项目', '数值', '说明'], styles.style(headerStyle));
  const bordered = columnStyles.map((style) => styles.style({ ...style, border: borderColor }));
  // Shares as real percentages, so they can be read and reused as numbers.
  const share = styles.style({ ...columnStyles[1], border: borderColor, numFmt: '0.0%' });
  const text = styles.style({ ...columnStyles[1], border: borderColor, numFmt: textFormat, horizontal: 'left' });
  for (const [label, value, note] of lines) {
    const isShare = value !== null && typeof value === 'object';
    const valueStyle = isShare ? share : typeof value === 'string' ? text : bordered[1];
    sheet.row([label, isShare ? value.share / 100 : value, note], [bordered[0], valueStyle, bordered[2]], {
      height: rowHeightFor([label, shown(value), note], widths),
    });
  }
}

/** The draft's member, team and platform lists with a 汇总 sheet, as one .xlsx. */
export function writeMemberWorkbook(template: RegionTemplate, draft: Draft): Promise<Buffer> {
  const title = consortiumTitle(template, draft);
  return buildWorkbook((workbook) => {
    workbook.title = `${title} 成员单位、科研团队、科研平台名单`;
    const lists = new OptionLists();
    for (const table of workbookTables) {
      const def = tableDef(template, table);
      writeListSheet(
        workbook,
        {
          name: workbookSheetNames[table],
          title: `${title} ${def.label}名单`,
          columns: listColumns(def),
          rows: filledRows(draft.tables[table]).map((row) => row.values),
          numbered: true,
        },
        lists,
      );
    }
    writeSummarySheet(workbook, template, draft, title);
    lists.write(workbook);
  });
}

/** The file name the draft's workbook is offered under. */
export function memberWorkbookFileName(template: RegionTemplate, draft: Draft): string {
  return `${safeFileName(consortiumTitle(template, draft), '创新联合体')}-成员单位及科研团队平台名单.xlsx`;
}

function templateNotes(template: RegionTemplate, tables: readonly WorkbookTable[]): string[] {
  const lines = [
    `本模板按“${template.formTitle}”的表格列制作，适用于${template.name}。`,
    '1. 请勿修改各表第一行的列名；不需要的列可以留空。',
    '2. 统一社会信用代码、身份证号等列已设为文本格式，请输入完整的18位代码，包括开头的 0 和末位的字母（如 X）。从别处粘贴时请使用“选择性粘贴 → 数值”或“只粘贴文本”。',
    '3. 带下拉箭头的列（单位类型、单位层级、是否高新技术企业、平台级别等）请从下拉列表中选择。',
    '4. 日期请写作 2024-05-01，年月写作 2024-05；年龄、数量只填数字。',
  ];
  if (tables.includes('members')) lines.push('5. 成员单位表第 1 行请填写牵头单位。');
  lines.push('填好后保存为 .xlsx，在软件相应步骤中选择“从 Excel 导入”即可导入；导入前会先显示预览和问题清单。');
  return lines;
}

/** Blank lists (all three, or one) with headers, formats and drop-down lists, for people to fill in. */
export function writeBlankTemplate(template: RegionTemplate, table?: WorkbookTable): Promise<Buffer> {
  const tables = table ? [table] : workbookTables;
  return buildWorkbook((workbook) => {
    workbook.title = `${template.shortName}创新联合体名单模板`;
    const lists = new OptionLists();
    for (const key of tables) {
      const def = tableDef(template, key);
      writeListSheet(
        workbook,
        { name: workbookSheetNames[key], title: `${def.label}名单`, columns: listColumns(def), rows: [], numbered: true, forFilling: true },
        lists,
      );
    }
    writeNotesSheet(workbook, templateNotesSheetName, `${template.shortName}创新联合体${tables.map((key) => workbookSheetNames[key]).join('、')}名单填写说明`, templateNotes(template, tables));
    lists.write(workbook);
  });
}

export function blankTemplateFileName(template: RegionTemplate, table?: WorkbookTable): string {
  return `${template.shortName}-${table ? workbookSheetNames[table] : '成员单位、科研团队、科研平台'}名单模板.xlsx`;
}
