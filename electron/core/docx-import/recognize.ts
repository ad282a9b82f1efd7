import { deriveValues, normalizeUnitName } from '../../shared/derive';
import type {
  DocxImportPreview,
  DocxSource,
  RecognizedCellProblem,
  RecognizedField,
  RecognizedTable,
  UnrecognizedItem,
  WordBlock,
  WordCell,
  WordDocument,
  WordParagraph,
  WordRow,
  WordTable,
} from '../../shared/docx-import';
import type { Draft, Values } from '../../shared/draft';
import { fieldKeys, memberKeys } from '../../shared/draft';
import { planFields } from '../../shared/documents';
import { UserError } from '../../shared/errors';
import type { ColumnDef, FieldDef, RegionId, RegionTemplate, TableDef, TableId } from '../../shared/region-template';
import { normalizeUscc, validateValue, type ValueProblem } from '../../shared/validation';
import { isBlankValue, labelScore, normalizeLabel, strippedLabel } from './labels';
import { convertValue, joinLines } from './values';
import { fieldLabel } from '../checks/values';

/**
 * Recognising a filled form by its labels. The region template says what the form asks (field labels,
 * the numbered headings of its free texts, the column labels of its tables, the agreement's tiers); the
 * document is read as the user left it: label cells with their values beside them, list tables found by
 * their header rows however many rows were added or removed, texts under their headings, the cover's
 * lines, and — when the file holds the 组建协议 too — its members by tier. Nothing is written here.
 */

const maxUnrecognized = 200;
/** The key under which a member header cell 「成员单位名称及统一社会信用代码」 holds both values. */
const nameAndUscc = '__nameAndUscc';
const serialKey = '__serial';

interface Zones {
  cover: WordBlock[];
  form: WordBlock[];
  agreementCover: WordBlock[];
  agreement: WordBlock[];
}

const paragraphText = (block: WordBlock): string | null => (block.kind === 'paragraph' ? block.text : null);

// ---------------------------------------------------------------------------------------------------------
// Region and parts

/** The document's opening text, labels normalised, for finding titles split over lines or cells. */
function headText(blocks: WordBlock[], limit = 80): string {
  const parts: string[] = [];
  for (const block of blocks.slice(0, limit)) {
    if (block.kind === 'paragraph') parts.push(block.text);
    else for (const row of block.rows.slice(0, 3)) for (const cell of row.cells) parts.push(cell.text);
  }
  return normalizeLabel(parts.join(''));
}

export function guessRegion(
  document: WordDocument,
  templates: RegionTemplate[],
): { template: RegionTemplate; note: string } | null {
  const head = headText(document.blocks);
  const whole = headText(document.blocks, document.blocks.length);
  let best: { template: RegionTemplate; at: number; rank: number; what: string } | null = null;
  for (const template of templates) {
    const candidates: Array<[string, number, string]> = [
      [template.formTitle, 0, template.formTitle],
      [template.agreementTitle, 1, template.agreementTitle],
      [template.name, 2, template.name],
      [template.shortName, 3, template.shortName],
    ];
    for (const [title, rank, what] of candidates) {
      const at = (rank < 2 ? whole : head).indexOf(normalizeLabel(title));
      if (at < 0) continue;
      if (!best || rank < best.rank || (rank === best.rank && at < best.at)) best = { template, at, rank, what };
      break;
    }
  }
  if (!best) return null;
  return { template: best.template, note: `从标题“${best.what}”识别为${best.template.name}` };
}

function isTitle(text: string, title: string): boolean {
  return normalizeLabel(text) === normalizeLabel(title);
}

