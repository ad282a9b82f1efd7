import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  InsertRowBelowOutlined,
  PlusOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import type { ClipboardEvent, FocusEvent, KeyboardEvent, MouseEvent, ReactNode } from 'react';
import type { RefObject } from 'react';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TableRow, Values } from '../../../../electron/shared/draft';
import { countWords, formatCount } from '../../../../electron/shared/validation/word-count';
import type { GridColumn } from './grid-columns';
import { cellProblems, isBlankValues, isSelectColumn } from './grid-columns';
import { parseTsv, toTsv } from './tsv';

/**
 * The spreadsheet grid (表格) for members, team and platforms: edit in place, move like Excel, paste rows
 * copied from Excel or WPS, and stay smooth with a thousand rows. Rows have one fixed height, so only the
 * rows in view (plus a margin) are drawn; the active cell is always drawn so it never loses focus.
 *
 * The active cell holds a real editor (<input>, <textarea> or <select>). In 'nav' mode its text is selected,
 * arrows move between cells and typing replaces the value, as in Excel; typing switches to 'enter' mode
 * (arrows still move); F2, a double click or Space on a choice column switches to 'edit' mode, where arrows
 * move the caret. Every change is handed up as it is typed, so autosave never waits for the user to leave.
 */

export const rowHeight = 34;
const headerHeight = 46;
const indexWidth = 56;
const overscan = 8;

export interface FocusRequest {
  rowId: string;
  column: string;
  nonce: number;
}

export interface DataGridProps {
  /** Used in element ids and test ids ('members', 'team' …). */
  gridId: string;
  /** The table's name, for screen readers and messages. */
  label: string;
  columns: GridColumn[];
  rows: TableRow[];
  /** A stable React key for a row whose id may change (a new row named by the core after it was drawn). */
  rowKey: (rowId: string) => string;
  onCellChange: (rowId: string, column: string, value: string) => void;
  /** Writes a block of values from row `startRow` on, adding rows past the end. */
  onSetBlock: (startRow: number, columnKeys: string[], matrix: string[][]) => { added: number };
  /**
   * Row operations take effect on screen at once (the autosave queue tells the core), so the keys typed
   * right after Tab or Ctrl+Enter land in the new row.
   */
  onInsertRows: (atIndex: number, rows: Values[]) => void;
  onDeleteRows: (rowIds: string[]) => void;
  onMoveRow: (rowId: string, toIndex: number) => void;
  /** Reports a failed row operation to the user. */
  onError: (message: string) => void;
  focusRequest?: FocusRequest | null;
  maxHeight: number;
}

type Mode = 'nav' | 'enter' | 'edit';
interface Cell {
  row: number;
  col: number;
}
type EditorElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const shortcuts = {
  insert: 'Ctrl+Enter',
  delete: 'Ctrl+Delete',
  up: 'Alt+↑',
  down: 'Alt+↓',
};

/** Whether a mouse button or finger is down, so that layout changes can wait for the click to land. */
let pointerIsDown = false;
window.addEventListener('pointerdown', () => (pointerIsDown = true), true);
window.addEventListener('pointerup', () => (pointerIsDown = false), true);

function columnLeft(columns: GridColumn[], col: number): number {
  let left = indexWidth;
  for (let i = 0; i < col; i++) left += columns[i].width;
  return left;
}

