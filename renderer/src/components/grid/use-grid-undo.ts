import { useCallback, useState } from 'react';
import type { TableRow, Values } from '../../../../electron/shared/draft';

/**
 * Undo and redo of a grid (Ctrl+Z / Ctrl+Y): cell edits, pastes, cleared ranges and row operations.
 * Rows are named by their stable key (a row keeps its first id as key after the core renames it), and a
 * row that undo or redo creates again gets a new key, noted in `renamed`, so older entries still find it.
 * The history lives outside the component, per draft and table, so it survives switching steps while the
 * draft is open; the draft screen forgets it when the draft is closed.
 */

export interface CellChange {
  rowKey: string;
  column: string;
  before: string;
  after: string;
}

export type UndoEntry =
  | { kind: 'cells'; what: string; changes: CellChange[]; added: { keys: string[]; values: Values[] } | null; open?: boolean }
  | { kind: 'insert'; what: string; at: number; keys: string[]; values: Values[] }
  | { kind: 'delete'; what: string; at: number; keys: string[]; values: Values[] }
  | { kind: 'move'; what: string; key: string; from: number; to: number };

interface History {
  undo: UndoEntry[];
  redo: UndoEntry[];
  renamed: Map<string, string>;
}

const histories = new Map<string, History>();
/** Enough for an afternoon's corrections without holding on to every keystroke of a long session. */
const limit = 200;

/** Forgets the undo history of every grid of a draft (when the draft is closed). */
export function forgetGridHistory(draftId: string): void {
  for (const key of [...histories.keys()]) if (key.startsWith(`${draftId}:`)) histories.delete(key);
}

function historyOf(key: string): History {
  let history = histories.get(key);
  if (!history) {
    history = { undo: [], redo: [], renamed: new Map() };
    histories.set(key, history);
  }
  return history;
}

/** What undo and redo do to the table, in the grid's own terms. */
export interface UndoTarget {
  rows: TableRow[];
  rowKey: (rowId: string) => string;
  setCell: (rowId: string, column: string, value: string) => void;
  insertRows: (at: number, rows: Values[]) => TableRow[];
  deleteRows: (rowIds: string[]) => void;
  moveRow: (rowId: string, to: number) => void;
}

/** Where the cursor goes after an undo or redo: the first cell it touched, or the rows it brought back. */
export interface UndoLanding {
  row: number;
  column: string | null;
  text: string;
}

