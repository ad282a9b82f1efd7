import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { filledRows, leadRowOf } from '../../../shared/derive';
import type { Draft, TableRow } from '../../../shared/draft';
import { fieldKeys, memberKeys } from '../../../shared/draft';
import { UserError } from '../../../shared/errors';
import type { ColumnDef, RegionTemplate } from '../../../shared/region-template';
import { normalizeUscc } from '../../../shared/validation';
import type { CollectionFile } from '../../../shared/workbooks';
import { collectionFormat } from '../../../shared/workbooks';
import { writeAtomic } from '../../files/atomic-write';
import { listColumns, tableDef } from '../headers';
import {
  borderColor,
  buildWorkbook,
  cellValueFor,
  columnWidth,
  isTextColumn,
  noteColor,
  OptionLists,
  printSetup,
  rowHeightFor,
  safeFileName,
  textFormat,
  validationFor,
  writeListSheet,
  writeNotesSheet,
  headerStyle,
  type CellStyle,
  type XlsxWriter,
} from '../writer';
import { collectionSheets, findMember, memberColumns, rowsOfUnit, unitColumnOf } from './sheets';

/** Writing the collection workbooks (信息采集表) sent to the member units. */

/** The 本单位信息 sheet: one row per detail, label | value | how to fill it. */
function writeMemberSheet(workbook: XlsxWriter, template: RegionTemplate, member: TableRow, lists: OptionLists, title: string): void {
  const columns = memberColumns(template);
  const help = (column: ColumnDef): string => {
    const parts: string[] = [];
    if (column.key === memberKeys.uscc) parts.push('用于识别贵单位，请仔细核对；如有误请直接改正');
    if (column.required) parts.push('必填');
    if (column.type === 'select' || column.type === 'boolean') parts.push('请从下拉列表中选择');
    if (column.maxChars) parts.push(`限 ${column.maxChars} 字`);
    // The form's own help is written for the lead unit; the name's (第1行为牵头单位) would only confuse.
    if (column.help && column.key !== memberKeys.name) parts.push(column.help);
    return parts.join('；');
  };
  const sheet = workbook.addSheet(collectionSheets.member, {
    frozen: { ySplit: 1, topLeftCell: 'A2', activeCell: 'B2' },
    ...printSetup(title),
  });
  const values = columns.map((column) => cellValueFor(column, member.values[column.key] ?? ''));
  const styles = workbook.styles;
  const columnStyles: CellStyle[] = [
    { bold: true, vertical: 'top', wrap: true },
    { vertical: 'top', wrap: true, numFmt: textFormat },
    { size: 10, color: noteColor, vertical: 'top', wrap: true },
  ];
  const widths = [columnWidth('项目', columns.map((column) => column.label), 'text'), 50, columnWidth('说明', columns.map(help), 'longtext')];
  sheet.columns(widths.map((width, i) => ({ width, style: styles.style(columnStyles[i]) })));
  sheet.row(['项目', '填写内容', '说明'], styles.style(headerStyle), { height: 20 });
  const bordered = columnStyles.map((style) => styles.style({ ...style, border: borderColor }));
  const general = styles.style({ ...columnStyles[1], border: borderColor, numFmt: 'General' });
  columns.forEach((column, i) => {
    const note = help(column);
    // The 200-字 role needs room to be written in.
    const height = Math.max(column.type === 'longtext' ? 120 : 0, rowHeightFor([column.label, String(values[i]), note], widths));
    sheet.row([column.label, values[i], note], [bordered[0], isTextColumn(column.type) ? bordered[1] : general, bordered[2]], { height });
    const validation = validationFor(column, lists);
    if (validation) sheet.validate(`B${i + 2}:B${i + 2}`, validation);
  });
}

function writeMarkerSheet(workbook: XlsxWriter, template: RegionTemplate, draft: Draft, member: TableRow): void {
  const sheet = workbook.addSheet(collectionSheets.marker, { hidden: true });
  const text = workbook.styles.style({ font: 'Calibri', numFmt: textFormat });
  sheet.columns([{ width: 16 }, { width: 40, style: text }]);
  const entries: Array<[string, string]> = [
    ['format', collectionFormat],
    ['version', '1'],
    ['regionId', template.id],
    ['draftId', draft.id],
    ['memberRowId', member.id],
    ['uscc', normalizeUscc(member.values[memberKeys.uscc] ?? '')],
    ['name', member.values[memberKeys.name] ?? ''],
    ['createdAt', new Date().toISOString()],
  ];
  for (const entry of entries) sheet.row(entry, [0, text]);
}

