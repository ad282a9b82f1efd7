import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckSummary } from '../../../electron/shared/checks';
import type { Draft, TableRow, Values } from '../../../electron/shared/draft';
import type { TableId } from '../../../electron/shared/region-template';
import { api } from '../api/client';
import { saveQueue } from './save-queue';
import type { JournalCell } from './unsaved-journal';
import { clearJournal, noteCells, noteField, readJournal, settleCells, settleField } from './unsaved-journal';

export interface DraftActions {
  setField: (key: string, value: string) => void;
  updateCell: (table: TableId, rowId: string, column: string, value: string) => void;
  /** Writes a block of cells from row `startRow` on (a paste or a cleared range); rows past the end are added. */
  setBlock: (table: TableId, startRow: number, columns: string[], matrix: string[][]) => { added: TableRow[] };
  /** Inserts rows at once on screen; the core is told in the background (one rows.add call). */
  insertRows: (table: TableId, atIndex: number | null, rows: Values[]) => TableRow[];
  deleteRows: (table: TableId, rowIds: string[]) => void;
  moveRow: (table: TableId, rowId: string, toIndex: number) => void;
  /** Puts the draft back to a revision (the core keeps the current state as a revision first). */
  restoreRevision: (revisionId: number) => Promise<void>;
}

/**
 * Rows added on this page exist on screen before the core has named them; they carry a local id until
 * then. Their first id stays their React key afterwards, so the cell being typed in is never re-created.
 */
const rowKeys = new Map<string, string>();
let localCounter = 0;

export function rowKeyOf(rowId: string): string {
  return rowKeys.get(rowId) ?? rowId;
}

/** How long after the last save without a summary the page asks for one: the edits have paused by then. */
const summaryDelayMs = 1200;

function withTable(draft: Draft, table: TableId, rows: TableRow[]): Draft {
  return { ...draft, tables: { ...draft.tables, [table]: rows } };
}

/**
 * The open draft: local state is the truth on screen and every change is queued for autosave, so a slow
 * or failed save never makes the user's typing disappear. Edits not yet on disk are also kept in the
 * unsaved journal and put back when the draft is opened again.
 */
