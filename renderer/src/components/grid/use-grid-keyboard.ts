import type { KeyboardEvent, RefObject } from 'react';
import type { TableRow } from '../../../../electron/shared/draft';
import type { GridColumn } from './grid-columns';
import { isBlankValues, isSelectColumn } from './grid-columns';
import type { EditorElement } from './grid-layout';
import { headerHeight, rowHeight } from './grid-layout';
import type { GridSelection } from './use-grid-selection';

/** What the keys do to the table; the grid implements them. */
export interface KeyCommands {
  insertRow: (at: number) => void;
  /** Tab past the last cell: a new row, removed again if the user leaves without typing in it. */
  appendByTab: () => void;
  deleteRows: () => void;
  moveRow: (delta: number) => void;
  clearSelection: () => void;
  startEdit: () => void;
  revert: () => void;
  undo: () => void;
  redo: () => void;
  /** Writes a value into the active cell as typed (Alt+Enter's line break). */
  change: (value: string) => void;
}

/**
 * Keys as in Excel / WPS: arrows, Tab, Enter, Home/End, PageUp/PageDown move; typing replaces; F2 edits;
 * Esc cancels the edit and stays in the cell; Delete clears; Ctrl+Z / Ctrl+Y undo and redo.
 */
export function useGridKeyboard(args: {
  selection: GridSelection;
  rows: TableRow[];
  columns: GridColumn[];
  editor: RefObject<EditorElement | null>;
  maxHeight: number;
  commands: KeyCommands;
}) {
  const { selection, rows, columns, editor, maxHeight, commands } = args;
  const { act, mode, multi, moveTo, setMode, clampRow, clampCol, collapse } = selection;
  const rowCount = rows.length;
  const colCount = columns.length;

  /** In 'nav' mode the whole value is selected, so the first character typed replaces it. */
  const selectAllForTyping = () => {
    const element = editor.current;
    if (mode === 'nav' && element && !(element instanceof HTMLSelectElement)) element.select();
  };

  return (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const ctrl = event.ctrlKey || event.metaKey;
    const stop = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const isUndo = ctrl && !event.altKey && key === 'z' && !event.shiftKey;
    const isRedo = ctrl && !event.altKey && (key === 'y' || (key === 'z' && event.shiftKey));

    // The empty table's note: paste, undo and Enter (a first row) work there too.
    if (target.dataset.gridEmpty === 'true') {
      if (isUndo || isRedo) {
        stop();
        if (isUndo) commands.undo();
        else commands.redo();
      } else if (event.key === 'Enter') {
        stop();
        commands.insertRow(0);
      }
      return;
    }
    if (target.dataset.gridEditor !== 'true' || rowCount === 0) return;
    // Chinese input: the IME's first key replaces the value as any other typing does.
    if (event.nativeEvent.isComposing || event.key === 'Process') {
      selectAllForTyping();
      return;
    }
    const activeRow = rows[act.row];
    const activeColumn = columns[act.col];
    const isSelect = isSelectColumn(activeColumn);

    if (isUndo || isRedo) {
      stop();
      if (isUndo) commands.undo();
      else commands.redo();
      return;
    }
    if (ctrl && event.key === 'Enter') {
      stop();
      commands.insertRow(act.row + 1);
      return;
    }
    if (ctrl && event.key === 'Delete') {
      stop();
      commands.deleteRows();
      return;
    }
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      stop();
      commands.moveRow(event.key === 'ArrowUp' ? -1 : 1);
      return;
    }

    switch (event.key) {
      case 'Tab': {
        const forward = !event.shiftKey;
        const lastCell = act.row === rowCount - 1 && act.col === colCount - 1;
        if (forward && lastCell) {
          // Tab past the last cell adds a row (as in Word); from an empty last row it leaves the table.
          if (isBlankValues(activeRow.values)) {
            setMode('nav');
            return;
          }
          stop();
          commands.appendByTab();
          return;
        }
        if (!forward && act.row === 0 && act.col === 0) {
          setMode('nav');
          return;
        }
        stop();
        if (forward) moveTo(act.col + 1 < colCount ? { row: act.row, col: act.col + 1 } : { row: act.row + 1, col: 0 });
        else moveTo(act.col > 0 ? { row: act.row, col: act.col - 1 } : { row: act.row - 1, col: colCount - 1 });
        return;
      }
      case 'Enter': {
        if (event.altKey && activeColumn.type === 'longtext') {
          // Alt+Enter: a line break inside the cell, as in Excel.
          stop();
          const element = editor.current as HTMLTextAreaElement;
          const { selectionStart, selectionEnd, value } = element;
          const base = mode === 'nav' ? '' : value;
          const at = mode === 'nav' ? 0 : selectionStart;
          commands.change(`${base.slice(0, at)}\n${base.slice(mode === 'nav' ? 0 : selectionEnd)}`);
          setMode('edit');
          requestAnimationFrame(() => element.setSelectionRange(at + 1, at + 1));
          return;
        }
        stop();
        moveTo({ row: clampRow(act.row + (event.shiftKey ? -1 : 1)), col: act.col });
        return;
      }
      case 'Escape': {
        // Never out of the grid: Esc puts back what the cell held, or drops a selected range.
        stop();
        if (mode !== 'nav') {
          commands.revert();
          moveTo(act);
          return;
        }
        if (multi) collapse();
        return;
      }
      case 'F2':
        stop();
        commands.startEdit();
        return;
      case ' ':
        if (mode === 'nav' && isSelect) {
          stop();
          commands.startEdit();
          return;
        }
        selectAllForTyping();
        return;
      case 'ArrowUp':
      case 'ArrowDown':
      case 'ArrowLeft':
      case 'ArrowRight': {
        if (mode === 'edit') return;
        stop();
        const rowDelta = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
        const colDelta = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
        moveTo({ row: clampRow(act.row + rowDelta), col: clampCol(act.col + colDelta) }, event.shiftKey);
        return;
      }
      case 'Home':
      case 'End': {
        if (mode !== 'nav') return;
        stop();
        const toEnd = event.key === 'End';
        // As in Excel: Ctrl+Home is the first cell, Ctrl+End the last; Home and End stay in the row.
        const col = toEnd ? colCount - 1 : 0;
        moveTo(ctrl ? { row: toEnd ? rowCount - 1 : 0, col } : { row: act.row, col }, event.shiftKey);
        return;
      }
      case 'PageUp':
      case 'PageDown': {
        if (mode !== 'nav') return;
        stop();
        const page = Math.max(1, Math.floor((maxHeight - headerHeight) / rowHeight) - 1);
        moveTo({ row: clampRow(act.row + (event.key === 'PageUp' ? -page : page)), col: act.col }, event.shiftKey);
        return;
      }
      case 'Delete':
      case 'Backspace':
        if (mode !== 'nav') return;
        stop();
        commands.clearSelection();
        return;
      default:
        if (event.key.length !== 1 || ctrl || event.altKey) return;
        // A letter on a choice column starts choosing, like typing into a spreadsheet's list cell.
        if (mode === 'nav' && isSelect) commands.startEdit();
        else selectAllForTyping();
    }
  };
}
