import type { FocusEvent, MouseEvent } from 'react';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TableRow, Values } from '../../../../electron/shared/draft';
import { countWords } from '../../../../electron/shared/validation/word-count';
import { formatLimit } from '../word-limit';
import { CellEditor } from './CellEditor';
import type { GridColumn } from './grid-columns';
import { cellProblems, fitColumnWidths, isBlankValues } from './grid-columns';
import type { Cell, EditorElement } from './grid-layout';
import { columnLeft, headerHeight, indexWidth, overscan, rowHeight } from './grid-layout';
import { GridHeader } from './GridHeader';
import { GridRow } from './GridRow';
import { GridStatus } from './GridStatus';
import type { GridNotice, ToolbarCommands } from './GridToolbar';
import { GridToolbar } from './GridToolbar';
import { useGridClipboard } from './use-grid-clipboard';
import { useGridKeyboard } from './use-grid-keyboard';
import { useActiveCellFocus, useGridSelection } from './use-grid-selection';
import type { CellChange, UndoTarget } from './use-grid-undo';
import { useGridUndo } from './use-grid-undo';

/**
 * The spreadsheet grid (表格) for members, team and platforms: edit in place, move like Excel, paste rows
 * copied from Excel or WPS, undo and redo, and stay smooth with a thousand rows. Rows have one fixed
 * height, so only the rows in view (plus a margin) are drawn; the active cell is always drawn so it never
 * loses focus. The active cell holds a real editor (<input>, <textarea> or <select>); see grid-layout's
 * Mode for what keys do in each mode. Every change is handed up as it is typed, so autosave never waits.
 */

export { rowHeight } from './grid-layout';

export interface FocusRequest {
  rowId: string;
  column: string;
  nonce: number;
}

export interface DataGridProps {
  /** Used in element ids and test ids ('members', 'team' …). */
  gridId: string;
  /** Names the undo history: one per draft and table, kept while the draft is open. */
  historyKey: string;
  /** The table's name, for screen readers and messages. */
  label: string;
  columns: GridColumn[];
  rows: TableRow[];
  /** A stable React key for a row whose id may change (a new row named by the core after it was drawn). */
  rowKey: (rowId: string) => string;
  onCellChange: (rowId: string, column: string, value: string) => void;
  /** Writes a block of values from row `startRow` on, adding rows past the end. */
  onSetBlock: (startRow: number, columnKeys: string[], matrix: string[][]) => { added: TableRow[] };
  /**
   * Row operations take effect on screen at once (the autosave queue tells the core), so the keys typed
   * right after Tab or Ctrl+Enter land in the new row.
   */
  onInsertRows: (atIndex: number, rows: Values[]) => TableRow[];
  onDeleteRows: (rowIds: string[]) => void;
  onMoveRow: (rowId: string, toIndex: number) => void;
  /** Reports a failed row operation to the user. */
  onError: (message: string) => void;
  focusRequest?: FocusRequest | null;
  maxHeight: number;
}

/** Whether a mouse button or finger is down, so that layout changes can wait for the click to land. */
let pointerIsDown = false;
window.addEventListener('pointerdown', () => (pointerIsDown = true), true);
window.addEventListener('pointerup', () => (pointerIsDown = false), true);