/** Splits the blocks into cover, form, the agreement's cover and the agreement, by titles and 「填表说明」. */
function splitZones(blocks: WordBlock[], template: RegionTemplate): Zones {
  const agreementTitle = normalizeLabel(template.agreementTitle);
  let agreementStart = -1;
  let agreementBody = -1;
  for (let i = 0; i < blocks.length; i++) {
    const text = paragraphText(blocks[i]);
    if (text === null) continue;
    const here = normalizeLabel(text);
    if (here === '') continue;
    if (here === agreementTitle) {
      if (agreementStart < 0) agreementStart = i;
      agreementBody = i;
      break;
    }
    // The agreement's cover prints its title over two lines.
    if (agreementStart < 0 && agreementTitle.startsWith(here) && here.length >= 4) {
      const next = blocks.slice(i + 1, i + 4).map(paragraphText).find((t) => t !== null && normalizeLabel(t) !== '');
      if (next && normalizeLabel(here + next) === agreementTitle) agreementStart = i;
    }
  }
  const formEnd = agreementStart >= 0 ? agreementStart : blocks.length;
  const formBlocks = blocks.slice(0, formEnd);
  let coverEnd = formBlocks.findIndex((block) => {
    const text = paragraphText(block);
    return text !== null && strippedLabel(text) === '填表说明';
  });
  if (coverEnd < 0) {
    // No 填表说明 page: the cover, if any, ends where the whole title stands on one line.
    coverEnd = formBlocks.findIndex((block, i) => i > 0 && paragraphText(block) !== null && isTitle(paragraphText(block) ?? '', template.formTitle));
    if (coverEnd < 0) coverEnd = 0;
  }
  return {
    cover: formBlocks.slice(0, coverEnd),
    form: formBlocks.slice(coverEnd),
    agreementCover: agreementStart >= 0 ? blocks.slice(agreementStart, agreementBody >= 0 ? agreementBody : agreementStart) : [],
    agreement: agreementBody >= 0 ? blocks.slice(agreementBody + 1) : [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Label → field

/** The field a label names: the best score, and among fields of the same label the first not yet used. */
function fieldForLabel(
  text: string,
  candidates: FieldDef[],
  used: Set<string>,
  options: { minScore: 1 | 2; preferShared?: boolean },
): FieldDef | null {
  let best: { field: FieldDef; score: number; shared: boolean } | null = null;
  const shared = new Set<string>(Object.values(fieldKeys));
  shared.add('leadUnit');
  for (const field of candidates) {
    if (used.has(field.key)) continue;
    const score = labelScore(text, field.label);
    if (score < options.minScore) continue;
    const isShared = shared.has(field.key);
    if (
      !best ||
      score > best.score ||
      (score === best.score && options.preferShared && isShared && !best.shared)
    ) {
      best = { field, score, shared: isShared };
    }
  }
  return best?.field ?? null;
}

function validateField(field: FieldDef, value: string): ValueProblem[] {
  return validateValue(field.type, value, { maxChars: field.maxChars, options: field.options, maxItems: field.maxItems });
}

function recognizedField(field: FieldDef, foundLabel: string, paragraphs: string[], source: DocxSource, extraOut?: (other: { option: string; text: string }) => void): RecognizedField {
  const converted = convertValue(field, paragraphs);
  if (converted.otherText && extraOut) extraOut(converted.otherText);
  const original = joinLines(paragraphs);
  return {
    key: field.key,
    // Whose 身份证号 it is: the preview names a field as the checks' messages do.
    label: fieldLabel(field),
    foundLabel: foundLabel.replace(/\s+/g, ' ').trim(),
    value: converted.value,
    ...(original !== converted.value ? { original } : {}),
    source,
    problems: validateField(field, converted.value),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The recogniser

class Recognizer {
  readonly fields = new Map<string, RecognizedField>();
  private readonly coverFields = new Map<string, RecognizedField>();
  private readonly used = new Set<string>();
  readonly tables: RecognizedTable[] = [];
  readonly unrecognized: UnrecognizedItem[] = [];
  readonly notes: string[] = [];
  private readonly basicFields: FieldDef[];
  private readonly textFields: FieldDef[];
  private readonly agreementFields: FieldDef[];
  private agreementTiers = new Map<string, { tier: string; name: string; source: DocxSource }>();

  private readonly planKeys: Set<string>;

  constructor(private readonly template: RegionTemplate) {
    // The 实施方案's own texts are a document of their own, not the application form's.
    this.planKeys = new Set(planFields(template).map((field) => field.key));
    this.basicFields = template.fields.filter((f) => f.step === 'basic');
    this.textFields = template.fields.filter((f) => f.step === 'texts' && f.type === 'longtext' && !this.planKeys.has(f.key));
    this.agreementFields = template.fields.filter((f) => f.step === 'agreement');
  }

  private skip(text: string, source: DocxSource, reason: string): void {
    if (this.unrecognized.length < maxUnrecognized && text.trim() !== '') {
      this.unrecognized.push({ text: text.length > 120 ? `${text.slice(0, 120)}…` : text, source, reason });
    }
  }

  /** A value found through a label, with a 「其他（…）」 choice's text going to the field named for that option. */
  private assign(target: Map<string, RecognizedField>, field: FieldDef, label: string, paragraphs: string[], source: DocxSource): void {
    const found = recognizedField(field, label, paragraphs, source, (other) => {
      const shown = field.optionLabels?.[other.option] ?? other.option;
      const otherField = this.basicFields.find((f) => f.key !== field.key && labelScore(f.label, shown) >= 2);
      if (otherField && !target.has(otherField.key)) {
        target.set(otherField.key, recognizedField(otherField, shown, [other.text], source));
      }
    });
    target.set(field.key, found);
  }

  // ---- cover

  cover(blocks: WordBlock[], part: 'cover' | 'agreement'): void {
    const used = new Set<string>();
    const take = (label: string, value: string, source: DocxSource) => {
      const field = fieldForLabel(label, this.basicFields, used, { minScore: 1, preferShared: true });
      if (!field) return;
      used.add(field.key);
      // The application's own cover is read first; the agreement's cover only fills what it left empty.
      if ((this.coverFields.get(field.key)?.value ?? '') !== '') return;
      // 「牵头单位：……（盖章）」: the remark after the blank is the form's, not the user's.
      const clean = value.replace(/[（(](盖章|公章|签章|签字)[）)]\s*$/, '').replace(/[_＿]+/g, ' ').trim();
      this.assign(this.coverFields, field, label, [clean], source);
    };
    for (const block of blocks) {
      if (block.kind === 'paragraph') {
        const match = /^([^：:]{2,20})[：:](.*)$/s.exec(block.text.trim());
        if (match) take(match[1], match[2], { part, paragraph: block.index });
        continue;
      }
      for (const row of block.rows) {
        const cells = row.cells.filter((cell) => !cell.merged);
        for (let i = 0; i < cells.length; i++) {
          const text = cells[i].text.trim();
          const match = /^([^：:]{2,20})[：:](.*)$/s.exec(text);
          if (!match) continue;
          const inline = match[2].trim();
          const source = { part, table: block.index, row: row.index, cell: cells[i].cell };
          if (inline !== '') take(match[1], inline, source);
          else {
            const next = cells.slice(i + 1).find((cell) => cell.text.trim() !== '');
            take(match[1], next?.text ?? '', next ? { ...source, cell: next.cell } : source);
          }
        }
      }
    }
  }

  // ---- the form's tables

  form(blocks: WordBlock[]): void {
    for (const block of blocks) {
      if (block.kind !== 'table') continue;
      this.formTable(block);
    }
  }

  private headerFor(row: WordRow): { def: TableDef; columns: Array<{ key: string; cell: WordCell }> } | null {
    let best: { def: TableDef; columns: Array<{ key: string; cell: WordCell }>; score: number } | null = null;
    for (const def of this.template.tables) {
      const columns: Array<{ key: string; cell: WordCell }> = [];
      const keys = new Set<string>();
      for (const cell of row.cells) {
        if (cell.merged) continue;
        const text = cell.text;
        if (strippedLabel(text) === '序号') {
          columns.push({ key: serialKey, cell });
          continue;
        }
        const name = def.columns.find((c) => c.key === memberKeys.name);
        const uscc = def.columns.find((c) => c.key === memberKeys.uscc);
        if (def.key === 'members' && name && uscc) {
          const bare = strippedLabel(text);
          const usccBare = strippedLabel(uscc.label);
          if (bare.includes(usccBare) && (bare.includes(strippedLabel(name.label)) || bare.includes('名称'))) {
            columns.push({ key: nameAndUscc, cell });
            keys.add(memberKeys.name).add(memberKeys.uscc);
            continue;
          }
        }
        let column: ColumnDef | null = null;
        let score = 0;
        for (const candidate of def.columns) {
          if (keys.has(candidate.key)) continue;
          const s = labelScore(text, candidate.label);
          if (s >= 2 && s > score) {
            column = candidate;
            score = s;
          }
        }
        if (column) {
          columns.push({ key: column.key, cell });
          keys.add(column.key);
        }
      }
      // Only the printed columns make a header: 「联系人 | … | 联系电话」 in the main table is not a member list.
      const printedKeys = def.columns.filter((c) => !c.extra).map((c) => c.key);
      const printed = printedKeys.length;
      const matched = printedKeys.filter((key) => keys.has(key)).length;
      if (matched < 2 || matched < Math.ceil(printed / 2)) continue;
      const score = matched / Math.max(printed, matched) + matched / 100;
      if (!best || score > best.score) best = { def, columns, score };
    }
    return best ? { def: best.def, columns: best.columns } : null;
  }

  /** The free-text field whose heading a row (or its first paragraph) is. */
  private textHeading(row: WordRow): { field: FieldDef; cell: WordCell; rest: string[] } | null {
    const cells = row.cells.filter((cell) => !cell.merged && cell.text.trim() !== '');
    if (cells.length !== 1) return null;
    const cell = cells[0];
    const paragraphs = cell.paragraphs.filter((p) => p.trim() !== '');
    if (paragraphs.length === 0) return null;
    for (const field of this.textFields) {
      if (this.fields.has(field.key)) continue;
      const heading = field.heading ?? field.label;
      if (labelScore(paragraphs[0], heading) >= 2 || labelScore(paragraphs[0], field.label) >= 2) {
        const first = cell.paragraphs.findIndex((p) => p.trim() !== '');
        return { field, cell, rest: cell.paragraphs.slice(first + 1) };
      }
    }
    return null;
  }

  /** 「三、科研团队情况」: the title row over a list table. */
  private isTableHeading(row: WordRow): boolean {
    const text = row.cells.find((cell) => !cell.merged)?.text ?? '';
    return this.template.tables.some((def) => labelScore(text, def.heading ?? def.label) >= 2);
  }

  private isFullWidth(row: WordRow, table: WordTable): boolean {
    const cells = row.cells.filter((cell) => !cell.merged);
    return cells.length === 1 && cells[0].gridSpan >= Math.max(1, table.gridWidth - 1) && table.gridWidth > 1;
  }

  private formTable(table: WordTable): void {
    let list: { def: TableDef; columns: Array<{ key: string; cell: WordCell }>; recognized: RecognizedTable } | null = null;
    let pendingText: { field: FieldDef; label: string; source: DocxSource } | null = null;
    for (const row of table.rows) {
      const source = (cell?: WordCell): DocxSource => ({ part: 'form', table: table.index, row: row.index, ...(cell ? { cell: cell.cell } : {}) });
      const header = this.headerFor(row);
      if (header) {
        pendingText = null;
        const recognized: RecognizedTable = {
          table: header.def.key,
          label: header.def.label,
          headerSource: source(),
          columns: header.columns
            .filter((c) => c.key !== serialKey)
            .flatMap((c) =>
              c.key === nameAndUscc
                ? [memberKeys.name, memberKeys.uscc].map((key) => ({ key, label: header.def.columns.find((d) => d.key === key)?.label ?? key, foundLabel: c.cell.text.replace(/\s+/g, '') }))
                : [{ key: c.key, label: header.def.columns.find((d) => d.key === c.key)?.label ?? c.key, foundLabel: c.cell.text.replace(/\s+/g, '') }],
            ),
          rows: [],
        };
        const existing = this.tables.find((t) => t.table === header.def.key);
        if (existing) {
          // The same list continued in another table (a page break, a pasted block): its rows join the first.
          list = { def: header.def, columns: header.columns, recognized: existing };
        } else {
          this.tables.push(recognized);
          list = { def: header.def, columns: header.columns, recognized };
        }
        continue;
      }
      const heading = this.textHeading(row);
      if (heading) {
        list = null;
        const label = heading.cell.paragraphs.find((p) => p.trim() !== '') ?? '';
        if (heading.rest.some((p) => p.trim() !== '')) {
          this.assign(this.fields, heading.field, label, heading.rest, source(heading.cell));
          pendingText = null;
        } else {
          pendingText = { field: heading.field, label, source: source(heading.cell) };
        }
        continue;
      }
      const tableHeading = this.isFullWidth(row, table) && this.isTableHeading(row);
      if (pendingText && tableHeading) {
        // The text's row was deleted: the heading of the next part follows at once.
        this.assign(this.fields, pendingText.field, pendingText.label, [], pendingText.source);
        pendingText = null;
      }
      if (pendingText) {
        const cells = row.cells.filter((cell) => !cell.merged);
        const paragraphs = cells.flatMap((cell) => cell.paragraphs);
        const first = cells.find((cell) => cell.text.trim() !== '') ?? cells[0];
        this.assign(this.fields, pendingText.field, pendingText.label, paragraphs, source(first));
        pendingText = null;
        continue;
      }
      if (tableHeading) {
        list = null;
        continue;
      }
      if (list) {
        if (this.isFullWidth(row, table)) {
          list = null;
        } else {
          this.listRow(list.def, list.columns, row, list.recognized, source());
          continue;
        }
      }
      this.keyValueRow(row, table);
    }
    if (pendingText) this.assign(this.fields, pendingText.field, pendingText.label, [], pendingText.source);
  }

  private keyValueRow(row: WordRow, table: WordTable): void {
    const cells = row.cells;
    const consumed = new Set<WordCell>();
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell.merged || consumed.has(cell)) continue;
      const text = cell.text.trim();
      if (text === '') continue;
      const field = fieldForLabel(text, this.basicFields, this.used, { minScore: 1 });
      if (!field) {
        // 「联合体名称：某某创新联合体」 typed into one cell.
        const inline = /^([^：:\n]{2,30})[：:]([\s\S]+)$/.exec(text);
        const named = inline ? fieldForLabel(inline[1], this.basicFields, this.used, { minScore: 2 }) : null;
        if (inline && named && inline[2].trim() !== '') {
          this.used.add(named.key);
          consumed.add(cell);
          this.assign(this.fields, named, inline[1], [inline[2].trim()], { part: 'form', table: table.index, row: row.index, cell: cell.cell });
        }
        continue;
      }
      const next = cells[i + 1];
      // A caption over a group of labels (「技术领域」 beside 「主要技术领域」) is not a label: the cell after it
      // names the same field better.
      if (next && !next.merged && labelScore(next.text, field.label) > labelScore(text, field.label)) continue;
      this.used.add(field.key);
      consumed.add(cell);
      if (next) consumed.add(next);
      this.assign(this.fields, field, text, next ? next.paragraphs : [], {
        part: 'form',
        table: table.index,
        row: row.index,
        cell: next ? next.cell : cell.cell,
      });
    }
    for (const cell of cells) {
      if (cell.merged || consumed.has(cell) || cell.text.trim() === '') continue;
      if (fieldForLabel(cell.text.trim(), this.basicFields, new Set(), { minScore: 2 })) continue;
      this.skip(cell.text.trim(), { part: 'form', table: table.index, row: row.index, cell: cell.cell }, '不是申请表中的栏目，未导入');
    }
  }

  private listRow(def: TableDef, columns: Array<{ key: string; cell: WordCell }>, row: WordRow, recognized: RecognizedTable, source: DocxSource): void {
    const values: Values = {};
    const cellOf = (header: WordCell): WordCell | undefined =>
      row.cells.find((cell) => cell.gridStart < header.gridStart + header.gridSpan && cell.gridStart + cell.gridSpan > header.gridStart);
    let extraLines: string[] = [];
    for (const column of columns) {
      const cell = cellOf(column.cell);
      if (!cell || column.key === serialKey) continue;
      if (column.key === nameAndUscc) {
        const split = splitNameAndUscc(cell.paragraphs, def);
        Object.assign(values, split.values);
        extraLines = split.unknown;
        continue;
      }
      const definition = def.columns.find((c) => c.key === column.key);
      if (!definition) continue;
      values[column.key] = convertValue(definition, cell.paragraphs).value;
    }
    if (Object.values(values).every((value) => value.trim() === '')) return;
    const problems: RecognizedCellProblem[] = [];
    for (const column of def.columns) {
      if (!(column.key in values)) continue;
      const required = column.required && !column.extra;
      for (const problem of validateValue(column.type, values[column.key], { required, maxChars: column.maxChars, options: column.options, maxItems: column.maxItems })) {
        problems.push({ ...problem, columnKey: column.key, columnLabel: column.label });
      }
    }
    for (const line of extraLines) this.skip(line, source, '成员单位名称格中的这一行未能识别');
    recognized.rows.push({ values, source, problems });
  }

  // ---- the agreement

  agreement(blocks: WordBlock[]): void {
    const paragraphs = blocks.filter((b): b is WordParagraph => b.kind === 'paragraph');
    let current: { field: FieldDef; label: string; lines: string[]; source: DocxSource; number: number | null } | null = null;
    let inMembers = false;
    let tier: string | null = null;
    const flush = () => {
      if (current) this.assign(this.fields, current.field, current.label, current.lines, current.source);
      current = null;
    };
    for (const paragraph of paragraphs) {
      const text = paragraph.text.trim();
      const source: DocxSource = { part: 'agreement', paragraph: paragraph.index };
      const field = text.length <= 80 ? this.agreementFields.find((f) => !this.fields.has(f.key) && (labelScore(text, f.heading ?? f.label) >= 2 || labelScore(text, f.label) >= 2)) : undefined;
      const number = chineseHeadingNumber(text);
      if (field) {
        flush();
        inMembers = false;
        current = { field, label: text, lines: [], source, number };
        continue;
      }
      if (strippedLabel(text) === '参与单位') {
        flush();
        inMembers = true;
        continue;
      }
      if (number !== null && text.length <= 40 && (current === null || current.number === null || number > current.number)) {
        // A numbered heading the template does not know (八、所有成员单位签章) ends the part before it.
        flush();
        inMembers = false;
        continue;
      }
      if (inMembers) {
        const bare = strippedLabel(text);
        const named = this.template.tiers.find((t) => strippedLabel(t) === bare);
        if (named) {
          tier = named;
          continue;
        }
        const name = text.replace(/^[（(]\d+[）)]\s*|^\d+[.、．]\s*/, '').trim();
        if (tier && name !== '' && name !== '无') {
          this.agreementTiers.set(normalizeUnitName(name), { tier, name, source });
        }
        continue;
      }
      if (current) current.lines.push(paragraph.text);
    }
    flush();
  }

  // ---- the whole

  finish(): void {
    for (const [key, found] of this.coverFields) {
      const inForm = this.fields.get(key);
      if (!inForm || inForm.value === '') {
        if (found.value !== '' || !inForm) this.fields.set(key, found);
      } else if (found.value !== '' && found.value !== inForm.value) {
        this.notes.push(`封面上的“${found.foundLabel}”（${found.value}）与表中的（${inForm.value}）不同，采用表中的值。`);
      }
    }
    const members = this.tables.find((t) => t.table === 'members');
    if (this.agreementTiers.size > 0) {
      const rows = members?.rows ?? [];
      const seen = new Set<string>();
      for (const row of rows) {
        const entry = this.agreementTiers.get(normalizeUnitName(row.values[memberKeys.name] ?? ''));
        if (entry) {
          row.values[memberKeys.tier] = entry.tier;
          seen.add(normalizeUnitName(entry.name));
        }
      }
      const missing = [...this.agreementTiers.entries()].filter(([key]) => !seen.has(key));
      if (missing.length > 0) {
        const table: RecognizedTable = members ?? {
          table: 'members',
          label: this.template.tables.find((t) => t.key === 'members')?.label ?? '成员单位',
          headerSource: missing[0][1].source,
          columns: [],
          rows: [],
        };
        if (!members) this.tables.push(table);
        for (const [, entry] of missing) {
          table.rows.push({ values: { [memberKeys.name]: entry.name, [memberKeys.tier]: entry.tier }, source: entry.source, problems: [] });
        }
        if (members) this.notes.push(`组建协议列出的 ${missing.length} 家单位不在申请表的成员单位表中，已按协议中的层级补入。`);
      }
      this.notes.push('成员单位的层级按组建协议“一、参与单位”填写。');
    } else if (members && members.rows.length > 0 && !members.rows[0].values[memberKeys.tier]) {
      // The form prints the lead unit in row 1 (「第1行为牵头单位」).
      members.rows[0].values[memberKeys.tier] = this.template.tiers[0];
    }
    this.dropDerivedEchoes();
  }

  /** A printed count equal to what the tables give is left to be computed, so it follows later edits. */
  private dropDerivedEchoes(): void {
    const draft = this.asDraft();
    const derived = deriveValues(this.template, draft);
    for (const field of this.basicFields) {
      if (!field.derived) continue;
      const found = this.fields.get(field.key);
      if (found && found.value !== '' && String(derived[field.derived]) === found.value) {
        this.fields.set(field.key, { ...found, original: found.original ?? found.value, value: '', problems: [] });
      }
    }
  }

  asDraft(): Draft {
    const fields: Values = {};
    for (const [key, found] of this.fields) fields[key] = found.value;
    const tables = { members: [], team: [], platforms: [], council: [] } as Draft['tables'];
    for (const table of this.tables) {
      tables[table.table] = table.rows.map((row, index) => ({ id: `import-${index}`, values: row.values }));
    }
    return { id: 'import', regionId: this.template.id, templateVersion: this.template.version, createdAt: '', updatedAt: '', deletedAt: null, fields, tables };
  }

  /** The form's fields (printed ones) not found anywhere in the file. */
  missing(): DocxImportPreview['missingFields'] {
    const printed = this.template.fields.filter(
      (f) =>
        !f.extra &&
        (f.step === 'basic' || (f.step === 'texts' && !this.planKeys.has(f.key) && f.type === 'longtext')),
    );
    return printed.filter((f) => !this.fields.has(f.key)).map((f) => ({ key: f.key, label: fieldLabel(f), required: f.required }));
  }
}

function chineseHeadingNumber(text: string): number | null {
  const match = /^([一二三四五六七八九十]+)、/.exec(text);
  if (!match) return null;
  const digits = '〇一二三四五六七八九';
  const chars = match[1];
  if (!chars.includes('十')) return digits.indexOf(chars);
  const [tens, ones] = chars.split('十');
  return (tens === '' ? 1 : digits.indexOf(tens)) * 10 + (ones === '' ? 0 : digits.indexOf(ones));
}

const usccPattern = /[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/;

/**
 * 「成员单位名称及统一社会信用代码」: the name on one line and the code on the next, or both on one line
 * (「某某公司 9165…」, 「某某公司（统一社会信用代码：9165…）」); 「（牵头单位）」 marks the lead; other printed
 * columns follow as 「注册地：…」 lines.
 */
export function splitNameAndUscc(paragraphs: string[], def: TableDef): { values: Values; unknown: string[] } {
  const values: Values = {};
  const nameLines: string[] = [];
  const unknown: string[] = [];
  const lines = paragraphs.flatMap((p) => p.split('\n')).map((line) => line.trim()).filter((line) => line !== '');
  const others = def.columns.filter((c) => c.key !== memberKeys.name && c.key !== memberKeys.uscc && c.key !== memberKeys.role);
  for (const line of lines) {
    if (/^[（(]牵头单位[）)]$/.test(line)) {
      values[memberKeys.tier] = '牵头单位';
      continue;
    }
    const labelled = /^([^：:]{2,12})[：:](.*)$/.exec(line);
    if (labelled) {
      const column = others.find((c) => labelScore(labelled[1], c.label) >= 2);
      if (column) {
        // 注册地 is printed as 「柳州市柳北区（450205）」: the code is what the draft keeps.
        const inner = /[（(](\d{6})[）)]\s*$/.exec(labelled[2].trim());
        values[column.key] = column.key === memberKeys.registrationPlace && inner ? inner[1] : convertValue(column, [labelled[2]]).value;
        continue;
      }
    }
    const flat = normalizeUscc(line);
    const code = usccPattern.exec(flat);
    if (code && values[memberKeys.uscc] === undefined) {
      values[memberKeys.uscc] = code[0];
      const rest = line
        .normalize('NFKC')
        .replace(/\s+/g, '')
        .replace(code[0], '')
        .replace(/统一社会信用代码[:：]?/, '')
        .replace(/[()（）:：,，;；]+$/g, '')
        .replace(/[（(]\s*[）)]/g, '')
        .trim();
      if (rest !== '' && !isBlankValue(rest)) nameLines.push(rest.replace(/^名称[:：]/, ''));
      continue;
    }
    if (labelled && !others.some((c) => labelScore(labelled[1], c.label) >= 2) && strippedLabel(labelled[1]) !== strippedLabel('名称')) {
      unknown.push(line);
      continue;
    }
    nameLines.push(line.replace(/^名称[:：]/, ''));
  }
  values[memberKeys.name] = nameLines.join('');
  if (values[memberKeys.uscc] === undefined) values[memberKeys.uscc] = '';
  return { values, unknown };
}

export interface RecognizeOptions {
  regionId?: RegionId;
  converted?: boolean;
}

/** Reads what a filled form says into a preview for the region given or recognised from its title. */
export function recognizeDocument(document: WordDocument, templates: RegionTemplate[], options: RecognizeOptions = {}): DocxImportPreview {
  let template: RegionTemplate | undefined;
  let regionFrom: DocxImportPreview['regionFrom'] = 'given';
  let regionNote = '';
  if (options.regionId) {
    template = templates.find((t) => t.id === options.regionId);
    if (!template) throw new UserError('region.unknown', '不支持的地区模板。', `unknown region ${options.regionId}`);
    regionNote = `按所选地区（${template.name}）读取`;
  } else {
    const guess = guessRegion(document, templates);
    if (!guess) {
      throw new UserError(
        'docx.regionUnknown',
        `未能从文件“${document.fileName}”的标题识别出是哪个地区的申请表。请选择地区后重新导入（命令行加 --region）。`,
        'no region title found',
      );
    }
    template = guess.template;
    regionFrom = 'title';
    regionNote = guess.note;
  }
  const zones = splitZones(document.blocks, template);
  const recognizer = new Recognizer(template);
  if (regionFrom === 'given') {
    const titled = guessRegion(document, templates);
    if (titled && titled.template.id !== template.id) {
      recognizer.notes.push(`文件标题是${titled.template.name}的申请表，已按${template.name}的栏目读取，请核对。`);
    }
  }
  recognizer.form(zones.form);
  recognizer.agreement(zones.agreement);
  recognizer.cover(zones.cover, 'cover');
  recognizer.cover(zones.agreementCover, 'agreement');
  recognizer.finish();

  const fields = [...recognizer.fields.values()].sort(
    (a, b) => template.fields.findIndex((f) => f.key === a.key) - template.fields.findIndex((f) => f.key === b.key),
  );
  const tables = recognizer.tables.sort((a, b) => tableOrder(template, a.table) - tableOrder(template, b.table));
  const problems = [...fields.flatMap((f) => f.problems), ...tables.flatMap((t) => t.rows.flatMap((r) => r.problems))];
  const documents: DocxImportPreview['documents'] = [];
  if (fields.some((f) => f.source.part !== 'agreement') || tables.some((t) => t.headerSource.part === 'form')) documents.push('applicationForm');
  if (zones.agreement.length > 0) documents.push('agreement');
  if (documents.length === 0) {
    throw new UserError(
      'docx.nothingFound',
      `文件“${document.fileName}”中没有找到${template.name}申请表的栏目（如“${template.fields[0]?.label ?? '联合体名称'}”），未导入。请确认选择的是填写好的申请表。`,
      `no labels of ${template.id} found in ${document.blocks.length} blocks`,
    );
  }
  return {
    fileName: document.fileName,
    regionId: template.id,
    regionFrom,
    regionNote,
    converted: options.converted ?? false,
    documents,
    fields,
    tables,
    missingFields: recognizer.missing(),
    unrecognized: recognizer.unrecognized,
    notes: recognizer.notes,
    counts: {
      fields: fields.filter((f) => f.value !== '').length,
      rows: tables.reduce((sum, t) => sum + t.rows.length, 0),
      errors: problems.filter((p) => p.severity === 'error').length,
      warnings: problems.filter((p) => p.severity === 'warning').length,
    },
  };
}

function tableOrder(template: RegionTemplate, key: TableId): number {
  return template.tables.findIndex((t) => t.key === key);
}
