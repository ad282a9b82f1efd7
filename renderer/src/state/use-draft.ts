import { useCallback, useEffect, useState } from 'react';
import type { Draft, TableRow, Values } from '../../../electron/shared/draft';
import type { TableId } from '../../../electron/shared/region-template';
import { api } from '../api/client';
import { useSaveQueue } from './save-queue';

/**
 * The open draft: local state is the truth on screen and every change is queued for autosave, so a slow
 * or failed save never makes the user's typing disappear.
 */
export function useDraft(draftId: string) {
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const saves = useSaveQueue();

  const reload = useCallback(async () => {
    try {
      setDraft(await api['drafts.get']({ id: draftId }));
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, [draftId]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const setField = useCallback(
    (key: string, value: string) => {
      setDraft((current) => (current ? { ...current, fields: { ...current.fields, [key]: value } } : current));
      saves.enqueue(`field:${key}`, () => api['drafts.setField']({ draftId, key, value }));
    },
    [draftId, saves],
  );

  const updateCell = useCallback(
    (table: TableId, rowId: string, column: string, value: string) => {
      let rowValues: Values = {};
      setDraft((current) => {
        if (!current) return current;
        const rows = current.tables[table].map((row) => {
          if (row.id !== rowId) return row;
          rowValues = { ...row.values, [column]: value };
          return { ...row, values: rowValues };
        });
        return { ...current, tables: { ...current.tables, [table]: rows } };
      });
      // One queue entry per cell, so edits to different cells of a row are all written.
      saves.enqueue(`cell:${table}:${rowId}:${column}`, () =>
        api['rows.update']({ draftId, table, rowId, values: { [column]: value } }),
      );
    },
    [draftId, saves],
  );

  const addRows = useCallback(
    async (table: TableId, atIndex: number | null, rows: Values[]): Promise<TableRow[]> => {
      await saves.flush();
      const added = await api['rows.add']({ draftId, table, atIndex, rows });
      setDraft((current) => {
        if (!current) return current;
        const list = [...current.tables[table]];
        list.splice(atIndex ?? list.length, 0, ...added);
        return { ...current, tables: { ...current.tables, [table]: list } };
      });
      return added;
    },
    [draftId, saves],
  );

  const deleteRows = useCallback(
    async (table: TableId, rowIds: string[]) => {
      await saves.flush();
      await api['rows.delete']({ draftId, table, rowIds });
      setDraft((current) =>
        current
          ? { ...current, tables: { ...current.tables, [table]: current.tables[table].filter((row) => !rowIds.includes(row.id)) } }
          : current,
      );
    },
    [draftId, saves],
  );

  const moveRow = useCallback(
    async (table: TableId, rowId: string, toIndex: number) => {
      await saves.flush();
      await api['rows.move']({ draftId, table, rowId, toIndex });
      setDraft((current) => {
        if (!current) return current;
        const list = [...current.tables[table]];
        const from = list.findIndex((row) => row.id === rowId);
        const [row] = list.splice(from, 1);
        list.splice(toIndex, 0, row);
        return { ...current, tables: { ...current.tables, [table]: list } };
      });
    },
    [draftId, saves],
  );

  return { draft, loadError, reload, setField, updateCell, addRows, deleteRows, moveRow, saves };
}