export const DataGrid = memo(function DataGrid(props: DataGridProps) {
  const { gridId, label, columns, rows, maxHeight, rowKey } = props;
  const rowCount = rows.length;
  const colCount = columns.length;

  const selection = useGridSelection(rowCount, colCount);
  const { act, sel, multi, mode, setMode, moveTo, selectRange, wantFocus } = selection;
  const undo = useGridUndo(props.historyKey);
  const [hasFocus, setHasFocus] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [notice, setNotice] = useState<GridNotice | null>(null);

  const original = useRef('');
  /** The row Tab added past the end; if the user leaves the table without typing in it, it goes away again. */
  const tabRow = useRef<number | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const emptyNote = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorElement | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const setEditor = useCallback((element: EditorElement | null) => {
    editor.current = element;
  }, []);

  // Widths follow the content; they are worked out again when rows come or go or after a paste, not per keystroke.
  const [available, setAvailable] = useState(0);
  const [layoutNonce, setLayoutNonce] = useState(0);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setAvailable(Math.max(0, element.clientWidth - indexWidth - 14)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  // Widths follow the row count and explicit re-layouts, not every keystroke's new rows array.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  const widths = useMemo(() => fitColumnWidths(columns, rows, available), [columns, rowCount, available, layoutNonce]);

  const activeRow = rowCount > 0 ? rows[act.row] : undefined;
  const activeColumn = columns[act.col];
  const activeValue = activeRow?.values[activeColumn.key] ?? '';

  useActiveCellFocus({ selection, editor, scroller, emptyNote, widths, rowCount });

  // Typing in one cell is one undo step until the cursor leaves it.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- only a move of the active cell ends the typing step
  useEffect(() => undo.closeTyping(), [act.row, act.col]);

  const request = props.focusRequest;
  useEffect(() => {
    if (!request) return;
    const row = rows.findIndex((candidate) => candidate.id === request.rowId);
    const col = columns.findIndex((column) => column.key === request.column);
    if (row >= 0) moveTo({ row, col: Math.max(0, col) });
    // Only a new request moves the cursor; rows changing under it must not.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the request alone, as said above
  }, [request?.nonce]);

  const run = (what: string, action: () => void) => {
    try {
      action();
    } catch (error) {
      props.onError(`${what}失败：${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const change = (value: string) => {
    if (!activeRow) return;
    if (mode === 'nav') {
      original.current = activeValue;
      setMode(activeColumn.type === 'select' || activeColumn.type === 'boolean' ? 'nav' : 'enter');
    }
    undo.recordCell(rowKey(activeRow.id), activeColumn.key, activeValue, value);
    props.onCellChange(activeRow.id, activeColumn.key, value);
  };

  const revert = () => {
    if (!activeRow || activeValue === original.current) return;
    undo.recordCell(rowKey(activeRow.id), activeColumn.key, activeValue, original.current);
    props.onCellChange(activeRow.id, activeColumn.key, original.current);
  };

  const startEdit = () => {
    original.current = activeValue;
    setMode('edit');
    wantFocus.current = true;
    const element = editor.current;
    if (element instanceof HTMLSelectElement) {
      // Opens the list where the browser allows it; otherwise arrows choose, as in any select.
      try {
        element.showPicker();
      } catch {
        /* not supported or not allowed here */
      }
    }
  };

  const insertRow = (at: number) =>
    run('插入行', () => {
      const created = props.onInsertRows(at, [{}]);
      undo.push({ kind: 'insert', what: `插入第 ${at + 1} 行`, at, keys: created.map((row) => rowKey(row.id)), values: [{}] });
      moveTo({ row: at, col: 0 });
      setNotice({ text: `已插入第 ${at + 1} 行` });
    });

  const deleteRows = () =>
    run('删除行', () => {
      if (rowCount === 0) return;
      const from = sel.top;
      const removed = rows.slice(sel.top, sel.bottom + 1);
      props.onDeleteRows(removed.map((row) => row.id));
      const text = removed.length === 1 ? `删除第 ${from + 1} 行` : `删除第 ${from + 1}–${from + removed.length} 行`;
      undo.push({ kind: 'delete', what: text, at: from, keys: removed.map((row) => rowKey(row.id)), values: removed.map((row) => row.values) });
      moveTo({ row: Math.max(0, Math.min(from, rowCount - removed.length - 1)), col: act.col });
      setNotice({ text: `已${text}`, undoable: true });
    });

  const moveRow = (delta: number) =>
    run('移动行', () => {
      if (!activeRow) return;
      const to = act.row + delta;
      if (to < 0 || to >= rowCount) return;
      props.onMoveRow(activeRow.id, to);
      undo.push({ kind: 'move', what: delta < 0 ? '上移行' : '下移行', key: rowKey(activeRow.id), from: act.row, to });
      moveTo({ row: to, col: act.col });
    });

  /** Writes a block and records it as one undo step; the values are already what the cells should hold. */
  const writeBlock = (start: Cell, block: string[][], what: string): TableRow[] => {
    const keys = columns.slice(start.col, start.col + (block[0]?.length ?? 0)).map((column) => column.key);
    const changes: CellChange[] = [];
    block.forEach((cells, offset) => {
      const row = rows[start.row + offset];
      if (!row) return;
      keys.forEach((column, index) => {
        const before = row.values[column] ?? '';
        if (before !== cells[index]) changes.push({ rowKey: rowKey(row.id), column, before, after: cells[index] });
      });
    });
    const { added } = props.onSetBlock(start.row, keys, block);
    const addedValues = block.slice(block.length - added.length).map((cells) => Object.fromEntries(keys.map((key, index) => [key, cells[index]])));
    if (changes.length > 0 || added.length > 0) {
      undo.push({
        kind: 'cells',
        what,
        changes,
        added: added.length > 0 ? { keys: added.map((row) => rowKey(row.id)), values: addedValues } : null,
      });
    }
    setLayoutNonce((nonce) => nonce + 1);
    return added;
  };

  const pasteBlock = (start: Cell, block: string[][], dropped: number) =>
    run('粘贴', () => {
      const width = block[0]?.length ?? 0;
      const text = `粘贴 ${block.length} 行 × ${width} 列`;
      const added = writeBlock(start, block, text);
      selectRange(start, { row: start.row + block.length - 1, col: start.col + width - 1 });
      setNotice({
        text: `已${text}` + (added.length > 0 ? `（新增 ${added.length} 行）` : '') + (dropped > 0 ? `；超出表格的 ${dropped} 列未粘贴` : ''),
        undoable: true,
      });
    });

  const clearSelection = () => {
    if (!multi) {
      change('');
      setMode('nav');
      return;
    }
    run('清除', () => {
      const block = Array.from({ length: sel.bottom - sel.top + 1 }, () => Array.from({ length: sel.right - sel.left + 1 }, () => ''));
      writeBlock({ row: sel.top, col: sel.left }, block, `清除 ${block.length} 行 × ${block[0].length} 列`);
    });
  };

  const undoTarget = (): UndoTarget => ({
    rows,
    rowKey,
    setCell: props.onCellChange,
    insertRows: props.onInsertRows,
    deleteRows: props.onDeleteRows,
    moveRow: props.onMoveRow,
  });
  const undoOrRedo = (direction: 'undo' | 'redo') =>
    run(direction === 'undo' ? '撤销' : '重做', () => {
      const landing = direction === 'undo' ? undo.undo(undoTarget()) : undo.redo(undoTarget());
      if (!landing) {
        setNotice({ text: direction === 'undo' ? '没有可撤销的操作' : '没有可重做的操作' });
        wantFocus.current = true;
        setMode('nav');
        return;
      }
      const col = landing.column === null ? act.col : Math.max(0, columns.findIndex((column) => column.key === landing.column));
      moveTo({ row: landing.row, col });
      setNotice({ text: landing.text });
      setLayoutNonce((nonce) => nonce + 1);
    });

  // The toolbar is drawn once per row change, not per keystroke: it calls the latest handlers through a ref.
  const latest = useRef({ insertRow, deleteRows, moveRow, undoOrRedo, rowCount, act });
  latest.current = { insertRow, deleteRows, moveRow, undoOrRedo, rowCount, act };
  const commands = useMemo<ToolbarCommands>(
    () => ({
      append: () => latest.current.insertRow(latest.current.rowCount),
      insertBelow: () => latest.current.insertRow(latest.current.act.row + 1),
      deleteRows: () => latest.current.deleteRows(),
      moveUp: () => latest.current.moveRow(-1),
      moveDown: () => latest.current.moveRow(1),
      undo: () => latest.current.undoOrRedo('undo'),
      redo: () => latest.current.undoOrRedo('redo'),
    }),
    [],
  );

  const onKeyDown = useGridKeyboard({
    selection,
    rows,
    columns,
    editor,
    maxHeight,
    commands: {
      insertRow,
      appendByTab: () => {
        insertRow(rowCount);
        tabRow.current = rowCount;
      },
      deleteRows,
      moveRow,
      clearSelection,
      startEdit,
      revert,
      undo: () => undoOrRedo('undo'),
      redo: () => undoOrRedo('redo'),
      change,
    },
  });
  const { onPaste, onCopy } = useGridClipboard({ selection, rows, columns, pasteBlock, change });

  const cellFromEvent = (event: MouseEvent): Cell | 'index' | null => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-col],[data-index-row]');
    if (!cell) return null;
    if (cell.dataset.indexRow !== undefined) {
      const row = Number(cell.dataset.indexRow);
      selectRange({ row, col: 0 }, { row, col: colCount - 1 });
      return 'index';
    }
    return { row: Number(cell.dataset.row), col: Number(cell.dataset.col) };
  };

  const onMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.dataset.gridEditor === 'true') {
      if (mode === 'nav' && !(target instanceof HTMLSelectElement)) {
        // A click on the cell under the cursor keeps the whole value selected, so typing still replaces it.
        event.preventDefault();
        const element = target as HTMLInputElement | HTMLTextAreaElement;
        element.focus({ preventScroll: true });
        element.select();
      } else if (mode === 'enter') {
        // Clicking into a value being typed places the caret there; arrows then move the caret.
        setMode('edit');
      }
      return;
    }
    const cell = cellFromEvent(event);
    if (cell === null || cell === 'index') {
      if (cell === 'index') event.preventDefault();
      return;
    }
    event.preventDefault();
    moveTo(cell, event.shiftKey);
  };

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    const cell = cellFromEvent(event);
    if (cell && cell !== 'index') startEdit();
  };

  const onFocus = () => setHasFocus(true);
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    setHasFocus(false);
    setMode('nav');
    undo.closeTyping();
    const added = tabRow.current;
    tabRow.current = null;
    const last = rows[rowCount - 1];
    if (added !== null && added === rowCount - 1 && last && isBlankValues(last.values)) {
      const remove = () => {
        props.onDeleteRows([last.id]);
        undo.discardInsert(rowKey(last.id));
      };
      // Removing the row moves what is below it; wait until a click that took focus away has landed.
      if (pointerIsDown) window.addEventListener('pointerup', () => setTimeout(remove, 0), { once: true });
      else remove();
    }
  };

  // Window of rows to draw.
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount - 1, Math.ceil((scrollTop + maxHeight) / rowHeight) + overscan);
  const indices: number[] = [];
  for (let index = first; index <= last; index++) indices.push(index);
  if (rowCount > 0 && (act.row < first || act.row > last)) indices.push(act.row);

  const totalWidth = columnLeft(widths, colCount);
  const problems = activeRow ? cellProblems(activeColumn, activeValue, isBlankValues(activeRow.values)) : [];

  const editorNode = activeRow ? (
    <CellEditor
      key={`${rowKey(activeRow.id)}:${activeColumn.key}`}
      column={activeColumn}
      value={activeValue}
      mode={mode}
      rowNumber={act.row + 1}
      invalid={problems.length > 0}
      describedBy={`${gridId}-status`}
      listId={`${gridId}-code-options`}
      setRef={setEditor}
      onChange={change}
    />
  ) : null;

  return (
    <div ref={container} className="data-grid" data-testid={`grid-${gridId}`} onFocus={onFocus} onBlur={onBlur}>
      <GridToolbar
        gridId={gridId}
        rowCount={rowCount}
        activeRow={act.row}
        canUndo={undo.canUndo}
        canRedo={undo.canRedo}
        notice={notice}
        addButton={addButton}
        commands={commands}
      />
      <div
        ref={scroller}
        className={`data-grid-scroll${hasFocus ? ' has-focus' : ''}`}
        style={{ maxHeight }}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onCopy={onCopy}
        onMouseDown={onMouseDown}
        onDoubleClick={onDoubleClick}
      >
        <div
          role="grid"
          aria-label={label}
          aria-rowcount={rowCount + 1}
          aria-colcount={colCount + 1}
          aria-multiselectable="true"
          style={{ width: totalWidth }}
        >
          <GridHeader columns={columns} widths={widths} height={headerHeight} />
          {rowCount > 0 && (
            <div className="data-grid-body" role="rowgroup" style={{ height: rowCount * rowHeight }}>
              {indices.map((index) => {
                const isActiveRow = index === act.row;
                const inSelection = multi && index >= sel.top && index <= sel.bottom;
                return (
                  <GridRow
                    key={rowKey(rows[index].id)}
                    row={rows[index]}
                    index={index}
                    columns={columns}
                    widths={widths}
                    activeCol={isActiveRow ? act.col : -1}
                    selectedFrom={inSelection ? sel.left : -1}
                    selectedTo={inSelection ? sel.right : -1}
                    editor={isActiveRow ? editorNode : null}
                    expanded={isActiveRow && mode !== 'nav'}
                  />
                );
              })}
            </div>
          )}
        </div>
        {rowCount === 0 && (
          <div ref={emptyNote} className="data-grid-empty" tabIndex={0} data-grid-empty="true" role="note"
            aria-label={`${label}：暂无数据`}>
            还没有数据。点击“添加一行”（或在这里按 Enter）开始填写；或在 Excel / WPS 中复制多行（列的顺序同上面的表头），点击这里后按 Ctrl+V 一次粘贴。
          </div>
        )}
      </div>
      <GridStatus
        id={`${gridId}-status`}
        testId={`grid-${gridId}-status`}
        where={
          activeRow
            ? `第 ${act.row + 1} 行 · ${activeColumn.label}${activeColumn.maxChars !== undefined ? `（${formatLimit(countWords(activeValue), activeColumn.maxChars)}）` : ''}`
            : null
        }
        problem={problems.length > 0 ? problems.map((problem) => problem.message).join('；') : null}
        severe={problems.length > 0 && problems[0].severity === 'error' && problems[0].code !== 'required'}
        help={activeColumn?.help ?? null}
      />
    </div>
  );
});