export const DataGrid = memo(function DataGrid(props: DataGridProps) {
  const { gridId, label, columns, rows, maxHeight } = props;
  const rowCount = rows.length;
  const colCount = columns.length;

  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const [anchor, setAnchor] = useState<Cell>({ row: 0, col: 0 });
  const [mode, setMode] = useState<Mode>('nav');
  const [hasFocus, setHasFocus] = useState(false);
  const [scrollTop, setScrollTop] = useState(0);
  const [notice, setNotice] = useState<{ text: string; undo?: () => void } | null>(null);

  const original = useRef('');
  /** The row Tab added past the end; if the user leaves the table without typing in it, it goes away again. */
  const tabRow = useRef<number | null>(null);
  const wantFocus = useRef(false);
  const focusAddButton = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorElement | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const setEditor = useCallback((element: EditorElement | null) => {
    editor.current = element;
  }, []);

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
  const activeRow = rowCount > 0 ? rows[act.row] : undefined;
  const activeColumn = columns[act.col];
  const activeValue = activeRow?.values[activeColumn.key] ?? '';

  const moveTo = useCallback((cell: Cell, extend = false) => {
    setActive(cell);
    if (!extend) setAnchor(cell);
    setMode('nav');
    wantFocus.current = true;
  }, []);

  // After a move, an added row or a focus request: focus the editor and bring it into view.
  useLayoutEffect(() => {
    if (focusAddButton.current && rowCount === 0) {
      focusAddButton.current = false;
      addButton.current?.focus();
      return;
    }
    if (!wantFocus.current || !editor.current) return;
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
    const left = columnLeft(columns, act.col);
    const right = left + columns[act.col].width;
    if (left - indexWidth < box.scrollLeft) box.scrollLeft = left - indexWidth;
    else if (right > box.scrollLeft + box.clientWidth) box.scrollLeft = right - box.clientWidth;
  });

  const request = props.focusRequest;
  useEffect(() => {
    if (!request) return;
    const row = rows.findIndex((candidate) => candidate.id === request.rowId);
    const col = columns.findIndex((column) => column.key === request.column);
    if (row >= 0) moveTo({ row, col: Math.max(0, col) });
    // Only a new request moves the cursor; rows changing under it must not.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the request alone, as said above
  }, [request?.nonce]);

  const change = (value: string) => {
    if (!activeRow) return;
    if (mode === 'nav') {
      original.current = activeValue;
      setMode(isSelectColumn(activeColumn) ? 'nav' : 'enter');
    }
    props.onCellChange(activeRow.id, activeColumn.key, value);
  };

  const revert = () => {
    if (activeRow && activeValue !== original.current) props.onCellChange(activeRow.id, activeColumn.key, original.current);
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

  const run = (what: string, action: () => void) => {
    try {
      action();
    } catch (error) {
      props.onError(`${what}失败：${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const insertRow = (at: number) =>
    run('插入行', () => {
      props.onInsertRows(at, [{}]);
      moveTo({ row: at, col: 0 });
      setNotice({ text: `已插入第 ${at + 1} 行` });
    });

  const deleteRows = () =>
    run('删除行', () => {
      if (rowCount === 0) return;
      const from = sel.top;
      const removed = rows.slice(sel.top, sel.bottom + 1);
      props.onDeleteRows(removed.map((row) => row.id));
      const left = rowCount - removed.length;
      if (left === 0) focusAddButton.current = true;
      else moveTo({ row: Math.min(from, left - 1), col: act.col });
      const text = removed.length === 1 ? `已删除第 ${from + 1} 行` : `已删除第 ${from + 1}–${from + removed.length} 行`;
      setNotice({
        text,
        undo: () =>
          run('撤销删除', () => {
            props.onInsertRows(from, removed.map((row) => row.values));
            moveTo({ row: from, col: 0 });
            setNotice({ text: '已撤销删除' });
          }),
      });
    });

  const moveRow = (delta: number) =>
    run('移动行', () => {
      if (!activeRow) return;
      const to = act.row + delta;
      if (to < 0 || to >= rowCount) return;
      props.onMoveRow(activeRow.id, to);
      moveTo({ row: to, col: act.col });
    });

  const setBlock = (start: Cell, matrix: string[][], what: 'paste' | 'clear') =>
    run(what === 'paste' ? '粘贴' : '清除', () => {
      const width = Math.min(Math.max(...matrix.map((row) => row.length)), colCount - start.col);
      const dropped = Math.max(...matrix.map((row) => row.length)) - width;
      const keys = columns.slice(start.col, start.col + width).map((column) => column.key);
      const block = matrix.map((row) => keys.map((_, index) => (row[index] ?? '').trim()));
      const { added } = props.onSetBlock(start.row, keys, block);
      if (what === 'paste') {
        setActive(start);
        setAnchor({ row: start.row + block.length - 1, col: start.col + width - 1 });
        setMode('nav');
        wantFocus.current = true;
        setNotice({
          text:
            `已粘贴 ${block.length} 行 × ${width} 列` +
            (added > 0 ? `（新增 ${added} 行）` : '') +
            (dropped > 0 ? `；超出表格的 ${dropped} 列未粘贴` : ''),
        });
      }
    });

  const clearSelection = () => {
    if (!multi) {
      change('');
      setMode('nav');
      return;
    }
    const matrix = Array.from({ length: sel.bottom - sel.top + 1 }, () =>
      Array.from({ length: sel.right - sel.left + 1 }, () => ''),
    );
    setBlock({ row: sel.top, col: sel.left }, matrix, 'clear');
  };

  // The toolbar is drawn once per row change, not per keystroke: it calls the latest handlers through a ref.
  const latest = useRef({ insertRow, deleteRows, moveRow, rowCount, act });
  latest.current = { insertRow, deleteRows, moveRow, rowCount, act };
  const commands = useMemo<ToolbarCommands>(
    () => ({
      append: () => latest.current.insertRow(latest.current.rowCount),
      insertBelow: () => latest.current.insertRow(latest.current.act.row + 1),
      deleteRows: () => latest.current.deleteRows(),
      moveUp: () => latest.current.moveRow(-1),
      moveDown: () => latest.current.moveRow(1),
    }),
    [],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.nativeEvent.isComposing || event.key === 'Process') return;
    const target = event.target as HTMLElement;
    if (target.dataset.gridEditor !== 'true' || !activeRow) return;
    const ctrl = event.ctrlKey || event.metaKey;
    const isSelect = isSelectColumn(activeColumn);
    const stop = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (ctrl && event.key === 'Enter') {
      stop();
      insertRow(act.row + 1);
      return;
    }
    if (ctrl && event.key === 'Delete') {
      stop();
      deleteRows();
      return;
    }
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      stop();
      moveRow(event.key === 'ArrowUp' ? -1 : 1);
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
          insertRow(rowCount);
          tabRow.current = rowCount;
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
          if (mode === 'nav') original.current = activeValue;
          setMode('edit');
          props.onCellChange(activeRow.id, activeColumn.key, `${value.slice(0, selectionStart)}\n${value.slice(selectionEnd)}`);
          requestAnimationFrame(() => element.setSelectionRange(selectionStart + 1, selectionStart + 1));
          return;
        }
        stop();
        moveTo({ row: clampRow(act.row + (event.shiftKey ? -1 : 1)), col: act.col });
        return;
      }
      case 'Escape': {
        stop();
        if (mode !== 'nav') {
          revert();
          setMode('nav');
          wantFocus.current = true;
          return;
        }
        if (multi) {
          setAnchor(act);
          return;
        }
        // Out of the table to its toolbar, so the keyboard can leave the grid.
        addButton.current?.focus();
        return;
      }
      case 'F2':
        stop();
        startEdit();
        return;
      case ' ':
        if (mode === 'nav' && isSelect) {
          stop();
          startEdit();
        }
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
        clearSelection();
        return;
      default:
        // A letter on a choice column starts choosing, like typing into a spreadsheet's list cell.
        if (mode === 'nav' && isSelect && event.key.length === 1 && !ctrl && !event.altKey) startEdit();
    }
  };

  const onPaste = (event: ClipboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    const fromEditor = target.dataset.gridEditor === 'true';
    const fromEmpty = target.dataset.gridEmpty === 'true';
    if (!fromEditor && !fromEmpty) return;
    const text = event.clipboardData.getData('text/plain');
    const matrix = parseTsv(text);
    if (matrix.length === 0) return;
    if (fromEditor) {
      const single = matrix.length === 1 && matrix[0].length === 1;
      if (single) {
        const value = matrix[0][0];
        // One plain value: the editor pastes it itself (at the caret, or over the selected text).
        if (!isSelectColumn(activeColumn) && (mode === 'edit' || !value.includes('\n'))) return;
        event.preventDefault();
        change(value.trim());
        return;
      }
      // Lines without tabs pasted while editing a long text belong in that cell.
      if (mode === 'edit' && activeColumn.type === 'longtext' && !text.includes('\t')) return;
    }
    event.preventDefault();
    setBlock(fromEmpty ? { row: 0, col: 0 } : act, matrix, 'paste');
  };

  const onCopy = (event: ClipboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.dataset.gridEditor !== 'true' || mode !== 'nav') return;
    const block = rows
      .slice(sel.top, sel.bottom + 1)
      .map((row) => columns.slice(sel.left, sel.right + 1).map((column) => row.values[column.key] ?? ''));
    event.preventDefault();
    event.clipboardData.setData('text/plain', toTsv(block));
  };

  const cellFromEvent = (event: MouseEvent): Cell | 'index' | null => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-col],[data-index-row]');
    if (!cell) return null;
    if (cell.dataset.indexRow !== undefined) {
      const row = Number(cell.dataset.indexRow);
      setActive({ row, col: 0 });
      setAnchor({ row, col: colCount - 1 });
      setMode('nav');
      wantFocus.current = true;
      return 'index';
    }
    return { row: Number(cell.dataset.row), col: Number(cell.dataset.col) };
  };

  const onMouseDown = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).dataset.gridEditor === 'true') return;
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
    const added = tabRow.current;
    tabRow.current = null;
    const last = rows[rowCount - 1];
    if (added !== null && added === rowCount - 1 && last && isBlankValues(last.values)) {
      const remove = () => props.onDeleteRows([last.id]);
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

  const totalWidth = columnLeft(columns, colCount);
  const problems = activeRow ? cellProblems(activeColumn, activeValue, isBlankValues(activeRow.values)) : [];

  const editorNode = activeRow ? (
    <CellEditor
      key={`${props.rowKey(activeRow.id)}:${activeColumn.key}`}
      column={activeColumn}
      value={activeValue}
      mode={mode}
      rowNumber={act.row + 1}
      invalid={problems.length > 0}
      describedBy={`${gridId}-status`}
      setRef={setEditor}
      onChange={change}
    />
  ) : null;

  return (
    <div className="data-grid" data-testid={`grid-${gridId}`} onFocus={onFocus} onBlur={onBlur}>
      <GridToolbar
        gridId={gridId}
        rowCount={rowCount}
        activeRow={act.row}
        notice={notice}
        addButton={addButton}
        commands={commands}
      />
      {rowCount === 0 ? (
        <div className="data-grid-empty" tabIndex={0} data-grid-empty="true" role="note" aria-label={`${label}：暂无数据`}
          onPaste={onPaste}>
          还没有数据。点击“添加一行”开始填写；或在 Excel / WPS 中复制多行，点击这里后按 Ctrl+V 一次粘贴。
        </div>
      ) : (
        <div
          ref={scroller}
          className={`data-grid-scroll${hasFocus ? ' has-focus' : ''}`}
          style={{ maxHeight }}
          onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        >
          <div
            role="grid"
            aria-label={label}
            aria-rowcount={rowCount + 1}
            aria-colcount={colCount + 1}
            aria-multiselectable="true"
            style={{ width: totalWidth }}
            onKeyDown={onKeyDown}
            onPaste={onPaste}
            onCopy={onCopy}
            onMouseDown={onMouseDown}
            onDoubleClick={onDoubleClick}
          >
            <div role="row" aria-rowindex={1} className="data-grid-header" style={{ height: headerHeight }}>
              <div role="columnheader" className="data-grid-index">
                序号
              </div>
              {columns.map((column) => (
                <ColumnHeader key={column.key} column={column} />
              ))}
            </div>
            <div className="data-grid-body" style={{ height: rowCount * rowHeight }}>
              {indices.map((index) => {
                const isActiveRow = index === act.row;
                const inSelection = multi && index >= sel.top && index <= sel.bottom;
                return (
                  <GridRowView
                    key={props.rowKey(rows[index].id)}
                    row={rows[index]}
                    index={index}
                    columns={columns}
                    activeCol={isActiveRow ? act.col : -1}
                    selectedFrom={inSelection ? sel.left : -1}
                    selectedTo={inSelection ? sel.right : -1}
                    editor={isActiveRow ? editorNode : null}
                    expanded={isActiveRow && mode !== 'nav'}
                  />
                );
              })}
            </div>
          </div>
        </div>
      )}
      <GridStatus
        id={`${gridId}-status`}
        testId={`grid-${gridId}-status`}
        where={
          activeRow
            ? `第 ${act.row + 1} 行 · ${activeColumn.label}${activeColumn.maxChars !== undefined ? `（${formatCount(countWords(activeValue), activeColumn.maxChars)}）` : ''}`
            : null
        }
        problem={problems.length > 0 ? problems.map((problem) => problem.message).join('；') : null}
        severe={problems.length > 0 && problems[0].severity === 'error' && problems[0].code !== 'required'}
        help={activeColumn?.help ?? null}
      />
    </div>
  );
});

/** Under the grid: where the cursor is, what is wrong there (or the column's note), and the keys. */
const GridStatus = memo(function GridStatus(props: {
  id: string;
  testId: string;
  where: string | null;
  problem: string | null;
  severe: boolean;
  help: string | null;
}) {
  return (
    <div className="data-grid-status" id={props.id} aria-live="polite" data-testid={props.testId}>
      {props.where !== null && (
        <>
          <span className="data-grid-where">{props.where}</span>
          {props.problem !== null ? (
            <Typography.Text type={props.severe ? 'danger' : 'warning'}>{props.problem}</Typography.Text>
          ) : (
            props.help && <Typography.Text type="secondary">{props.help}</Typography.Text>
          )}
        </>
      )}
      <Typography.Text type="secondary" className="data-grid-keys">
        Tab / Enter / 方向键移动 · 直接输入即替换 · F2 编辑 · Esc 取消 · 可粘贴 Excel / WPS 中复制的多行
      </Typography.Text>
    </div>
  );
});

interface ToolbarCommands {
  append: () => void;
  insertBelow: () => void;
  deleteRows: () => void;
  moveUp: () => void;
  moveDown: () => void;
}

/** Row commands, each with its shortcut in the tooltip; memoised so typing in a cell does not redraw it. */
const GridToolbar = memo(function GridToolbar(props: {
  gridId: string;
  rowCount: number;
  activeRow: number;
  notice: { text: string; undo?: () => void } | null;
  addButton: RefObject<HTMLButtonElement>;
  commands: ToolbarCommands;
}) {
  const { rowCount, activeRow, notice, commands } = props;
  return (
    <div className="data-grid-toolbar">
      <Space size={4} wrap>
        <Tooltip title="在表格末尾添加一行（在最后一格按 Tab 也会添加）">
          <Button ref={props.addButton} size="small" icon={<PlusOutlined />} onClick={commands.append}>
            添加一行
          </Button>
        </Tooltip>
        <Tooltip title={`在当前行下方插入一行（${shortcuts.insert}）`}>
          <Button size="small" icon={<InsertRowBelowOutlined />} disabled={rowCount === 0}
            aria-keyshortcuts="Control+Enter" onClick={commands.insertBelow}>
            插入行
          </Button>
        </Tooltip>
        <Tooltip title={`删除当前行或选中的行（${shortcuts.delete}），删除后可撤销`}>
          <Button size="small" icon={<DeleteOutlined />} disabled={rowCount === 0}
            aria-keyshortcuts="Control+Delete" onClick={commands.deleteRows}>
            删除行
          </Button>
        </Tooltip>
        <Tooltip title={`当前行上移（${shortcuts.up}）`}>
          <Button size="small" icon={<ArrowUpOutlined />} disabled={activeRow === 0 || rowCount === 0}
            aria-keyshortcuts="Alt+ArrowUp" onClick={commands.moveUp}>
            上移
          </Button>
        </Tooltip>
        <Tooltip title={`当前行下移（${shortcuts.down}）`}>
          <Button size="small" icon={<ArrowDownOutlined />} disabled={activeRow >= rowCount - 1}
            aria-keyshortcuts="Alt+ArrowDown" onClick={commands.moveDown}>
            下移
          </Button>
        </Tooltip>
      </Space>
      <span className="data-grid-notice" role="status" aria-live="polite" data-testid={`grid-${props.gridId}-notice`}>
        {notice && (
          <>
            {notice.text}
            {notice.undo && (
              <Button type="link" size="small" onClick={notice.undo}>
                撤销
              </Button>
            )}
          </>
        )}
      </span>
      <Typography.Text type="secondary" className="data-grid-count">
        共 {rowCount} 行
      </Typography.Text>
    </div>
  );
});

const ColumnHeader = memo(function ColumnHeader({ column }: { column: GridColumn }) {
  const note = [
    column.help,
    column.extra ? '此列不印在申请表的表格中，用于资格检查、组建协议和 Excel 名单。' : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div role="columnheader" className={`data-grid-th${column.extra ? ' is-extra' : ''}`} style={{ width: column.width }}
      title={note || undefined}>
      <span className="data-grid-th-text">
        {column.required && <span className="data-grid-required">*</span>}
        {column.label}
      </span>
      {note && <QuestionCircleOutlined className="data-grid-th-help" aria-hidden />}
    </div>
  );
});

interface GridRowProps {
  row: TableRow;
  index: number;
  columns: GridColumn[];
  /** The active column in this row, or -1. */
  activeCol: number;
  selectedFrom: number;
  selectedTo: number;
  editor: ReactNode;
  expanded: boolean;
}

/** One drawn row; memoised so that typing elsewhere redraws only the row that changed. */
const GridRowView = memo(function GridRowView(props: GridRowProps) {
  const { row, index, columns, activeCol } = props;
  const blank = isBlankValues(row.values);
  return (
    <div role="row" aria-rowindex={index + 2} className={`data-grid-row${activeCol >= 0 ? ' is-active-row' : ''}${props.expanded ? ' is-expanded' : ''}`}
      style={{ top: index * rowHeight }}>
      <div role="rowheader" className="data-grid-index" data-index-row={index} title="点击选中整行">
        {index + 1}
      </div>
      {columns.map((column, col) => {
        const value = row.values[column.key] ?? '';
        const problem = cellProblems(column, value, blank)[0];
        const active = col === activeCol;
        const selected = col >= props.selectedFrom && col <= props.selectedTo;
        const kind = problem ? (problem.code === 'required' ? 'is-missing' : problem.severity === 'error' ? 'is-invalid' : 'is-warning') : '';
        return (
          <div
            key={column.key}
            role="gridcell"
            aria-colindex={col + 2}
            aria-selected={selected || active}
            aria-invalid={problem ? true : undefined}
            title={problem ? `${column.label}：${problem.message}` : value.length > 12 ? value : undefined}
            data-row={index}
            data-col={col}
            data-cell={`${index}:${column.key}`}
            className={`data-grid-cell ${kind}${active ? ' is-active' : ''}${selected ? ' is-selected' : ''}`}
            style={{ width: column.width }}
          >
            {active && props.editor ? props.editor : <span className="data-grid-text">{value}</span>}
          </div>
        );
      })}
    </div>
  );
});

interface CellEditorProps {
  column: GridColumn;
  value: string;
  mode: Mode;
  rowNumber: number;
  invalid: boolean;
  describedBy: string;
  setRef: (element: EditorElement | null) => void;
  onChange: (value: string) => void;
}

/** The active cell's editor: a select for choices, a textarea for long text, otherwise a text input. */
function CellEditor({ column, value, mode, rowNumber, invalid, describedBy, setRef, onChange }: CellEditorProps) {
  const common = {
    'data-grid-editor': 'true',
    'aria-label': `${column.label}，第 ${rowNumber} 行`,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    className: `data-grid-editor is-${mode}`,
  };
  if (isSelectColumn(column)) {
    const options = column.options ?? [];
    return (
      <select {...common} ref={setRef} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">（未选）</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
        {value !== '' && !options.includes(value) && <option value={value}>{value}（不是可选项）</option>}
      </select>
    );
  }
  if (column.type === 'longtext') {
    return (
      <textarea {...common} ref={setRef} value={value} rows={1} spellCheck={false}
        onChange={(event) => onChange(event.target.value)} />
    );
  }
  return (
    <input {...common} ref={setRef} type="text" value={value} spellCheck={false} autoComplete="off"
      onChange={(event) => onChange(event.target.value)} />
  );
}
