import type { CodeTableKind } from '../code-tables';
import { deriveValues, filledRows, leadRowOf } from '../derive';
import type {
  Align,
  ImageInline,
  Inline,
  ParagraphBlock,
  TableCell,
  TableRow,
  TextStyle,
} from '../document-model';
import type { Draft, TableRow as DraftRow } from '../draft';
import { fieldKeys, memberKeys } from '../draft';
import type { ColumnDef, FieldDef, PackageData, RegionTemplate, TableDef, TableId } from '../region-template';
import { normalizeDate, normalizeYearMonth, splitMultiselect } from '../validation';

/**
 * Building blocks shared by the document builders: short constructors for paragraphs and cells, reading values
 * from a draft by the template's keys, and the Chinese ways of writing dates and numbers the forms use.
 */

/** Options every builder takes. */
export interface BuildOptions {
  /**
   * Pictures the user added to sections of the 实施方案, by field key (flow charts, tables as images); each is
   * at most 100 KB (see imageInline). Drafts do not store pictures yet, so callers pass them in.
   */
  planImages?: Record<string, ImageInline[]>;
  /**
   * The name of a national code (行业类别 3232 → 稀土金属冶炼), where the caller has the code tables (the core
   * does); without it the form prints the code and leaves 名称 to be written by hand.
   */
  codeName?: (kind: CodeTableKind, code: string) => string | null;
  /** The place a six-digit division code names (450205 → 广西壮族自治区柳州市柳北区), where the caller knows (the core does). */
  placeName?: (code: string) => string | null;
}

/**
 * Which application-table layout a region's form follows (its package data says): the common one 新疆 and
 * 重庆 share, or the 备案申请登记表 (persons with ID numbers, coded 行业类别 and 国标学科, 技术领域 letters).
 */
export type FormLayout = PackageData['formLayout'];

export function layoutOf(template: RegionTemplate): FormLayout {
  return template.package.formLayout;
}

/**
 * The text of a package string with its placeholders filled: 「{name}」 → the consortium's name. A placeholder
 * with no value is left as the form's blank 「____」.
 */
export function fillIn(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => (key in values ? values[key] || '____' : whole));
}

/** The value a cover line shows (see coverValues): a field of the draft, or what the documents compute. */
export function coverLineValue(template: RegionTemplate, draft: Draft, value: string, options: BuildOptions): string {
  switch (value) {
    case 'lead':
      return leadNameOf(draft);
    case 'leader':
      return (leadRowOf(draft)?.values.legalRepName ?? '').trim() || rawValue(draft, 'legalRepName');
    case 'industryName':
      return industryName(draft, options);
    case 'fillDateNumerals':
      return chineseNumeralDate(rawValue(draft, fieldKeys.fillDate));
    case 'blank':
      return '';
    default: {
      const field = fieldDef(template, value);
      const text = fieldText(template, draft, value);
      return text === '' && field?.type === 'date' ? blankDate : text;
    }
  }
}

/** The GB/T 4754 name of the 行业类别 code chosen (3232 → 稀土金属冶炼); empty when there is no code or no table. */
export function industryName(draft: Draft, options: BuildOptions): string {
  const code = rawValue(draft, 'industryCode');
  return code === '' ? '' : (options.codeName?.('industry', code) ?? '');
}

// ---------------------------------------------------------------------------------------------------------
// Paragraphs and cells

export function text(value: string, style: TextStyle & { noWrap?: boolean } = {}): Inline {
  return { kind: 'text', text: value, ...style };
}

/** Everything a paragraph block says about itself besides its text. */
export type ParagraphOptions = Omit<ParagraphBlock, 'kind' | 'runs'>;

export function paragraph(content: string | Inline[], options: ParagraphOptions = {}): ParagraphBlock {
  const runs = typeof content === 'string' ? (content === '' ? [] : [text(content)]) : content;
  const block: ParagraphBlock = { kind: 'paragraph', runs };
  // A loop over the keys rather than Object.entries: a large table makes hundreds of thousands of these.
  for (const key in options) {
    const value = options[key as keyof ParagraphOptions];
    if (value !== undefined) (block as unknown as Record<string, unknown>)[key] = value;
  }
  return block;
}



const multiLineOrPadded = /[\r\n]|^\s|\s$/;

/**
 * The user's free text as paragraphs: one per line they typed, so that their own numbering (「1.……」) and
 * paragraphs survive; empty lines are kept as paragraph breaks but not doubled.
 */
