import type { ReactNode } from 'react';
import { memo } from 'react';
import type { TableRow } from '../../../../electron/shared/draft';
import type { GridColumn } from './grid-columns';
import { CodeCellText } from './CodeCell';
import { cellProblems, isBlankValues, isCodeColumn, shownValue } from './grid-columns';
import { indexWidth, rowHeight } from './grid-layout';

interface GridRowProps {
  row: TableRow;
  index: number;
  columns: GridColumn[];
  widths: number[];
  /** The active column in this row, or -1. */
  activeCol: number;
  selectedFrom: number;
  selectedTo: number;
  editor: ReactNode;
  expanded: boolean;
}

/** One drawn row; memoised so that typing elsewhere redraws only the row that changed. */
export const GridRow = memo(function GridRow(props: GridRowProps) {
  const { row, index, columns, widths, activeCol } = props;
  const blank = isBlankValues(row.values);
  return (
    <div role="row" aria-rowindex={index + 2} className={`data-grid-row${activeCol >= 0 ? ' is-active-row' : ''}${props.expanded ? ' is-expanded' : ''}`}
      style={{ top: index * rowHeight }}>
      <div role="rowheader" className="data-grid-index" data-index-row={index} title="点击选中整行" style={{ width: indexWidth }}>
        {index + 1}
      </div>
      {columns.map((column, col) => {
        const value = row.values[column.key] ?? '';
        const shown = shownValue(column, value);
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
            title={problem ? `${column.label}：${problem.message}` : shown.length > 10 ? shown : undefined}
            data-row={index}
            data-col={col}
            data-cell={`${index}:${column.key}`}
            className={`data-grid-cell ${kind}${active ? ' is-active' : ''}${selected ? ' is-selected' : ''}${col === 0 ? ' is-frozen' : ''}`}
            style={{ width: widths[col], left: col === 0 ? indexWidth : undefined }}
          >
            {active && props.editor ? (
              props.editor
            ) : isCodeColumn(column) ? (
              <CodeCellText column={column} value={value} />
            ) : (
              <span className="data-grid-text">{shown}</span>
            )}
          </div>
        );
      })}
    </div>
  );
});
