import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnDef, RegionTemplate, TableDef } from '../../shared/region-template';
import { toHalfWidth } from '../../shared/validation';
import type { HeaderMatch, WorkbookTable } from '../../shared/workbooks';
import { resourcesDir } from '../regions/resources-dir';

/**
 * Recognising the columns of a sheet by their headers: the form's own labels, and the other names people
 * give them (resources/workbooks/header-synonyms.json), compared the way people vary them — full-width or
 * half-width, with spaces, line breaks, a * for "required" or a remark in brackets.
 */

type SynonymTable = Record<string, string[]>;
export interface HeaderSynonyms {
  $comment?: string;
  members: SynonymTable;
  team: SynonymTable;
  platforms: SynonymTable;
  joins?: { members?: SynonymTable; team?: SynonymTable; platforms?: SynonymTable };
}

/**
 * What is wrong with a synonyms file, '' when nothing. Checked by hand rather than with a schema library:
 * this module also runs on the reading worker, which should not load one to start.
 */
function synonymProblems(data: unknown): string {
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const problems: string[] = [];
  const table = (value: unknown, path: string): void => {
    if (!isObject(value)) return void problems.push(`${path}: expected an object`);
    for (const [key, names] of Object.entries(value)) {
      if (!Array.isArray(names) || names.some((name) => typeof name !== 'string' || name === '')) problems.push(`${path}.${key}: expected non-empty strings`);
    }
  };
  if (!isObject(data)) return '(root): expected an object';
  for (const key of Object.keys(data)) if (!['$comment', 'members', 'team', 'platforms', 'joins'].includes(key)) problems.push(`${key}: unknown key`);
  if (data.$comment !== undefined && typeof data.$comment !== 'string') problems.push('$comment: expected a string');
  for (const key of ['members', 'team', 'platforms']) table(data[key], key);
  if (data.joins !== undefined) {
    if (!isObject(data.joins)) problems.push('joins: expected an object');
    else {
      for (const [key, value] of Object.entries(data.joins)) {
        if (!['members', 'team', 'platforms'].includes(key)) problems.push(`joins.${key}: unknown key`);
        else table(value, `joins.${key}`);
      }
    }
  }
  return problems.join('; ');
}

/** The members column holding 成员单位名称及统一社会信用代码 in one cell, as the printed form has it. */
export const nameAndUsccKey = 'nameAndUscc';
/** Headers of a running number column, which is never imported. */
const indexHeaders = ['序号', '编号', '序', 'no', 'no.', '#'];

const cache = new Map<string, HeaderSynonyms>();
/** Synonyms handed over by the process that started this one (a reading worker), in place of the file. */
let given: HeaderSynonyms | undefined;

/** Uses these synonyms instead of reading the file: a worker gets them from its parent, read once there. */
export function useHeaderSynonyms(synonyms: HeaderSynonyms): void {
  given = synonyms;
}

/** The synonyms file (resources/workbooks/header-synonyms.json unless another is given), read once. */
export function loadHeaderSynonyms(file?: string): HeaderSynonyms {
  if (file === undefined && given) return given;
  const path = file ?? join(resourcesDir(), 'workbooks', 'header-synonyms.json');
  const hit = cache.get(path);
  if (hit) return hit;
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const problems = synonymProblems(data);
  if (problems !== '') throw new Error(`${path} does not match its schema: ${problems}`);
  cache.set(path, data as HeaderSynonyms);
  return data as HeaderSynonyms;
}

/** Full-width to half-width, no white space, no * marks or trailing colon, lower case. */
export function normalizeHeader(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s\u00a0\u200b\ufeff]+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[:：]$/, '')
    .toLowerCase();
}

/** The header without remarks in brackets: 「年龄(岁)」 → 「年龄」, 「…分工(限200字)」 → 「…分工」. */
function withoutRemarks(normalized: string): string {
  return normalized.replace(/\([^()]*\)|\[[^[\]]*\]|【[^【】]*】/g, '');
}

export interface HeaderTarget {
  key: string;
  how: NonNullable<HeaderMatch['how']>;
  /** For joined columns (职务 + 职称 → 职务/职称): the position of this part. */
  joinPart?: number;
}

export function tableDef(template: RegionTemplate, table: WorkbookTable): TableDef {
  const found = template.tables.find((candidate) => candidate.key === table);
  if (!found) throw new Error(`region ${template.id} has no ${table} table`);
  return found;
}

/** Matches header texts to a template table's columns. */
export class HeaderMatcher {
  private readonly exact = new Map<string, HeaderTarget>();
  private readonly loose = new Map<string, HeaderTarget>();
  readonly columns: ColumnDef[];

  constructor(template: RegionTemplate, readonly table: WorkbookTable, synonyms: HeaderSynonyms = loadHeaderSynonyms()) {
    this.columns = tableDef(template, table).columns;
    const keys = new Set(this.columns.map((column) => column.key));
    // Labels first, so that another column's synonym can never take a label away.
    for (const column of this.columns) this.add(column.label, { key: column.key, how: 'label' });
    for (const [key, names] of Object.entries(synonyms[table])) {
      if (keys.has(key)) for (const name of names) this.add(name, { key, how: 'synonym' });
    }
    if (table === 'members') {
      for (const name of synonyms.members[nameAndUsccKey] ?? []) this.add(name, { key: nameAndUsccKey, how: 'combined' });
    }
    for (const [key, parts] of Object.entries(synonyms.joins?.[table] ?? {})) {
      if (!keys.has(key) || parts.some((part) => keys.has(part))) continue;
      parts.forEach((part, index) => {
        for (const name of synonyms[table][part] ?? []) this.add(name, { key, how: 'synonym', joinPart: index });
      });
    }
    for (const name of indexHeaders) this.add(name, { key: '', how: 'index' });
  }

  private add(header: string, target: HeaderTarget): void {
    const normalized = normalizeHeader(header);
    if (normalized === '') return;
    if (!this.exact.has(normalized)) this.exact.set(normalized, target);
    const loose = withoutRemarks(normalized);
    if (loose !== '' && !this.loose.has(loose)) this.loose.set(loose, target);
  }

  match(header: string): HeaderTarget | null {
    const normalized = normalizeHeader(header);
    if (normalized === '') return null;
    return this.exact.get(normalized) ?? this.loose.get(withoutRemarks(normalized)) ?? null;
  }

  label(key: string): string | null {
    if (key === nameAndUsccKey) return '成员单位名称及统一社会信用代码';
    return this.columns.find((column) => column.key === key)?.label ?? null;
  }
}

/** A table's columns as a list sheet shows them: the form's own first, the extra ones after. */
export function listColumns(def: TableDef, omit: string[] = []): ColumnDef[] {
  const kept = def.columns.filter((column) => !omit.includes(column.key));
  return [...kept.filter((column) => !column.extra), ...kept.filter((column) => column.extra)];
}

/** Spreadsheet column letters: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