export function textParagraphs(value: string, options: ParagraphOptions = {}): ParagraphBlock[] {
  // Most values are one line without surrounding spaces (every cell of a 3 000-row table): the same result
  // without the four regular expressions and three arrays below.
  if (!multiLineOrPadded.test(value)) return value === '' ? [] : [paragraph(value, options)];
  const lines = value.replace(/\r\n?/g, '\n').split('\n').map((line) => line.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  return lines.filter((line, i) => line !== '' || lines[i - 1] !== '').map((line) => paragraph(line.replace(/^[\s\u3000]+/, ''), options));
}

export interface CellOptions {
  colSpan?: number;
  rowSpan?: number;
  vAlign?: 'top' | 'center' | 'bottom';
  align?: Align;
  style?: TextStyle;
  borders?: TableCell['borders'];
}

/** A cell holding one short text, split into lines at '\n'. */
export function cell(value: string, options: CellOptions = {}): TableCell {
  const lines = value === '' ? [''] : value.split('\n');
  return cellOf(
    lines.map((line) => paragraph(line, { align: options.align ?? 'center', style: options.style })),
    options,
  );
}

export function cellOf(blocks: ParagraphBlock[], options: CellOptions = {}): TableCell {
  const out: TableCell = { blocks: blocks.length > 0 ? blocks : [paragraph('')], vAlign: options.vAlign ?? 'center' };
  if (options.colSpan && options.colSpan > 1) out.colSpan = options.colSpan;
  if (options.rowSpan && options.rowSpan > 1) out.rowSpan = options.rowSpan;
  if (options.borders) out.borders = options.borders;
  return out;
}

export function row(cells: TableCell[], options: Omit<TableRow, 'cells'> = {}): TableRow {
  return { cells, ...options };
}

/**
 * Column widths in mm for a table's columns, from how much room each kind of column needs, scaled to `totalMm`
 * and rounded to half millimetres (the remainder goes to the widest column, so they add up exactly); a column is
 * at least its entry of `minimumsMm` wide where the others can give the room.
 */
export function columnWidths(columns: ColumnDef[], totalMm: number, table?: TableId, minimumsMm?: number[]): number[] {
  const weight = (column: ColumnDef): number => {
    // Platform names (「某某公司国家企业技术中心」) are the longest cells of their table.
    if (table === 'platforms' && column.key === 'name') return 4;
    const byKey: Record<string, number> = {
      name: 2.2,
      age: 1.1,
      postTitle: 3.2,
      title: 2.3,
      post: 2.6,
      major: 2.6,
      workUnit: 4,
      unit: 4,
      hostUnit: 3.4,
      field: 2.6,
      level: 1.9,
      builtAt: 1.9,
      industryCode: 1.6,
      disciplineCode: 1.6,
      techField: 1.6,
      category: 2.4,
      councilRole: 2,
    };
    return byKey[column.key] ?? (column.type === 'longtext' ? 5 : 2.5);
  };
  const weights = columns.map(weight);
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.round(((w / sum) * totalMm) * 2) / 2);
  // Short values (「2015年6月」, 「国家级」, an age) must fit on one line: such a column takes what it needs
  // from the columns wider than their share allows, names and units, which wrap anyway.
  const minimums = columns.map((_, i) => minimumsMm?.[i] ?? 0);
  for (let pass = 0; pass < columns.length; pass++) {
    const short = widths.map((w, i) => Math.max(0, minimums[i] - w));
    const need = short.reduce((a, b) => a + b, 0);
    if (need <= 0) break;
    const donors = widths.map((w, i) => (short[i] === 0 ? Math.max(0, w - Math.max(minimums[i], 18)) : 0));
    const room = donors.reduce((a, b) => a + b, 0);
    if (room <= 0) break;
    const give = Math.min(need, room);
    for (let i = 0; i < widths.length; i++) {
      if (short[i] > 0) widths[i] += (short[i] / need) * give;
      else widths[i] -= (donors[i] / room) * give;
    }
  }
  for (let i = 0; i < widths.length; i++) widths[i] = Math.round(widths[i] * 2) / 2;
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest] = Math.round((widths[widest] + totalMm - widths.reduce((a, b) => a + b, 0)) * 10) / 10;
  return widths;
}

// ---------------------------------------------------------------------------------------------------------
// Values from the draft, by the template's keys

export function fieldDef(template: RegionTemplate, key: string): FieldDef | undefined {
  return template.fields.find((field) => field.key === key);
}

export function tableDef(template: RegionTemplate, key: TableId): TableDef | undefined {
  return template.tables.find((table) => table.key === key);
}

/** The label the form prints for a field, or `fallback` where the region's template has no such field. */
export function labelOf(template: RegionTemplate, key: string, fallback: string): string {
  return fieldDef(template, key)?.label ?? fallback;
}

export function rawValue(draft: Draft, key: string): string {
  return (draft.fields[key] ?? '').trim();
}

/** A field's value as printed: dates in Chinese, choices joined with 、, a derived count computed when left empty. */
export function fieldText(template: RegionTemplate, draft: Draft, key: string): string {
  const field = fieldDef(template, key);
  const value = rawValue(draft, key);
  if (field?.derived && value === '') {
    const derived = deriveValues(template, draft);
    return String(derived[field.derived]);
  }
  return field ? formatValue(field.type, value) : value;
}

