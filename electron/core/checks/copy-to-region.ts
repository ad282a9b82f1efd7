import type { Draft, TableRow, Values } from '../../shared/draft';
import { memberKeys } from '../../shared/draft';
import type { ColumnDef, RegionTemplate, TableId } from '../../shared/region-template';
import type { Conversion, DroppedColumn, DroppedField, FieldRef, RegionCopyPlan, ValueChange } from '../../shared/region-copy';

export type { Conversion, DroppedColumn, DroppedField, FieldRef, RegionCopyPlan, ValueChange };
import { tableIds } from '../../shared/region-template';

/**
 * Copying a draft to another region (另存为其他地区): the values both regions ask for move over under their
 * shared keys; what the new region has no place for is left behind and listed, so the user sees what is
 * lost before confirming; member tiers and a few select values are translated to the new region's words.
 */

/**
 * For a tier the new region does not use, the tiers to try in order. Chongqing has one 合作单位 tier where
 * Guangxi splits 紧密合作单位 / 一般协作层单位; going back, 合作单位 becomes the closer of the two.
 */
const closestTiers: Record<string, string[]> = {
  紧密合作单位: ['合作单位', '紧密层单位', '一般协作层单位', '成员单位'],
  一般协作层单位: ['合作单位', '生态层单位', '一般成员单位', '紧密合作单位', '成员单位'],
  合作单位: ['紧密合作单位', '紧密层单位', '一般协作层单位', '成员单位'],
  紧密层单位: ['紧密合作单位', '合作单位', '成员单位'],
  生态层单位: ['一般协作层单位', '合作单位', '成员单位'],
  核心层单位: ['核心成员单位', '核心层', '成员单位'],
  成员单位: ['合作单位', '紧密合作单位', '一般协作层单位'],
};

/** Select values that mean the same in different regions' words (the provincial level is 自治区级 in Xinjiang). */
const synonymGroups: string[][] = [
  ['省级', '自治区级', '市级', '省部级'],
  ['其他机构', '其他', '其他组织'],
];

const isFilled = (value: string | undefined): value is string => (value ?? '').trim() !== '';

/** 职务/职称 is one column in some forms (Xinjiang, Chongqing) and two in others (Inner Mongolia). */
interface PostTitleKeys {
  merged: string;
  post: string;
  title: string;
}

function postTitleKeys(key: string): PostTitleKeys | null {
  const match = /^(.*?)([pP])ostTitle$/.exec(key);
  if (!match) return null;
  const base = match[1];
  return base === ''
    ? { merged: key, post: 'post', title: 'title' }
    : { merged: key, post: `${base}Post`, title: `${base}Title` };
}

/** A lone value goes to 职称 when it reads like a professional title, else to 职务. */
const looksLikeTitle = /教授|研究员|工程师|讲师|院士|技师|经济师|会计师|医师|助教|博士后/;

export function splitPostTitle(value: string): { post: string; title: string } {
  const parts = value.split(/[/／]/);
  if (parts.length > 1) return { post: parts[0].trim(), title: parts.slice(1).join('/').trim() };
  const text = value.trim();
  return looksLikeTitle.test(text) ? { post: '', title: text } : { post: text, title: '' };
}

export function joinPostTitle(post: string, title: string): string {
  return [post.trim(), title.trim()].filter((part) => part !== '').join('/');
}

/** How a set of keys (fields, or a table's columns) maps onto another: direct, split or joined. */
interface KeyMapping {
  direct: string[];
  splits: PostTitleKeys[];
  joins: PostTitleKeys[];
}

