import type { ClipboardEvent } from 'react';
import type { TableRow } from '../../../../electron/shared/draft';
import type { GridColumn } from './grid-columns';
import { isSelectColumn, pastedValue, shownValue } from './grid-columns';
import type { Cell } from './grid-layout';
import type { GridSelection } from './use-grid-selection';
import { parseTsv, toTsv } from './tsv';

/**
 * Copy and paste with Excel / WPS. A pasted block is written from the active cell (or the first cell of
 * an empty table), each value folded the way Excel import folds it, so 「B.化工」 lands as B and
 * 「2020年5月」 as 2020-05. Copying gives choices as their labels, as our own Excel export writes them.
 */
export function useGridClipboard(args: {
  selection: GridSelection;
  rows: TableRow[];
  columns: GridColumn[];
  /** Writes a block of already folded values from `start`; `dropped` columns did not fit. */
  pasteBlock: (start: Cell, matrix: string[][], dropped: number) => void;
  /** One value for the active cell. */
  change: (value: string) => void;
}) {
  const { selection, rows, columns, pasteBlock, change } = args;
  const { act, mode, sel } = selection;

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const fromEditor = target.dataset.gridEditor === 'true';
    const fromEmpty = target.dataset.gridEmpty === 'true';
    if (!fromEditor && !fromEmpty) return;
    const text = event.clipboardData.getData('text/plain');
    const matrix = parseTsv(text);
    if (matrix.length === 0) return;
    const start: Cell = fromEmpty ? { row: 0, col: 0 } : act;
    if (fromEditor) {
      const column = columns[act.col];
      const single = matrix.length === 1 && matrix[0].length === 1;
      if (single) {
        // While typing in a cell, a plain value goes in at the caret, as in any text box.
        if (mode !== 'nav' && !isSelectColumn(column)) return;
        event.preventDefault();
        change(pastedValue(column, matrix[0][0]));
        return;
      }
      // Lines without tabs pasted while editing a long text belong in that cell.
      if (mode === 'edit' && column.type === 'longtext' && !text.includes('\t')) return;
    }
    event.preventDefault();
    const widest = Math.max(...matrix.map((row) => row.length));
    const width = Math.min(widest, columns.length - start.col);
    const block = matrix.map((row) =>
      Array.from({ length: width }, (_, index) => pastedValue(columns[start.col + index], row[index] ?? '')),
    );
    pasteBlock(start, block, widest - width);
  };

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.dataset.gridEditor !== 'true' || mode !== 'nav') return;
    const block = rows
      .slice(sel.top, sel.bottom + 1)
      .map((row) => columns.slice(sel.left, sel.right + 1).map((column) => shownValue(column, row.values[column.key] ?? '')));
    event.preventDefault();
    event.clipboardData.setData('text/plain', toTsv(block));
  };

  return { onPaste, onCopy };
}
