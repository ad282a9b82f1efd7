import type { CodeTableKind } from '../code-tables';
import { filledRows, printedMembers } from '../derive';
import type { Block, DocumentModel, ParagraphBlock, Section, TableBlock, TableCell, TableRow } from '../document-model';
import { formMargins, textWidthMm } from '../document-model';
import type { Draft, TableRow as DraftRow } from '../draft';
import { fieldKeys, memberKeys } from '../draft';
import type { ColumnDef, FieldDef, RegionId, RegionTemplate, TableDef } from '../region-template';
import { splitMultiselect } from '../validation';
import type { BuildOptions } from './common';
import {
  blankDate,
  cell,
  cellOf,
  columnWidths,
  consortiumWord,
  coverTitleLines,
  fieldDef,
  fieldText,
  formatValue,
  headingNumber,
  labelOf,
  layoutOf,
  leadNameOf,
  paragraph,
  rawValue,
  row,
  textParagraphs,
} from './common';
import { coverSection } from './cover';
import { planFieldPrefix } from './implementation-plan';
import { styles } from './styles';

/**
 * 组建申请表 / 备案申请登记表: the cover, the 填表说明 page, then the main table laid out as the official one —
 * label and value cells where the form has them, the numbered sections with their tables, and the opinion
 * blocks with （盖章） and 年 月 日 left for hand and stamp. Labels, headings and instructions come from the
 * region template; what is genuinely per form (which cells merge, how many blank rows, the opinion blocks)
 * is below, per layout: 'common' (新疆, 重庆, and 广西/浙江 which publish no form) and 'neimenggu'.
 */

const tableWidth = textWidthMm(formMargins);


/** How many rows the blank official form prints for each table (the filled form has at least as many). */
const blankRows: Record<RegionId, Record<string, number>> = {
  xinjiang: { team: 8, platforms: 6, members: 10, council: 5 },
  guangxi: { team: 8, platforms: 6, members: 10, council: 5 },
  zhejiang: { team: 8, platforms: 6, members: 10, council: 7 },
  chongqing: { team: 8, platforms: 5, members: 5, council: 5 },
  neimenggu: { team: 10, platforms: 5, members: 8, council: 5 },
};

export interface OpinionBlock {
  title: string;
  /** The line the signer stamps or signs over. */
  signer: string;
}

/** The opinion blocks that close each region's form (牵头单位审核意见, 推荐意见, 专家组意见, 厅/局审核意见). */
export function opinionBlocks(template: RegionTemplate): OpinionBlock[] {
  const lead: OpinionBlock = { title: '牵头单位审核意见', signer: '牵头单位（盖章）：' };
  switch (template.id) {
    case 'xinjiang':
      return [
        lead,
        { title: '地（州、市）科技部门推荐意见', signer: '单位（盖章）：' },
        { title: '科技厅审核意见', signer: `${template.issuer}（盖章）：` },
      ];
    case 'chongqing':
      return [
        lead,
        { title: '专家组意见', signer: '专家签字：' },
        { title: `${template.issuer}审核意见`, signer: `${template.issuer}（盖章）：` },
      ];
    case 'guangxi':
      return [
        lead,
        { title: '设区市科技局或所属行业自治区主管部门审核推荐意见', signer: '推荐单位（盖章）：' },
        { title: '自治区科技厅审核意见', signer: `${template.issuer}（盖章）：` },
      ];
    case 'zhejiang':
      return [
        lead,
        { title: '设区市科技局审核意见', signer: '设区市科技局（盖章）：' },
        { title: '省科技厅审核意见', signer: `${template.issuer}（盖章）：` },
      ];
    case 'neimenggu':
      return [lead];
  }
}

/** Inner Mongolia's 承诺书 block, as printed in its form (六、承诺书). */
export const neimengguCommitment = {
  heading: '六、承诺书',
  text: '本单位承诺：以本单位作为牵头单位提交的创新联合体备案材料内容可靠，数据真实。并承担因资料虚假而产生的法律和行政责任。',
  seal: '（公章）',
  signer: '法定代表人（授权人）签章：',
};

