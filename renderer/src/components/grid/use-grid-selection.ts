import type { RefObject } from 'react';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Cell, EditorElement, Mode } from './grid-layout';
import { columnLeft, headerHeight, indexWidth, rowHeight } from './grid-layout';

/**
 * The active cell, the anchor of a selected range and the editing mode. A move asks for focus
 * (`wantFocus`); the layout effect below gives it to the new cell's editor once that editor is drawn,
 * before the browser handles the next key, so no keystroke lands in the cell just left.
 */
export function useGridSelection(rowCount: number, colCount: number) {
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const [anchor, setAnchor] = useState<Cell>({ row: 0, col: 0 });
  const [mode, setMode] = useState<Mode>('nav');
  const wantFocus = useRef(false);

  const clampRow = (row: number) => Math.max(0, Math.min(row, rowCount - 1));
  const clampCol = (col: number) => Math.max(0, Math.min(col, colCount - 1));
  const act: Cell = { row: clampRow(active.row), col: clampCol(active.col) };
  const anc: Cell = { row: clampRow(anchor.row), col: clampCol(anchor.col) };
  const sel = {
    top: Math.min(act.row, anc.row),
    bottom: Math.max(act.row, anc.row),
    left: Math.min(act.col, anc.col),
    right: Math.max(act.col, anc.col),
  };
  const multi = sel.top !== sel.bottom || sel.left !== sel.right;

  const moveTo = useCallback((cell: Cell, extend = false) => {
    setActive(cell);
    if (!extend) setAnchor(cell);
    setMode('nav');
    wantFocus.current = true;
  }, []);

  /** Selects a block with the cursor in its first cell (after a paste, or a click on a row number). */
  const selectRange = useCallback((from: Cell, to: Cell) => {
    setActive(from);
    setAnchor(to);
    setMode('nav');
    wantFocus.current = true;
  }, []);

  const collapse = useCallback(() => setAnchor(active), [active]);

  return { act, anc, sel, multi, mode, setMode, moveTo, selectRange, collapse, wantFocus, clampRow, clampCol };
}

export type GridSelection = ReturnType<typeof useGridSelection>;

/** After a move, an added row or a focus request: focus the editor and bring its cell into view. */
export function useActiveCellFocus(args: {
  selection: GridSelection;
  editor: RefObject<EditorElement | null>;
  scroller: RefObject<HTMLDivElement>;
  emptyNote: RefObject<HTMLDivElement>;
  widths: number[];
  rowCount: number;
}) {
  const { selection, editor, scroller, emptyNote, widths, rowCount } = args;
  const { act, mode, wantFocus } = selection;
  useLayoutEffect(() => {
    if (!wantFocus.current) return;
    if (rowCount === 0) {
      // The table was emptied from the keyboard: focus stays in the grid, on its empty note.
      wantFocus.current = false;
      emptyNote.current?.focus();
      return;
    }
    if (!editor.current) return;
    wantFocus.current = false;
    const element = editor.current;
    element.focus({ preventScroll: true });
    if (!(element instanceof HTMLSelectElement)) {
      if (mode === 'nav') element.select();
      else element.setSelectionRange(element.value.length, element.value.length);
    }
    const box = scroller.current;
    if (!box) return;
    const top = act.row * rowHeight;
    const bodyHeight = box.clientHeight - headerHeight;
    if (top < box.scrollTop) box.scrollTop = top;
    else if (top + rowHeight > box.scrollTop + bodyHeight) box.scrollTop = top + rowHeight - bodyHeight;
    // The first column stays in view (frozen); a cell right of it must not hide under it.
    const frozen = act.col > 0 ? indexWidth + widths[0] : indexWidth;
    const left = columnLeft(widths, act.col);
    const right = left + widths[act.col];
    if (act.col === 0) return;
    if (left - frozen < box.scrollLeft) box.scrollLeft = left - frozen;
    else if (right > box.scrollLeft + box.clientWidth) box.scrollLeft = right - box.clientWidth;
  });
}