export function formatValue(type: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  switch (type) {
    case 'date':
      return chineseDate(trimmed);
    case 'yearMonth': {
      const normalized = normalizeYearMonth(trimmed);
      if (!normalized) return trimmed;
      const [year, month] = normalized.split('-');
      return `${year}年${Number(month)}月`;
    }
    case 'multiselect':
      return splitMultiselect(trimmed).join('、');
    default:
      return trimmed;
  }
}

/** 「2025年3月8日」; a date the user has not given prints as the form's blanks 「　　年　　月　　日」. */
export function chineseDate(value: string): string {
  const normalized = normalizeDate(value.trim());
  if (!normalized) return value.trim() === '' ? blankDate : value.trim();
  const [year, month, day] = normalized.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
}

export const blankDate = '　　年　　月　　日';

const digitNames = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 「二〇二五年三月十四日」, as the 实施方案's cover writes its date. */
export function chineseNumeralDate(value: string): string {
  const normalized = normalizeDate(value.trim());
  if (!normalized) return '　　　　年　　月　　日';
  const [year, month, day] = normalized.split('-');
  const yearText = [...year].map((digit) => digitNames[Number(digit)]).join('');
  return `${yearText}年${chineseNumber(Number(month))}月${chineseNumber(Number(day))}日`;
}

/** 1 → 一, 10 → 十, 14 → 十四, 20 → 二十, 99 → 九十九 (for numbering sections and dates). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return digitNames[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digitNames[tens]}十${ones === 0 ? '' : digitNames[ones]}`;
}

/** The number a section heading starts with (「十二、组织措施」 → 12), or null. */
export function headingNumber(heading: string): number | null {
  const match = /^([一二三四五六七八九十]+)、/.exec(heading.trim());
  if (!match) return null;
  const chars = match[1];
  const digit = (ch: string) => digitNames.indexOf(ch);
  if (!chars.includes('十')) return digit(chars);
  const [tens, ones] = chars.split('十');
  return (tens === '' ? 1 : digit(tens)) * 10 + (ones === '' ? 0 : digit(ones));
}

// ---------------------------------------------------------------------------------------------------------
// The consortium and its members

export function consortiumNameOf(draft: Draft): string {
  return rawValue(draft, fieldKeys.consortiumName);
}

/** The lead (牵头单位) as the form's 联合体牵头单位 names it, else as the member table's lead row does. */
export function leadNameOf(draft: Draft): string {
  const typed = rawValue(draft, 'leadUnit');
  if (typed !== '') return typed;
  return (leadRowOf(draft)?.values[memberKeys.name] ?? '').trim();
}

export function memberName(row: DraftRow): string {
  return (row.values[memberKeys.name] ?? '').trim();
}

/** Every filled member, the lead first. */
export function allMembers(draft: Draft): DraftRow[] {
  const rows = filledRows(draft.tables.members);
  const lead = leadRowOf(draft);
  return lead ? [lead, ...rows.filter((r) => r !== lead)] : rows;
}

/** Members grouped by the template's tiers (层级), in its order; members whose tier is unknown come last. */
export function membersByTier(template: RegionTemplate, draft: Draft): { tier: string; members: DraftRow[] }[] {
  const members = allMembers(draft);
  const lead = leadRowOf(draft);
  const tierOf = (row: DraftRow) => (row === lead ? template.tiers[0] : (row.values[memberKeys.tier] ?? '').trim());
  const groups = template.tiers.map((tier) => ({ tier, members: members.filter((row) => tierOf(row) === tier) }));
  const unplaced = members.filter((row) => !template.tiers.includes(tierOf(row)));
  if (unplaced.length > 0) groups.push({ tier: '其他成员单位（未注明层级）', members: unplaced });
  return groups;
}

/**
 * 「自治区」, 「省」 or 「市」: how a region's own documents refer to its government (「自治区重大科技专项」).
 */
export function regionSelfName(template: RegionTemplate): string {
  if (template.name.endsWith('自治区')) return '自治区';
  if (template.name.endsWith('省')) return '省';
  return '市';
}

/** The title split where the official covers break it: 「新疆维吾尔自治区创新联合体」 / 「组建申请表」. */
export function coverTitleLines(title: string): string[] {
  const at = title.indexOf('创新联合体');
  if (at < 0) return [title];
  const cut = at + '创新联合体'.length;
  return cut >= title.length ? [title] : [title.slice(0, cut), title.slice(cut)];
}

/** 「创新联合体名称」 or, where the region calls them so (两江新区), 「产业创新联合体名称」. */
export function consortiumWord(template: RegionTemplate): string {
  return template.formTitle.includes('产业创新联合体') ? '产业创新联合体' : '创新联合体';
}