/** The workbook sent to one member unit, pre-filled with what the draft knows about it. */
export function writeCollectionWorkbook(template: RegionTemplate, draft: Draft, memberRowId: string): Promise<Buffer> {
  const member = findMember(draft, memberRowId);
  const memberName = (member.values[memberKeys.name] ?? '').trim() || '（未填写单位名称）';
  const consortium = (draft.fields[fieldKeys.consortiumName] ?? '').trim() || `${template.shortName}创新联合体`;
  const lead = leadRowOf(draft);
  const leadName = lead?.values[memberKeys.name]?.trim() || '牵头单位';
  const contact = [draft.fields[fieldKeys.contactName], draft.fields[fieldKeys.contactPhone]].filter((part) => part && part.trim()).join('，');
  const tier = (member.values[memberKeys.tier] ?? '').trim();
  const title = `${consortium} 成员单位信息采集表（${memberName}）`;
  return buildWorkbook((workbook) => {
    workbook.title = title;
    const lists = new OptionLists();
    writeNotesSheet(workbook, collectionSheets.notes, title, [
      `致 ${memberName}：`,
      `${leadName}正在组织申报“${consortium}”，请贵单位填写本表并发回${contact ? `（联系人：${contact}）` : ''}。`,
      ...(tier ? [`贵单位在联合体中的层级：${tier}（由牵头单位确定，无需填写）。`] : []),
      `1. “${collectionSheets.member}”：贵单位的名称、统一社会信用代码、地位与分工、联系人等。已知的内容已预先填好，请核对；有误请直接改正。`,
      `2. “${collectionSheets.team}”：贵单位参加本联合体科研团队的人员，每人一行。`,
      `3. “${collectionSheets.platforms}”：贵单位已建的科研平台，每个平台一行。`,
      '4. 统一社会信用代码等列已设为文本格式，请输入完整代码（含末位字母，如 X）；带下拉箭头的单元格请从列表中选择。',
      '5. 请不要修改工作表名称、表头和隐藏的工作表，不要另存为其他格式；填好后保存为 .xlsx 文件发回即可。',
    ]);
    writeMemberSheet(workbook, template, member, lists, title);
    for (const table of ['team', 'platforms'] as const) {
      const def = tableDef(template, table);
      writeListSheet(
        workbook,
        {
          name: collectionSheets[table],
          title: `${memberName} ${def.label}`,
          columns: listColumns(def, [unitColumnOf[table]]),
          rows: rowsOfUnit(draft, table, member.values[memberKeys.name] ?? '').map((row) => row.values),
          numbered: true,
          forFilling: true,
        },
        lists,
      );
    }
    lists.write(workbook);
    writeMarkerSheet(workbook, template, draft, member);
  });
}

export function collectionFileName(member: TableRow, index: number): string {
  const number = String(index + 1).padStart(2, '0');
  return `信息采集表-${number}-${safeFileName(member.values[memberKeys.name] ?? '', `成员单位${number}`)}.xlsx`;
}

/** One collection workbook per member unit (the lead included), written into `dir`. */
export async function writeCollectionFiles(template: RegionTemplate, draft: Draft, dir: string): Promise<CollectionFile[]> {
  if (!isAbsolute(dir)) throw new UserError('export.folder', '导出文件夹必须是完整路径。', `not absolute: ${dir}`);
  const members = filledRows(draft.tables.members);
  if (members.length === 0) {
    throw new UserError('collect.noMembers', '成员单位表还是空的：请先添加成员单位，再生成信息采集表。', 'no members');
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UserError('export.folder', `无法创建文件夹“${dir}”，请检查权限或换一个位置。`, String(error));
  }
  const files: CollectionFile[] = [];
  for (const [index, member] of members.entries()) {
    const fileName = collectionFileName(member, index);
    const path = join(dir, fileName);
    // Beside the final name, then renamed: a full disk never leaves half a workbook where a good one was.
    await writeAtomic(path, await writeCollectionWorkbook(template, draft, member.id));
    files.push({ memberRowId: member.id, memberName: member.values[memberKeys.name] ?? '', fileName, path });
  }
  return files;
}

