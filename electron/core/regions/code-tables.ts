import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeItem, CodeTableKind } from '../../shared/code-tables';
import { resourcesDir } from './templates';

interface CodeRecord {
  code: string;
  name: string;
  level: number;
  parent: string | null;
}

interface LoadedTable {
  records: CodeRecord[];
  byCode: Map<string, CodeRecord>;
}

const files: Record<CodeTableKind, string> = {
  industry: 'gbt4754-2017-industry.json', // GB/T 4754-2017 国民经济行业分类
  discipline: 'gbt13745-2009-discipline.json', // GB/T 13745-2009 学科分类与代码
};
const cache = new Map<CodeTableKind, LoadedTable>();

function table(kind: CodeTableKind, dir = join(resourcesDir(), 'code-tables')): LoadedTable {
  let loaded = cache.get(kind);
  if (!loaded) {
    const records = JSON.parse(readFileSync(join(dir, files[kind]), 'utf8')) as CodeRecord[];
    loaded = { records, byCode: new Map(records.map((record) => [record.code, record])) };
    cache.set(kind, loaded);
  }
  return loaded;
}

/** The names from the top of the tree down to the code, e.g. 制造业 › 计算机、通信… › … */
function pathOf(loaded: LoadedTable, record: CodeRecord): string[] {
  const names: string[] = [];
  for (let current: CodeRecord | undefined = record; current; current = current.parent ? loaded.byCode.get(current.parent) : undefined) {
    names.unshift(current.name);
  }
  return names;
}

function toItem(loaded: LoadedTable, record: CodeRecord): CodeItem {
  return { code: record.code, name: record.name, level: record.level, path: pathOf(loaded, record) };
}

/**
 * Searches a national code list by code prefix or by any part of a name, best matches first: an exact
 * code, then codes starting with the query, then names containing it (shorter names first).
 */
export function searchCodes(kind: CodeTableKind, query: string, limit = 30): CodeItem[] {
  const loaded = table(kind);
  const needle = query.trim().toUpperCase();
  if (!needle) return loaded.records.filter((record) => record.level === 1).slice(0, limit).map((r) => toItem(loaded, r));
  const scored: Array<{ record: CodeRecord; score: number }> = [];
  for (const record of loaded.records) {
    let score = -1;
    if (record.code === needle) score = 0;
    else if (record.code.startsWith(needle)) score = 1 + record.code.length / 100;
    else if (record.name.includes(query.trim())) score = 2 + record.name.length / 1000;
    if (score >= 0) scored.push({ record, score });
  }
  scored.sort((a, b) => a.score - b.score);
  return scored.slice(0, limit).map(({ record }) => toItem(loaded, record));
}

/** The entry for one code, or null when the code is not in the list. */
export function lookupCode(kind: CodeTableKind, code: string): CodeItem | null {
  const loaded = table(kind);
  const record = loaded.byCode.get(code.trim().toUpperCase());
  return record ? toItem(loaded, record) : null;
}
