import type { CodeTableKind } from '../code-tables';
import { filledRows, printedMembers } from '../derive';
import type { Block, DocumentModel, Inline, ParagraphBlock, Section, TableBlock, TableCell, TableRow } from '../document-model';
import { cellWidthForMm, fontSizePt, officialMargins, textWidthMm } from '../document-model';
import type { Draft, TableRow as DraftRow } from '../draft';
import { fieldKeys, memberKeys } from '../draft';
import type { ColumnDef, FieldDef, OpinionBlockData, RegionTemplate, TableDef } from '../region-template';
import { splitMultiselect } from '../validation';
import type { BuildOptions } from './common';
import {
  blankDate,
  cell,
  cellOf,
  columnWidths,
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
  text,
  textParagraphs,
} from './common';
import { coverFromData } from './cover';
import { planFields } from './implementation-plan';
import { styles } from './styles';

/**
 * 组建申请表 / 备案申请登记表: the cover, the 填表说明 page, then the main table laid out as the official one —
 * label and value cells where the form has them, the numbered sections with their tables, and the opinion
 * blocks with （盖章） and 年 月 日 left for hand and stamp. Labels, headings, instructions, blank rows, opinion
 * blocks and covers come from the region template and its package data; the code knows two layouts by kind:
 * 'common' (label | value pairs) and 'registration' (the 备案申请登记表's persons, codes and 技术领域).
 */

const tableWidth = textWidthMm(officialMargins);

export type { OpinionBlockData as OpinionBlock } from '../region-template';

/** The opinion blocks that close the region's form (牵头单位审核意见, 推荐意见, 专家组意见, 厅/局审核意见). */
export function opinionBlocks(template: RegionTemplate): OpinionBlockData[] {
  return template.package.applicationForm.opinions;
}

