import { QuestionCircleOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import { memo } from 'react';
import type { GridColumn } from './grid-columns';
import { indexWidth } from './grid-layout';

/** The header row: drawn even when the table is empty, so the column order is known before pasting. */
export const GridHeader = memo(function GridHeader({ columns, widths, height }: { columns: GridColumn[]; widths: number[]; height: number }) {
  return (
    <div role="row" aria-rowindex={1} className="data-grid-header" style={{ height }}>
      <div role="columnheader" className="data-grid-index" style={{ width: indexWidth }}>
        序号
      </div>
      {columns.map((column, col) => (
        <ColumnHeader key={column.key} column={column} width={widths[col]} frozen={col === 0} />
      ))}
    </div>
  );
});

function ColumnHeader({ column, width, frozen }: { column: GridColumn; width: number; frozen: boolean }) {
  const note = [
    column.help,
    column.extra ? '此列不印在申请表的表格中，用于资格检查、组建协议和 Excel 名单。' : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <div role="columnheader" className={`data-grid-th${column.extra ? ' is-extra' : ''}${frozen ? ' is-frozen' : ''}`}
      style={{ width, left: frozen ? indexWidth : undefined }}>
      <span className="data-grid-th-text">
        {column.required && <span className="data-grid-required" aria-label="必填">*</span>}
        {column.label}
      </span>
      {note && (
        <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{note}</span>} trigger={['hover', 'focus']}>
          {/* A real button, so the note can be reached and read with the keyboard as well as the mouse. */}
          <button type="button" className="data-grid-th-help" aria-label={`${column.label}的说明：${note}`}>
            <QuestionCircleOutlined aria-hidden />
          </button>
        </Tooltip>
      )}
    </div>
  );
}