function mapKeys(fromKeys: Set<string>, toKeys: Set<string>): KeyMapping {
  const direct = [...fromKeys].filter((key) => toKeys.has(key));
  const splits: PostTitleKeys[] = [];
  const joins: PostTitleKeys[] = [];
  for (const key of fromKeys) {
    const keys = postTitleKeys(key);
    if (keys && !toKeys.has(key) && toKeys.has(keys.post) && toKeys.has(keys.title) && !fromKeys.has(keys.post) && !fromKeys.has(keys.title)) {
      splits.push(keys);
    }
  }
  for (const key of toKeys) {
    const keys = postTitleKeys(key);
    if (keys && !fromKeys.has(key) && fromKeys.has(keys.post) && fromKeys.has(keys.title) && !toKeys.has(keys.post) && !toKeys.has(keys.title)) {
      joins.push(keys);
    }
  }
  return { direct, splits, joins };
}

function convertValues(values: Values, mapping: KeyMapping): Values {
  const out: Values = {};
  for (const key of mapping.direct) if (values[key] !== undefined) out[key] = values[key];
  for (const keys of mapping.splits) {
    if (!isFilled(values[keys.merged])) continue;
    const { post, title } = splitPostTitle(values[keys.merged]);
    out[keys.post] = post;
    out[keys.title] = title;
  }
  for (const keys of mapping.joins) {
    const joined = joinPostTitle(values[keys.post] ?? '', values[keys.title] ?? '');
    if (joined !== '') out[keys.merged] = joined;
  }
  return out;
}

/** Keys a mapping reads from the source, and keys it writes in the target. */
function consumedKeys(mapping: KeyMapping): Set<string> {
  return new Set([
    ...mapping.direct,
    ...mapping.splits.map((keys) => keys.merged),
    ...mapping.joins.flatMap((keys) => [keys.post, keys.title]),
  ]);
}
function producedKeys(mapping: KeyMapping): Set<string> {
  return new Set([
    ...mapping.direct,
    ...mapping.splits.flatMap((keys) => [keys.post, keys.title]),
    ...mapping.joins.map((keys) => keys.merged),
  ]);
}

function conversionsOf(
  mapping: KeyMapping,
  fromRefs: FieldRef[],
  toRefs: FieldRef[],
  table?: TableId,
): Conversion[] {
  const ref = (refs: FieldRef[], key: string): FieldRef => ({ key, label: refs.find((r) => r.key === key)?.label ?? key });
  return [
    ...mapping.splits.map((keys) => ({
      ...(table ? { table } : {}),
      from: [ref(fromRefs, keys.merged)],
      to: [ref(toRefs, keys.post), ref(toRefs, keys.title)],
    })),
    ...mapping.joins.map((keys) => ({
      ...(table ? { table } : {}),
      from: [ref(fromRefs, keys.post), ref(fromRefs, keys.title)],
      to: [ref(toRefs, keys.merged)],
    })),
  ];
}

/** The value to use in the target column, or null when the target has no counterpart for it. */
function translateOption(column: ColumnDef, value: string): string | null {
  const options = column.options ?? [];
  const text = value.trim();
  if (options.length === 0 || options.includes(text)) return value;
  const candidates =
    column.key === memberKeys.tier
      ? (closestTiers[text] ?? [])
      : (synonymGroups.find((group) => group.includes(text)) ?? []);
  return candidates.find((candidate) => options.includes(candidate)) ?? null;
}

interface CopyResult {
  plan: RegionCopyPlan;
  fields: Values;
  tables: Record<TableId, Values[]>;
}