export function useDraft(draftId: string) {
  const [draft, setDraftState] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** How many edits from the unsaved journal were put back on opening. */
  const [recovered, setRecovered] = useState(0);
  const current = useRef<Draft | null>(null);
  // Kept eagerly, so that actions run one after another in the same event see each other's effect.
  const setDraft = useCallback((update: (draft: Draft) => Draft) => {
    if (!current.current) return;
    const next = update(current.current);
    current.current = next;
    setDraftState(next);
  }, []);
  /** Local row ids → the ids the core gave those rows. */
  const serverIds = useRef(new Map<string, string>());
  /** Local rows whose rows.add has not been written yet. */
  const uncreated = useRef(new Set<string>());
  const serverId = useCallback((rowId: string) => serverIds.current.get(rowId) ?? rowId, []);
  const { summary, received, refresh: refreshSummary } = useCheckSummary(draftId);
  const operation = useRef(0);
  const queueOperation = useCallback(
    (write: () => Promise<unknown>) => saveQueue.enqueue(`${draftId}:op:${++operation.current}`, write),
    [draftId],
  );

  const queueField = useCallback(
    (key: string, value: string) => {
      noteField(draftId, key, value);
      saveQueue.enqueue(`${draftId}:field:${key}`, async () => {
        received(await api['drafts.setField']({ draftId, key, value }));
        settleField(draftId, key, value);
      });
    },
    [draftId, received],
  );

  const queueRow = useCallback(
    (table: TableId, rowId: string, values: Values) => {
      const cells: JournalCell[] = Object.entries(values).map(([column, value]) => ({ table, rowId, column, value }));
      noteCells(draftId, cells);
      // One queue entry per cell (or per pasted row), so edits to different cells of a row are all written.
      saveQueue.enqueue(`${draftId}:row:${table}:${rowId}:${Object.keys(values).join(',')}`, async () => {
        // Written after the row's own creation (queued earlier), so its core id is known by now.
        received(await api['rows.update']({ draftId, table, rowId: serverId(rowId), values }));
        settleCells(draftId, cells);
      });
    },
    [draftId, serverId, received],
  );

  const load = useCallback(async () => {
    try {
      // Writes still queued for this draft go first, so what is read back includes them.
      await saveQueue.flush();
      const loaded = await api['drafts.get']({ id: draftId });
      const journal = readJournal(draftId);
      let restored = 0;
      const fields = { ...loaded.fields };
      for (const [key, value] of Object.entries(journal.fields)) {
        if (fields[key] === value) continue;
        fields[key] = value;
        restored++;
        queueField(key, value);
      }
      const tables = { ...loaded.tables };
      const rowEdits = new Map<string, { table: TableId; rowId: string; values: Values }>();
      for (const cell of Object.values(journal.cells)) {
        const row = tables[cell.table]?.find((candidate) => candidate.id === cell.rowId);
        // A row deleted since: its edit has nowhere to go.
        if (!row || row.values[cell.column] === cell.value) continue;
        const key = `${cell.table}|${cell.rowId}`;
        const edit = rowEdits.get(key) ?? { table: cell.table, rowId: cell.rowId, values: {} };
        edit.values[cell.column] = cell.value;
        rowEdits.set(key, edit);
        restored++;
      }
      for (const edit of rowEdits.values()) {
        tables[edit.table] = tables[edit.table].map((row) =>
          row.id === edit.rowId ? { ...row, values: { ...row.values, ...edit.values } } : row,
        );
        queueRow(edit.table, edit.rowId, edit.values);
      }
      if (restored === 0) clearJournal(draftId);
      const next = { ...loaded, fields, tables };
      current.current = next;
      setDraftState(next);
      setRecovered(restored);
      refreshSummary();
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, [draftId, queueField, queueRow, refreshSummary]);

  useEffect(() => {
    void load();
  }, [load]);

  // A page being closed or reloaded gets one last chance to write; the journal covers the rest.
  useEffect(() => {
    const onHide = () => void saveQueue.flush();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, []);

  const setField = useCallback(
    (key: string, value: string) => {
      setDraft((d) => ({ ...d, fields: { ...d.fields, [key]: value } }));
      queueField(key, value);
    },
    [setDraft, queueField],
  );

  const updateCell = useCallback(
    (table: TableId, given: string, column: string, value: string) => {
      // The grid may still hold the local id of a row the core has just named (a keystroke right after
      // Tab, under load): the edit belongs to that row under its new id, or it would be dropped on screen.
      const rowId = serverId(given);
      setDraft((d) =>
        withTable(
          d,
          table,
          d.tables[table].map((row) => (row.id === rowId ? { ...row, values: { ...row.values, [column]: value } } : row)),
        ),
      );
      queueRow(table, rowId, { [column]: value });
    },
    [setDraft, queueRow, serverId],
  );

  const insertRows = useCallback(
    (table: TableId, atIndex: number | null, rows: Values[]): TableRow[] => {
      const local = rows.map((values) => ({ id: `new-${Date.now().toString(36)}-${(localCounter++).toString(36)}`, values }));
      for (const row of local) uncreated.current.add(row.id);
      setDraft((d) => {
        const list = [...d.tables[table]];
        list.splice(atIndex ?? list.length, 0, ...local);
        return withTable(d, table, list);
      });
      queueOperation(async () => {
        const list = current.current?.tables[table] ?? [];
        const position = list.findIndex((row) => row.id === local[0].id);
        // Rows still waiting for their own creation are not in the store yet, so they do not count.
        const index = position < 0 ? null : list.slice(0, position).filter((row) => !uncreated.current.has(row.id)).length;
        const created = await api['rows.add']({ draftId, table, atIndex: index, rows: local.map((row) => row.values) });
        received(null);
        const renamed = new Map<string, string>();
        created.forEach((row, offset) => {
          const localId = local[offset].id;
          serverIds.current.set(localId, row.id);
          rowKeys.set(row.id, localId);
          uncreated.current.delete(localId);
          renamed.set(localId, row.id);
        });
        setDraft((d) =>
          withTable(
            d,
            table,
            d.tables[table].map((row) => (renamed.has(row.id) ? { ...row, id: renamed.get(row.id) ?? row.id } : row)),
          ),
        );
      });
      return local;
    },
    [draftId, setDraft, queueOperation, received],
  );

  const setBlock = useCallback(
    (table: TableId, startRow: number, columns: string[], matrix: string[][]) => {
      const existing = current.current?.tables[table] ?? [];
      const toRow = (cells: string[]): Values => Object.fromEntries(columns.map((column, index) => [column, cells[index] ?? '']));
      const updates = matrix.slice(0, Math.max(0, existing.length - startRow)).map((cells, offset) => ({
        row: existing[startRow + offset],
        values: toRow(cells),
      }));
      const extra = matrix.slice(updates.length).map(toRow);
      let added: TableRow[] = [];
      if (updates.length > 0) {
        const byId = new Map(updates.map((update) => [update.row.id, update.values]));
        setDraft((d) =>
          withTable(
            d,
            table,
            d.tables[table].map((row) => {
              const values = byId.get(row.id);
              return values ? { ...row, values: { ...row.values, ...values } } : row;
            }),
          ),
        );
        for (const update of updates) queueRow(table, update.row.id, update.values);
      }
      // Rows past the end in one rows.add, queued after the updates above, so the pasted order is kept.
      if (extra.length > 0) added = insertRows(table, null, extra);
      return { added };
    },
    [setDraft, queueRow, insertRows],
  );

  const deleteRows = useCallback(
    (table: TableId, given: string[]) => {
      const rowIds = given.map(serverId);
      const removed = new Set(rowIds);
      setDraft((d) => withTable(d, table, d.tables[table].filter((row) => !removed.has(row.id))));
      queueOperation(async () => received(await api['rows.delete']({ draftId, table, rowIds: rowIds.map(serverId) })));
    },
    [draftId, setDraft, queueOperation, serverId, received],
  );

  const moveRow = useCallback(
    (table: TableId, given: string, toIndex: number) => {
      const rowId = serverId(given);
      setDraft((d) => {
        const list = [...d.tables[table]];
        const from = list.findIndex((row) => row.id === rowId);
        if (from < 0) return d;
        const [row] = list.splice(from, 1);
        list.splice(toIndex, 0, row);
        return withTable(d, table, list);
      });
      queueOperation(async () => received(await api['rows.move']({ draftId, table, rowId: serverId(rowId), toIndex })));
    },
    [draftId, setDraft, queueOperation, serverId, received],
  );

  const restoreRevision = useCallback(
    async (revisionId: number) => {
      const ok = await saveQueue.flush();
      if (!ok) throw new Error('还有未能保存的修改，请先在右上角点击“重试”保存成功后再恢复。');
      const restored = await api['revisions.restore']({ revisionId });
      clearJournal(draftId);
      current.current = restored;
      setDraftState(restored);
      refreshSummary();
    },
    [draftId, refreshSummary],
  );

  const actions: DraftActions = useMemo(
    () => ({ setField, updateCell, setBlock, insertRows, deleteRows, moveRow, restoreRevision }),
    [setField, updateCell, setBlock, insertRows, deleteRows, moveRow, restoreRevision],
  );
  return { draft, loadError, recovered, reload: load, actions, summary, refreshSummary };
}

/**
 * The check summary the page shows while the user edits (完整度, verdict, the step bar's counts). It arrives with
 * the saves' answers; when the last save of a burst came back without one (the core checks at most about once a
 * second), the page asks `checks.summary` once the edits have paused. The full report is not involved.
 */
function useCheckSummary(draftId: string) {
  const [summary, setSummary] = useState<CheckSummary | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Counts answers, so that a summary asked for before a later save cannot replace that save's. */
  const answers = useRef(0);
  const keep = useCallback((next: CheckSummary) => {
    // checkedAt is an ISO time: an older summary never replaces a newer one.
    setSummary((previous) => (previous && previous.checkedAt > next.checkedAt ? previous : next));
  }, []);
  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    const mine = ++answers.current;
    api['checks.summary']({ draftId }).then(
      (next) => {
        if (mine === answers.current) keep(next);
      },
      // A failed read leaves the last summary on screen; the next save brings a new one.
      () => undefined,
    );
  }, [draftId, keep]);
  const received = useCallback(
    (answer: { summary: CheckSummary | null } | null) => {
      answers.current++;
      clearTimeout(timer.current);
      if (answer?.summary) keep(answer.summary);
      else timer.current = setTimeout(refresh, summaryDelayMs);
    },
    [keep, refresh],
  );
  useEffect(() => () => clearTimeout(timer.current), [draftId]);
  return { summary, received, refresh };
}