export function buildApplicationForm(template: RegionTemplate, draft: Draft, options: BuildOptions = {}): DocumentModel {
  const neimenggu = layoutOf(template) === 'neimenggu';
  const body: Block[] = [
    paragraph('填表说明', { style: styles.pageTitle, align: 'center', spaceAfterPt: 24, outlineLevel: 1 }),
    ...template.instructions.map((line) =>
      paragraph(line, { style: styles.instructions, lineSpacing: { multiple: 1.5 }, firstLineChars: 2, align: 'justify' }),
    ),
    { kind: 'pageBreak' },
    paragraph(neimenggu ? `${template.name}创新联合体组建申请备案表` : template.formTitle, {
      style: styles.pageTitle,
      align: 'center',
      spaceAfterPt: 12,
      outlineLevel: 1,
      keepWithNext: true,
    }),
    ...(neimenggu ? neimengguTables(template, draft, options) : commonTables(template, draft, options)),
  ];
  const sections: Section[] = [
    coverSection(neimenggu ? neimengguCover(template, draft) : commonCover(template, draft)),
    { marginsMm: formMargins, pageNumbers: 'restart', blocks: body },
  ];
  return { kind: 'applicationForm', title: template.formTitle, baseStyle: { font: 'song', size: '五号' }, sections };
}

// ---------------------------------------------------------------------------------------------------------
// Covers

function commonCover(template: RegionTemplate, draft: Draft) {
  return {
    titleLines: coverTitleLines(template.formTitle),
    lines: [
      { label: `${consortiumWord(template)}名称`, value: rawValue(draft, fieldKeys.consortiumName) },
      { label: labelOf(template, fieldKeys.industryField, '产业领域'), value: rawValue(draft, fieldKeys.industryField) },
      { label: '牵头单位', value: leadNameOf(draft), suffix: '（盖章）' },
      { label: labelOf(template, fieldKeys.contactName, '联系人'), value: rawValue(draft, fieldKeys.contactName) },
      { label: labelOf(template, fieldKeys.contactPhone, '联系电话'), value: rawValue(draft, fieldKeys.contactPhone) },
      { label: labelOf(template, fieldKeys.fillDate, '填报日期'), value: fieldText(template, draft, fieldKeys.fillDate) || blankDate },
    ],
    footLines: [`${template.issuer}制`],
  };
}