export function buildApplicationForm(template: RegionTemplate, draft: Draft, options: BuildOptions = {}): DocumentModel {
  const form = template.package.applicationForm;
  const registration = layoutOf(template) === 'registration';
  const body: Block[] = [
    paragraph('填表说明', { style: styles.pageTitle, align: 'center', spaceAfterPt: 24, outlineLevel: 1 }),
    ...template.instructions.map((line) =>
      paragraph(line, { style: styles.instructions, lineSpacing: { multiple: 1.5 }, firstLineChars: 2, align: 'justify' }),
    ),
    { kind: 'pageBreak' },
    paragraph(form.tableTitle ?? template.formTitle, {
      style: styles.pageTitle,
      align: 'center',
      spaceAfterPt: 12,
      outlineLevel: 1,
      keepWithNext: true,
    }),
    ...(registration ? registrationTables(template, draft, options) : commonTables(template, draft, options)),
  ];
  const sections: Section[] = [
    coverFromData(template, draft, form.cover, template.formTitle, options),
    { marginsMm: officialMargins, pageNumbers: 'restart', blocks: body },
  ];
  return { kind: 'applicationForm', title: template.formTitle, baseStyle: { font: 'song', size: '五号' }, sections };
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

/**
 * Numbers that must each stay on one line (身份证号, 电话): each kept whole, a line allowed to break only between
 * them where the user gave several (「0994-2356781、13899451276」). Their columns are made wide enough for one.
 */
export function numberRuns(value: string): Inline[] {
  // Several numbers go one to a line, each with the separator the user typed after it: left to the line breaker,
  // 「、」 (which may not open a line) drags the last digit of the number before it onto the next line.
  const parts = value.match(/[^、，,；;/\s]+[、，,；;/\s]*|[、，,；;/\s]+/g) ?? [];
  return parts.map((part, i) => text(i < parts.length - 1 ? `${part.trimEnd()}\n` : part, { noWrap: true }));
}

const numberCell = (value: string, colSpan = 1): TableCell =>
  cellOf([paragraph(value === '' ? [] : numberRuns(value), { align: 'center', style: styles.cell })], { colSpan });

/** Field types whose values are numbers a reader copies digit by digit: never broken inside. */
const numberTypes = new Set(['phone', 'idcard', 'uscc']);

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

function opinionRow(block: OpinionBlockData, span: number): TableRow {
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
  const rows = filledRows(draft.tables[definition.key]);
  const size = fontSizePt[styles.cell.size];
  const shortTypes = new Set(['yearMonth', 'date', 'age', 'integer', 'select', 'phone', 'idcard']);
  // Each value formatted once: it sizes its column (short kinds only) and fills its cell.
  const values = rows.map((data) => columns.map((column) => cellValue(column, data)));
  const minimums = columns.map((column, c) => {
    if (!shortTypes.has(column.type)) return 0;
    let widest = 0;
    for (const line of values) widest = Math.max(widest, cellWidthForMm(line[c], size));
    for (const option of column.options ?? []) widest = Math.max(widest, cellWidthForMm(option, size));
    return widest;
  });
  const widths = columnWidths(columns, tableWidth, definition.key, minimums);
  const minimum = template.package.applicationForm.blankRows[definition.key] ?? 0;
  const body: TableRow[] = values.map((line) => row(line.map((value) => valueCell(value)), { minHeightMm: 8 }));
  while (body.length < minimum) body.push(row(columns.map(() => cell('')), { minHeightMm: 8 }));
  return table(
    widths,
    [
      headingRow(definition.heading ?? definition.label, columns.length),
      row(columns.map((column) => labelCell(column.label)), { minHeightMm: 8, keepWithNext: true }),
      ...body,
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
    const uscc = (member.values[memberKeys.uscc] ?? '').trim();
    const lines: Inline[][] = [
      ...(leadMarked && index === 0 ? ['（牵头单位）'] : []),
      (member.values[memberKeys.name] ?? '').trim(),
      ...others
        .map((c) => [c.label, placeText(c, cellValue(c, member), options)] as const)
        .filter(([, value]) => value !== '')
        .map(([label, value]) => `${label}：${value}`),
    ]
      .filter((line) => line !== '')
      .map((line) => [text(line)]);
    // The 18-character credit code on a line of its own, never broken, under the name.
    if (uscc !== '') lines.splice(leadMarked && index === 0 ? 2 : 1, 0, numberRuns(uscc));
    return row(
      [
        cell(String(index + 1)),
        cellOf(lines.map((runs) => paragraph(runs, { align: 'center', style: styles.cell }))),
        cellOf(textParagraphs(role, { align: 'justify', style: styles.cell }), { vAlign: 'center' }),
      ],
      // A role far over its 200 字 could be taller than a page: then it may run on rather than be cut.
      { minHeightMm: 10, allowSplit: [...role].length > 600 },
    );
  });
  const minimum = template.package.applicationForm.blankRows.members ?? 0;
  while (body.length < minimum) {
    const n = body.length + 1;
    body.push(row([cell(String(n)), cell(leadMarked && n === 1 ? '（牵头单位）' : ''), cell('')], { minHeightMm: 10 }));
  }
  const numberMm = Math.max(14, cellWidthForMm('序号', fontSizePt[styles.cell.size]), cellWidthForMm(String(Math.max(body.length, minimum)), fontSizePt[styles.cell.size]));
  return table(
    [numberMm, 56, tableWidth - 56 - numberMm],
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
  const elsewhere = new Set([...planFields(template), ...template.package.fields].map((field) => field.key));
  for (const field of template.fields) {
    if (field.step !== 'texts' || field.extra || elsewhere.has(field.key) || !field.heading) continue;
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
      // What the rules ask that the form has no section for follows the part it belongs to (浙江's 3年战略目标).
      for (const extra of template.package.applicationForm.extraParts.filter((e) => e.after === part.field.key)) {
        current.rows.push(headingRow(extra.heading, span()));
        current.rows.push(freeTextRow(rawValue(draft, extra.field), span(), 40));
      }
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
      // The note belongs to its table: its last row goes to the next page with it rather than leave it alone.
      const last = current.rows[current.rows.length - 1];
      if (last) last.keepWithNext = true;
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
// The common layout (新疆 and 重庆's; 广西 and 浙江 publish no form and use it too)

function commonTables(template: RegionTemplate, draft: Draft, options: BuildOptions): Block[] {
  const form = template.package.applicationForm;
  const columns = [40, 38, 40, 38];
  const rows: TableRow[] = [];
  const coverOnly = new Set([fieldKeys.fillDate, ...form.coverOnlyFields]);
  const fullRow = new Set(form.fullRowFields);
  const labelFor = (field: FieldDef) => form.tableLabels[field.key] ?? field.label;
  const fields = template.fields.filter((f) => f.step === 'basic' && !f.extra && !coverOnly.has(f.key));
  const valueOf = (field: FieldDef) => fieldText(template, draft, field.key) || (field.type === 'date' ? blankDate : '');
  const valueFor = (field: FieldDef, colSpan = 1) =>
    numberTypes.has(field.type) ? numberCell(valueOf(field), colSpan) : valueCell(valueOf(field), colSpan);
  let pending: FieldDef[] = [];
  const flush = () => {
    if (pending.length === 2) {
      const [a, b] = pending;
      rows.push(row([labelCell(labelFor(a)), valueFor(a), labelCell(labelFor(b)), valueFor(b)], { minHeightMm: 10 }));
    } else if (pending.length === 1) {
      rows.push(row([labelCell(labelFor(pending[0])), valueFor(pending[0], 3)], { minHeightMm: 10 }));
    }
    pending = [];
  };
  for (const field of fields) {
    if (fullRow.has(field.key)) {
      flush();
      rows.push(row([labelCell(labelFor(field)), valueCell(valueOf(field), 3)], { minHeightMm: 10 }));
      continue;
    }
    pending.push(field);
    if (pending.length === 2) flush();
  }
  flush();
  const first = table(columns, rows);
  const tail = opinionBlocks(template).map((block) => opinionRow(block, 4));
  return partsBlocks(template, draft, first, tail, form.leadMarked, options);
}

// ---------------------------------------------------------------------------------------------------------
// The registration layout (备案申请登记表, 内蒙古's)

function registrationTables(template: RegionTemplate, draft: Draft, options: BuildOptions): Block[] {
  const form = template.package.applicationForm;
  const columns = personColumns(template, draft);
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
        numberCell(value(idKey)),
        labelCell(label(phoneKey, '联系电话')),
        numberCell(value(phoneKey)),
      ],
      { minHeightMm: 10 },
    );
  const coded = (key: string, fallback: string, kind: CodeTableKind) => {
    const code = rawValue(draft, key);
    const name = code !== '' ? (options.codeName?.(kind, code) ?? '') : '';
    return row(
      [labelCell(label(key, fallback)), cellOf([paragraph([text('代码　'), text(code, { noWrap: true })], { align: 'left', style: styles.cell })], { colSpan: 2 }), valueCell(`名称：${name}`, 3, 'left')],
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
  const tail: TableRow[] = [];
  if (form.commitment) {
    const commitment = form.commitment;
    tail.push(
      headingRow(commitment.heading, 1),
      row(
        [
          cellOf(
            [
              paragraph(commitment.text, { style: styles.cell, firstLineChars: 2, align: 'justify', spaceBeforePt: 6, lineSpacing: { multiple: 1.5 } }),
              paragraph(`${commitment.seal}　　　　　　　　　　`, { style: styles.cell, align: 'right', spaceBeforePt: 48 }),
              paragraph(`${commitment.signer}　　　　　　`, { style: styles.cell, align: 'right', spaceBeforePt: 36 }),
              paragraph('年　　月　　日　　', { style: styles.cell, align: 'right', spaceBeforePt: 18, spaceAfterPt: 6 }),
            ],
            { vAlign: 'top' },
          ),
        ],
        { minHeightMm: 60 },
      ),
    );
  }
  tail.push(...opinionBlocks(template).map((b) => opinionRow(b, 1)));
  return partsBlocks(template, draft, first, tail, form.leadMarked, options);
}

/**
 * The registration table's six columns, from what they must hold: an 18-digit 身份证号 and a phone number on one
 * line each (Word breaks a run of digits anywhere once it does not fit), labels on one line, names in the rest.
 */
function personColumns(template: RegionTemplate, draft: Draft): number[] {
  const size = fontSizePt[styles.cell.size];
  const widest = (texts: string[]) => Math.max(...texts.map((t) => cellWidthForMm(t, size)));
  const values = (keys: string[]) => keys.map((key) => rawValue(draft, key));
  const labels = (keys: string[], fallback: string) => keys.map((key) => labelOf(template, key, fallback));
  const nameLabel = widest(labels(['legalRepName', fieldKeys.contactName], '法人代表'));
  const idLabel = widest(labels(['legalRepIdCard', 'contactIdCard'], '身份证号'));
  const phoneLabel = widest(labels(['legalRepPhone', fieldKeys.contactPhone], '联系电话'));
  const id = widest(['000000000000000000', ...values(['legalRepIdCard', 'contactIdCard'])]);
  const phone = widest(['0000-0000000', ...values(['legalRepPhone', fieldKeys.contactPhone])]);
  const name = tableWidth - nameLabel - idLabel - id - phoneLabel - phone;
  return [nameLabel, name, idLabel, id, phoneLabel, phone];
}