function convert(fromTemplate: RegionTemplate, toTemplate: RegionTemplate, draft: Draft): CopyResult {
  const fieldRefs = (template: RegionTemplate): FieldRef[] => template.fields.map(({ key, label }) => ({ key, label }));
  const fromFieldKeys = new Set(fromTemplate.fields.map((field) => field.key));
  const toFieldKeys = new Set(toTemplate.fields.map((field) => field.key));
  const fieldMapping = mapKeys(fromFieldKeys, toFieldKeys);
  const fields = convertValues(draft.fields, fieldMapping);
  const fieldsRead = consumedKeys(fieldMapping);
  const fieldsWritten = producedKeys(fieldMapping);

  const plan: RegionCopyPlan = {
    from: fromTemplate.id,
    to: toTemplate.id,
    carried: fieldMapping.direct.filter((key) => isFilled(draft.fields[key])),
    dropped: fromTemplate.fields
      .filter((field) => !fieldsRead.has(field.key) && isFilled(draft.fields[field.key]))
      .map(({ key, label }) => ({ key, label, value: draft.fields[key] })),
    added: toTemplate.fields.filter((field) => !fieldsWritten.has(field.key)).map(({ key, label }) => ({ key, label })),
    columnsDropped: Object.fromEntries(tableIds.map((id) => [id, []])) as unknown as Record<TableId, DroppedColumn[]>,
    columnsAdded: Object.fromEntries(tableIds.map((id) => [id, []])) as unknown as Record<TableId, FieldRef[]>,
    tablesDropped: [],
    conversions: conversionsOf(fieldMapping, fieldRefs(fromTemplate), fieldRefs(toTemplate)),
    valueChanges: [],
  };

  const tables = Object.fromEntries(tableIds.map((id) => [id, [] as Values[]])) as Record<TableId, Values[]>;
  for (const id of tableIds) {
    const fromTable = fromTemplate.tables.find((table) => table.key === id);
    const toTable = toTemplate.tables.find((table) => table.key === id);
    const rows: TableRow[] = draft.tables[id] ?? [];
    if (!toTable) {
      const kept = rows.filter((row) => Object.values(row.values).some(isFilled));
      if (kept.length > 0) plan.tablesDropped.push({ table: id, label: fromTable?.label ?? id, rows: kept.length });
      continue;
    }
    const fromColumns = fromTable?.columns ?? [];
    const mapping = mapKeys(new Set(fromColumns.map((c) => c.key)), new Set(toTable.columns.map((c) => c.key)));
    const read = consumedKeys(mapping);
    const written = producedKeys(mapping);
    plan.columnsDropped[id] = fromColumns
      .filter((column) => !read.has(column.key))
      .map((column) => ({
        key: column.key,
        label: column.label,
        filledRows: rows.filter((row) => isFilled(row.values[column.key])).length,
      }))
      .filter((column) => column.filledRows > 0);
    plan.columnsAdded[id] = toTable.columns
      .filter((column) => !written.has(column.key))
      .map(({ key, label }) => ({ key, label }));
    plan.conversions.push(...conversionsOf(mapping, fromColumns, toTable.columns, id));

    tables[id] = rows.map((row, index) => {
      const values = convertValues(row.values, mapping);
      for (const column of toTable.columns) {
        const value = values[column.key];
        if (column.type !== 'select' || !isFilled(value)) continue;
        const translated = translateOption(column, value);
        if (translated === value) continue;
        plan.valueChanges.push({
          table: id,
          rowId: row.id,
          rowNumber: index + 1,
          column: column.key,
          columnLabel: column.label,
          from: value,
          to: translated,
        });
        if (translated !== null) values[column.key] = translated;
      }
      return values;
    });
  }
  return { plan, fields, tables };
}

/** What copying `draft` from one region to another would carry, drop, add and rewrite. */
export function planRegionCopy(fromTemplate: RegionTemplate, toTemplate: RegionTemplate, draft: Draft): RegionCopyPlan {
  return convert(fromTemplate, toTemplate, draft).plan;
}

/**
 * A new draft for `toTemplate`'s region holding what carries over from `draft`; the original is untouched.
 * Rows get new ids, as the copy is a separate draft.
 */
export function copyDraftToRegion(
  fromTemplate: RegionTemplate,
  toTemplate: RegionTemplate,
  draft: Draft,
  idFactory: () => string,
  now = new Date().toISOString(),
): Draft {
  const { fields, tables } = convert(fromTemplate, toTemplate, draft);
  return {
    id: idFactory(),
    regionId: toTemplate.id,
    templateVersion: toTemplate.version,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    fields,
    tables: Object.fromEntries(
      tableIds.map((id) => [id, tables[id].map((values): TableRow => ({ id: idFactory(), values }))]),
    ) as Record<TableId, TableRow[]>,
  };
}