function neimengguCover(template: RegionTemplate, draft: Draft) {
  return {
    titleLines: coverTitleLines(template.formTitle),
    lines: [
      { label: labelOf(template, fieldKeys.consortiumName, '创新联合体名称'), value: rawValue(draft, fieldKeys.consortiumName) },
      { label: '牵头单位', value: leadNameOf(draft) },
      { label: labelOf(template, fieldKeys.contactName, '联系人'), value: rawValue(draft, fieldKeys.contactName) },
      { label: '联系电话', value: rawValue(draft, fieldKeys.contactPhone) },
      { label: labelOf(template, fieldKeys.fillDate, '填报日期'), value: fieldText(template, draft, fieldKeys.fillDate) || blankDate },
    ],
    // The form as issued: 「内蒙古自治区科学技术厅 / 2023年制」.
    footLines: [template.issuer, '2023年制'],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Cells shared by both layouts

const labelCell = (label: string, colSpan = 1, rowSpan = 1): TableCell =>
  cell(label, { colSpan, rowSpan, style: styles.cell });

const valueCell = (value: string, colSpan = 1, align: 'center' | 'left' = 'center'): TableCell =>
  // The blanks of a date not given keep their room for the hand-written year.
  value === '' || value === blankDate
    ? cell(value, { colSpan, style: styles.cell })
    : cellOf(textParagraphs(value, { align, style: styles.cell }), { colSpan });

/** A numbered section's title row (「一、技术创新目标（限500字）」) across the whole table. */
function headingRow(heading: string, span: number): TableRow {
  return row([cellOf([paragraph(heading, { style: styles.cellStrong, align: 'left' })], { colSpan: span })], {
    keepWithNext: true,
    minHeightMm: 8,
  });
}

/** Free text inside one cell that may run over several pages (never cut, never pushed whole to the next page). */
function freeTextRow(value: string, span: number, minHeightMm: number): TableRow {
  const blocks = textParagraphs(value, {
    style: styles.cell,
    firstLineChars: 2,
    align: 'justify',
    lineSpacing: { multiple: 1.25 },
  });
  return row([cellOf(blocks, { colSpan: span, vAlign: 'top' })], { minHeightMm, allowSplit: true });
}

function opinionRow(block: OpinionBlock, span: number): TableRow {
  const blocks: ParagraphBlock[] = [
    paragraph(block.title, { style: styles.cellStrong, align: 'left' }),
    paragraph(`${block.signer}　　　　　　`, { style: styles.cell, align: 'right', spaceBeforePt: 84 }),
    paragraph('年　　月　　日　　', { style: styles.cell, align: 'right', spaceBeforePt: 12, spaceAfterPt: 6 }),
  ];
  return row([cellOf(blocks, { colSpan: span, vAlign: 'top' })], { minHeightMm: 50 });
}

function table(columnsMm: number[], rows: TableRow[], options: { headerRows?: number; joinAbove?: boolean } = {}): TableBlock {
  return { kind: 'table', borders: 'grid', columnsMm, rows, style: styles.cell, ...options };
}

/** The columns of a repeating table that the form prints (not the 'extra' ones kept for rules and Excel). */
function printedColumns(definition: TableDef): ColumnDef[] {
  return definition.columns.filter((column) => !column.extra);
}

function cellValue(column: ColumnDef, row: DraftRow): string {
  return formatValue(column.type, row.values[column.key] ?? '');
}

/**
 * A repeating table (科研团队, 科研平台, 理事会) as its own table: the section title and column labels repeat
 * on every page it runs onto; blank rows up to the official form's count.
 */
function listTable(template: RegionTemplate, draft: Draft, definition: TableDef): TableBlock {
  const columns = printedColumns(definition);
  const widths = columnWidths(columns, tableWidth, definition.key);
  const rows = filledRows(draft.tables[definition.key]);
  const minimum = blankRows[template.id][definition.key] ?? 0;
  const body: TableRow[] = rows.map((data) =>
    row(columns.map((column) => valueCell(cellValue(column, data)))),
  );
  while (body.length < minimum) body.push(row(columns.map(() => cell('')), { minHeightMm: 8 }));
  return table(
    widths,
    [
      headingRow(definition.heading ?? definition.label, columns.length),
      row(columns.map((column) => labelCell(column.label)), { minHeightMm: 8, keepWithNext: true }),
      ...body.map((r) => ({ ...r, minHeightMm: r.minHeightMm ?? 8 })),
    ],
    { headerRows: 2, joinAbove: true },
  );
}

/**
 * 成员单位: 序号 | 成员单位名称及统一社会信用代码 | 地位与分工. The lead first; more than the form's 20 → the main
 * members only (printedMembers). Printed columns other than those three (广西's 注册地) go under the name.
 */
function memberTable(
  template: RegionTemplate,
  draft: Draft,
  definition: TableDef,
  leadMarked: boolean,
  options: BuildOptions,
): TableBlock {
  const column = (key: string) => definition.columns.find((c) => c.key === key);
  const nameLabel = column(memberKeys.name)?.label ?? '成员单位名称';
  const usccLabel = column(memberKeys.uscc)?.label ?? '统一社会信用代码';
  const roleLabel = column(memberKeys.role)?.label ?? '在行业（或领域）中的地位，在联合体内分工（限200字）';
  const others = printedColumns(definition).filter(
    (c) => c.key !== memberKeys.name && c.key !== memberKeys.uscc && c.key !== memberKeys.role,
  );
  const members = printedMembers(template, draft);
  const body: TableRow[] = members.map((member, index) => {
    const role = member.values[memberKeys.role] ?? '';
    const lines = [
      ...(leadMarked && index === 0 ? ['（牵头单位）'] : []),
      (member.values[memberKeys.name] ?? '').trim(),
      (member.values[memberKeys.uscc] ?? '').trim(),
      ...others
        .map((c) => [c.label, placeText(c, cellValue(c, member), options)] as const)
        .filter(([, value]) => value !== '')
        .map(([label, value]) => `${label}：${value}`),
    ].filter((line) => line !== '');
    return row(
      [
        cell(String(index + 1)),
        cellOf(lines.map((line) => paragraph(line, { align: 'center', style: styles.cell }))),
        cellOf(textParagraphs(role, { align: 'justify', style: styles.cell }), { vAlign: 'center' }),
      ],
      // A role far over its 200 字 could be taller than a page: then it may run on rather than be cut.
      { minHeightMm: 10, allowSplit: [...role].length > 600 },
    );
  });
  const minimum = blankRows[template.id].members ?? 0;
  while (body.length < minimum) {
    const n = body.length + 1;
    body.push(row([cell(String(n)), cell(leadMarked && n === 1 ? '（牵头单位）' : ''), cell('')], { minHeightMm: 10 }));
  }
  return table(
    [14, 56, tableWidth - 70],
    [
      headingRow(definition.heading ?? definition.label, 3),
      row([labelCell('序号'), labelCell(`${nameLabel}\n及${usccLabel}`), labelCell(roleLabel)], { minHeightMm: 10, keepWithNext: true }),
      ...body,
    ],
    { headerRows: 2, joinAbove: true },
  );
}

/** 注册地 typed as a division code is printed as the place it names, with the code. */
function placeText(column: ColumnDef, value: string, options: BuildOptions): string {
  if (column.key !== memberKeys.registrationPlace || !/^\d{6}$/.test(value)) return value;
  const name = options.placeName?.(value);
  return name ? `${name}（${value}）` : value;
}

/** The form's numbered parts after the basic table, in the order of their numbers (一、二、 … 七、). */
type Part = { number: number; kind: 'text'; field: FieldDef } | { number: number; kind: 'table'; table: TableDef };

function formParts(template: RegionTemplate): Part[] {
  const parts: Part[] = [];
  for (const field of template.fields) {
    if (field.step !== 'texts' || field.extra || field.key.startsWith(planFieldPrefix) || !field.heading) continue;
    const number = headingNumber(field.heading);
    if (number !== null) parts.push({ number, kind: 'text', field });
  }
  for (const definition of template.tables) {
    const number = definition.heading ? headingNumber(definition.heading) : null;
    if (number !== null) parts.push({ number, kind: 'table', table: definition });
  }
  return parts.sort((a, b) => a.number - b.number);
}

const textMinHeight: Record<string, number> = { goals: 70, chiefScientistCv: 50, cooperationBasis: 40 };

/**
 * The parts of the form in order: text parts join the table above them; each repeating table is a table of
 * its own (so its header repeats); the opinion blocks close the last one.
 */
function partsBlocks(
  template: RegionTemplate,
  draft: Draft,
  first: TableBlock,
  tail: TableRow[],
  leadMarked: boolean,
  options: BuildOptions,
): Block[] {
  const blocks: Block[] = [first];
  let current = first;
  const span = () => current.columnsMm.length;
  const textTable = (): TableBlock => {
    const created = table([tableWidth], [], { joinAbove: true });
    blocks.push(created);
    return created;
  };
  let needTextTable = false;
  for (const part of formParts(template)) {
    if (part.kind === 'text') {
      if (needTextTable) {
        current = textTable();
        needTextTable = false;
      }
      current.rows.push(headingRow(part.field.heading ?? part.field.label, span()));
      current.rows.push(freeTextRow(rawValue(draft, part.field.key), span(), textMinHeight[part.field.key] ?? 40));
      continue;
    }
    const definition = part.table;
    current =
      definition.key === 'members'
        ? memberTable(template, draft, definition, leadMarked, options)
        : listTable(template, draft, definition);
    blocks.push(current);
    needTextTable = true;
    if (definition.note) {
      blocks.push(paragraph(definition.note, { style: styles.note, spaceBeforePt: 3, spaceAfterPt: 3 }));
      current = textTable();
      current.joinAbove = false;
      needTextTable = false;
    }
  }
  if (needTextTable) current = textTable();
  for (const r of tail) current.rows.push(spanRow(r, span()));
  // A text table left empty (nothing followed the last list) is dropped.
  return blocks.filter((block) => block.kind !== 'table' || block.rows.length > 0);
}

function spanRow(r: TableRow, span: number): TableRow {
  return { ...r, cells: r.cells.map((c) => ({ ...c, colSpan: span })) };
}

// ---------------------------------------------------------------------------------------------------------
// The common layout (新疆, 重庆, 广西, 浙江)

/** Fields printed only on the cover: 重庆's table has no 联系人 row. */
function coverOnlyKeys(template: RegionTemplate): Set<string> {
  const keys = new Set<string>([fieldKeys.fillDate]);
  if (template.id === 'chongqing') {
    keys.add(fieldKeys.contactName);
    keys.add(fieldKeys.contactPhone);
  }
  return keys;
}

/** Names take a whole row; every other basic field is paired with the next, label | value | label | value. */
const fullRowKeys = new Set<string>([fieldKeys.consortiumName, 'leadUnit']);

function commonTables(template: RegionTemplate, draft: Draft, options: BuildOptions): Block[] {
  const columns = [40, 38, 40, 38];
  const rows: TableRow[] = [];
  const coverOnly = coverOnlyKeys(template);
  const fields = template.fields.filter((f) => f.step === 'basic' && !f.extra && !coverOnly.has(f.key));
  const valueOf = (field: FieldDef) => fieldText(template, draft, field.key) || (field.type === 'date' ? blankDate : '');
  let pending: FieldDef[] = [];
  const flush = () => {
    if (pending.length === 2) {
      const [a, b] = pending;
      rows.push(row([labelCell(a.label), valueCell(valueOf(a)), labelCell(b.label), valueCell(valueOf(b))], { minHeightMm: 10 }));
    } else if (pending.length === 1) {
      rows.push(row([labelCell(pending[0].label), valueCell(valueOf(pending[0]), 3)], { minHeightMm: 10 }));
    }
    pending = [];
  };
  for (const field of fields) {
    if (fullRowKeys.has(field.key)) {
      flush();
      rows.push(row([labelCell(field.label), valueCell(valueOf(field), 3)], { minHeightMm: 10 }));
      continue;
    }
    pending.push(field);
    if (pending.length === 2) flush();
  }
  flush();
  const first = table(columns, rows);
  const tail = opinionBlocks(template).map((block) => opinionRow(block, 4));
  return partsBlocks(template, draft, first, tail, false, options);
}

// ---------------------------------------------------------------------------------------------------------
// Inner Mongolia (备案申请登记表)

function neimengguTables(template: RegionTemplate, draft: Draft, options: BuildOptions): Block[] {
  const columns = [22, 26, 20, 40, 20, 28];
  const label = (key: string, fallback: string) => labelOf(template, key, fallback);
  const value = (key: string) => fieldText(template, draft, key);
  const wide = (labelText: string, valueText: string) =>
    row([labelCell(labelText, 2), valueCell(valueText, 4)], { minHeightMm: 10 });
  const person = (nameKey: string, idKey: string, phoneKey: string, nameFallback: string) =>
    row(
      [
        labelCell(label(nameKey, nameFallback)),
        valueCell(value(nameKey)),
        labelCell(label(idKey, '身份证号')),
        valueCell(value(idKey)),
        labelCell(label(phoneKey, '联系电话')),
        valueCell(value(phoneKey)),
      ],
      { minHeightMm: 10 },
    );
  const coded = (key: string, fallback: string, kind: CodeTableKind) => {
    const code = rawValue(draft, key);
    const name = code !== '' ? (options.codeName?.(kind, code) ?? '') : '';
    return row(
      [labelCell(label(key, fallback)), valueCell(`代码　${code}`, 1, 'left'), valueCell(`名称：${name}`, 4, 'left')],
      { minHeightMm: 10 },
    );
  };
  const pair = (a: string, b: string) =>
    row(
      [
        labelCell(label(a, a), 2),
        valueCell(value(a)),
        labelCell(label(b, b), 2),
        valueCell(value(b)),
      ],
      { minHeightMm: 10 },
    );

  const techField = fieldDef(template, 'techFields');
  const shown = (option: string) => techField?.optionLabels?.[option] ?? option;
  const choices = (techField?.options ?? []).map(shown);
  const chosen = splitMultiselect(rawValue(draft, 'techFields')).map((item) => {
    // Stored as letters (「C,O,Q」); printed with their names, and Q with what the user wrote for it.
    const option = shown(item);
    const other = rawValue(draft, 'techFieldOther');
    return item.startsWith('Q') && other !== '' ? `${option}（${other}）` : option;
  });
  const legend = `（选填，最多填写三项）${choices.join('　')}`;
  const techRows: TableRow[] = [
    row(
      [
        labelCell('技术领域', 1, 3),
        labelCell(techField?.label ?? '主要技术领域'),
        cellOf(
          [
            paragraph(chosen.join('；'), { style: styles.cell, align: 'left' }),
            paragraph(legend, { style: styles.cellSmall, align: 'left', spaceBeforePt: 2 }),
          ],
          { colSpan: 4 },
        ),
      ],
      { minHeightMm: 14 },
    ),
    row([labelCell(label('otherTechField1', '其他涉及技术领域')), valueCell(value('otherTechField1'), 4, 'left')], { minHeightMm: 9 }),
    row([labelCell(label('otherTechField2', '其他涉及技术领域')), valueCell(value('otherTechField2'), 4, 'left')], { minHeightMm: 9 }),
  ];

  const rows: TableRow[] = [
    wide(label(fieldKeys.consortiumName, '创新联合体名称'), value(fieldKeys.consortiumName)),
    wide(label(fieldKeys.agreementDate, '创新联合体协议生效时间'), value(fieldKeys.agreementDate) || blankDate),
    wide(label('leadUnit', '创新联合体牵头单位'), leadNameOf(draft)),
    person('legalRepName', 'legalRepIdCard', 'legalRepPhone', '法人代表'),
    person(fieldKeys.contactName, 'contactIdCard', fieldKeys.contactPhone, '联系人'),
    coded('industryCode', '行业类别', 'industry'),
    coded('disciplineCode', '国标学科', 'discipline'),
    ...techRows,
    pair('nationalPlatformCount', 'provincialPlatformCount'),
    pair('memberCount', 'enterpriseCount'),
    pair('universityCount', 'instituteCount'),
  ];
  const first = table(columns, rows);
  const commitment = row(
    [
      cellOf(
        [
          paragraph(neimengguCommitment.text, { style: styles.cell, firstLineChars: 2, align: 'justify', spaceBeforePt: 6, lineSpacing: { multiple: 1.5 } }),
          paragraph(`${neimengguCommitment.seal}　　　　　　　　　　`, { style: styles.cell, align: 'right', spaceBeforePt: 48 }),
          paragraph(`${neimengguCommitment.signer}　　　　　　`, { style: styles.cell, align: 'right', spaceBeforePt: 36 }),
          paragraph('年　　月　　日　　', { style: styles.cell, align: 'right', spaceBeforePt: 18, spaceAfterPt: 6 }),
        ],
        { vAlign: 'top' },
      ),
    ],
    { minHeightMm: 60 },
  );
  const tail = [headingRow(neimengguCommitment.heading, 1), commitment, ...opinionBlocks(template).map((b) => opinionRow(b, 1))];
  return partsBlocks(template, draft, first, tail, true, options);
}
