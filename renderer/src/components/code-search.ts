import { useEffect, useState } from 'react';
import type { CodeItem, CodeTableKind } from '../../../electron/shared/code-tables';
import { toHalfWidth } from '../../../electron/shared/validation';
import { api } from '../api/client';

/**
 * Searching the national code lists (行业类别 GB/T 4754, 国标学科 GB/T 13745) for the pickers in forms and
 * grid cells. Results say which text they are for, so a picker never offers the matches of an older
 * search word for the one just typed.
 */

export interface CodeResults {
  query: string;
  items: CodeItem[];
}

export function useCodeSearch(kind: CodeTableKind, query: string, enabled = true): CodeResults {
  const [results, setResults] = useState<CodeResults>({ query: '\u0000', items: [] });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const timer = setTimeout(() => {
      api['codes.search']({ kind, query: query.trim().slice(0, 50), limit: 30 })
        .then((items) => live && setResults({ query, items }))
        .catch(() => live && setResults({ query, items: [] }));
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, query, enabled]);
  return results;
}

const names = new Map<string, CodeItem | null>();
const waiting = new Map<string, Promise<CodeItem | null>>();

/** The entry of a stored code, looked up once per code and kept, since tables show the same codes often. */
export function useCodeName(kind: CodeTableKind, code: string): CodeItem | null {
  const key = `${kind}:${code.trim().toUpperCase()}`;
  const [item, setItem] = useState<CodeItem | null>(() => names.get(key) ?? null);
  useEffect(() => {
    if (code.trim() === '') {
      setItem(null);
      return;
    }
    if (names.has(key)) {
      setItem(names.get(key) ?? null);
      return;
    }
    let live = true;
    let request = waiting.get(key);
    if (!request) {
      request = api['codes.lookup']({ kind, code: code.trim().slice(0, 20) }).catch(() => null);
      waiting.set(key, request);
    }
    void request.then((found) => {
      names.set(key, found);
      waiting.delete(key);
      if (live) setItem(found);
    });
    return () => {
      live = false;
    };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- key is made of kind and code: it is the whole input
  }, [key]);
  return item;
}

/** Whether text is a code typed as such (a section letter or digits) rather than a word to search for. */
export function codeTyped(text: string): string | null {
  const code = toHalfWidth(text).replace(/\s+/g, '').toUpperCase();
  return /^[A-Z]$|^\d+$/.test(code) ? code : null;
}

/** The parents of an entry, from the top, for the second line of an option (the entry's own name comes first). */
export function parentsOf(item: CodeItem): string {
  return item.path.slice(0, -1).join(' › ');
}

/** An entry as one line: its name first, then the code and where it sits. */
export function codeText(item: CodeItem): string {
  const parents = parentsOf(item);
  return `${item.name}（${item.code}${parents ? `，${parents}` : ''}）`;
}
