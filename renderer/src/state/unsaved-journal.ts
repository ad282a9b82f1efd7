import type { TableId } from '../../../electron/shared/region-template';

/**
 * Edits typed but not yet confirmed on disk, kept in the page's local storage until their write succeeds.
 * If the window is reloaded or closed while a save is pending or failing, the edits are put back and written
 * when the draft is opened again: a failed save never costs the user what they typed.
 */

export interface JournalCell {
  table: TableId;
  rowId: string;
  column: string;
  value: string;
}

export interface Journal {
  fields: Record<string, string>;
  /** Keyed by cellKey(). */
  cells: Record<string, JournalCell>;
}

const prefix = 'lianheti.unsaved.';

export function cellKey(table: TableId, rowId: string, column: string): string {
  return `${table}|${rowId}|${column}`;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readJournal(draftId: string): Journal {
  const empty: Journal = { fields: {}, cells: {} };
  const text = storage()?.getItem(prefix + draftId);
  if (!text) return empty;
  try {
    const parsed = JSON.parse(text) as Partial<Journal>;
    return { fields: parsed.fields ?? {}, cells: parsed.cells ?? {} };
  } catch {
    return empty;
  }
}

function write(draftId: string, journal: Journal): void {
  const store = storage();
  if (!store) return;
  try {
    if (Object.keys(journal.fields).length === 0 && Object.keys(journal.cells).length === 0) store.removeItem(prefix + draftId);
    else store.setItem(prefix + draftId, JSON.stringify(journal));
  } catch {
    // Storage full or refused: the in-memory queue still holds the edit and keeps retrying.
  }
}

/** In-memory copies, so a keystroke does not re-read local storage. */
const cache = new Map<string, Journal>();

function journalOf(draftId: string): Journal {
  let journal = cache.get(draftId);
  if (!journal) {
    journal = readJournal(draftId);
    cache.set(draftId, journal);
  }
  return journal;
}

export function noteField(draftId: string, key: string, value: string): void {
  const journal = journalOf(draftId);
  journal.fields[key] = value;
  write(draftId, journal);
}

export function settleField(draftId: string, key: string, value: string): void {
  const journal = journalOf(draftId);
  if (journal.fields[key] !== value) return;
  delete journal.fields[key];
  write(draftId, journal);
}

export function noteCells(draftId: string, cells: JournalCell[]): void {
  const journal = journalOf(draftId);
  for (const cell of cells) journal.cells[cellKey(cell.table, cell.rowId, cell.column)] = cell;
  write(draftId, journal);
}

export function settleCells(draftId: string, cells: JournalCell[]): void {
  const journal = journalOf(draftId);
  let changed = false;
  for (const cell of cells) {
    const key = cellKey(cell.table, cell.rowId, cell.column);
    if (journal.cells[key]?.value === cell.value) {
      delete journal.cells[key];
      changed = true;
    }
  }
  if (changed) write(draftId, journal);
}

export function clearJournal(draftId: string): void {
  cache.set(draftId, { fields: {}, cells: {} });
  storage()?.removeItem(prefix + draftId);
}