export function useGridUndo(historyKey: string) {
  const history = historyOf(historyKey);
  // The history is outside React; this counter redraws the toolbar's 撤销 / 重做 when it changes.
  const [, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((version) => version + 1), []);

  const resolve = (key: string): string => {
    let current = key;
    for (let guard = 0; guard < 100 && history.renamed.has(current); guard++) current = history.renamed.get(current) ?? current;
    return current;
  };

  const push = useCallback(
    (entry: UndoEntry) => {
      for (const open of history.undo) if (open.kind === 'cells') open.open = false;
      history.undo.push(entry);
      if (history.undo.length > limit) history.undo.shift();
      history.redo = [];
      changed();
    },
    [history, changed],
  );

  /** One typed change of a cell; changes to the same cell in a row are one entry until the cursor moves. */
  const recordCell = useCallback(
    (rowKey: string, column: string, before: string, after: string) => {
      const top = history.undo[history.undo.length - 1];
      if (top?.kind === 'cells' && top.open && top.changes.length === 1 && top.changes[0].rowKey === rowKey && top.changes[0].column === column) {
        top.changes[0].after = after;
        // Typed back to what it was (Esc, or deleting what was typed): nothing to undo.
        if (top.changes[0].before === after) {
          history.undo.pop();
          changed();
        }
        return;
      }
      if (before === after) return;
      push({ kind: 'cells', what: '编辑单元格', changes: [{ rowKey, column, before, after }], added: null, open: true });
    },
    [history, push, changed],
  );

  /** Ends the current cell's typing, so the next edit of it is a step of its own. */
  const closeTyping = useCallback(() => {
    const top = history.undo[history.undo.length - 1];
    if (top?.kind === 'cells') top.open = false;
  }, [history]);

  /** A row Tab added and the user left empty is taken away again; its insert is no step to undo. */
  const discardInsert = useCallback(
    (rowKey: string) => {
      const top = history.undo[history.undo.length - 1];
      if (top?.kind === 'insert' && top.keys.length === 1 && resolve(top.keys[0]) === rowKey) {
        history.undo.pop();
        changed();
      }
    },
    // `resolve` reads only `history`, which is fixed per key.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [history, changed],
  );

  const apply = (entry: UndoEntry, target: UndoTarget, direction: 'undo' | 'redo'): UndoLanding | null => {
    const indexOf = (key: string) => target.rows.findIndex((row) => target.rowKey(row.id) === resolve(key));
    const idOf = (key: string) => target.rows[indexOf(key)]?.id;
    const recreate = (at: number, keys: string[], values: Values[]) => {
      const created = target.insertRows(at, values);
      created.forEach((row, offset) => history.renamed.set(keys[offset], target.rowKey(row.id)));
      return created.map((row) => target.rowKey(row.id));
    };
    const removeRows = (keys: string[]): Values[] => {
      const values = keys.map((key) => target.rows[indexOf(key)]?.values ?? {});
      const ids = keys.map(idOf).filter((id): id is string => id !== undefined);
      if (ids.length > 0) target.deleteRows(ids);
      return values;
    };
    switch (entry.kind) {
      case 'cells': {
        let first: UndoLanding | null = null;
        for (const change of entry.changes) {
          const index = indexOf(change.rowKey);
          if (index < 0) continue;
          target.setCell(target.rows[index].id, change.column, direction === 'undo' ? change.before : change.after);
          first ??= { row: index, column: change.column, text: '' };
        }
        if (entry.added) {
          if (direction === 'undo') entry.added.values = removeRows(entry.added.keys);
          else {
            const at = target.rows.length;
            entry.added.keys = recreate(at, entry.added.keys, entry.added.values);
            first ??= { row: at, column: null, text: '' };
          }
        }
        return first;
      }
      case 'insert':
        if (direction === 'undo') {
          entry.values = removeRows(entry.keys);
          return { row: Math.max(0, entry.at - 1), column: null, text: '' };
        }
        entry.keys = recreate(entry.at, entry.keys, entry.values);
        return { row: entry.at, column: null, text: '' };
      case 'delete':
        if (direction === 'undo') {
          entry.keys = recreate(entry.at, entry.keys, entry.values);
          return { row: entry.at, column: null, text: '' };
        }
        entry.values = removeRows(entry.keys);
        return { row: Math.max(0, Math.min(entry.at, target.rows.length - entry.keys.length - 1)), column: null, text: '' };
      case 'move': {
        const id = idOf(entry.key);
        if (id === undefined) return null;
        const to = direction === 'undo' ? entry.from : entry.to;
        target.moveRow(id, to);
        return { row: to, column: null, text: '' };
      }
    }
  };

  const step = useCallback(
    (direction: 'undo' | 'redo', target: UndoTarget): UndoLanding | null => {
      const from = direction === 'undo' ? history.undo : history.redo;
      const to = direction === 'undo' ? history.redo : history.undo;
      const entry = from.pop();
      if (!entry) return null;
      if (entry.kind === 'cells') entry.open = false;
      const landing = apply(entry, target, direction);
      to.push(entry);
      changed();
      if (!landing) return null;
      return { ...landing, text: `${direction === 'undo' ? '已撤销' : '已重做'}：${entry.what}` };
    },
    // `apply` reads only `history`, which is fixed per key.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [history, changed],
  );

  return {
    canUndo: history.undo.length > 0,
    canRedo: history.redo.length > 0,
    push,
    recordCell,
    closeTyping,
    discardInsert,
    undo: (target: UndoTarget) => step('undo', target),
    redo: (target: UndoTarget) => step('redo', target),
  };
}
