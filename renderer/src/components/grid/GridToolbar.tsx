import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, InsertRowBelowOutlined, PlusOutlined, RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import type { RefObject } from 'react';
import { memo } from 'react';

export interface ToolbarCommands {
  append: () => void;
  insertBelow: () => void;
  deleteRows: () => void;
  moveUp: () => void;
  moveDown: () => void;
  undo: () => void;
  redo: () => void;
}

export interface GridNotice {
  text: string;
  /** Offers 撤销 beside the message (after a delete or a paste). */
  undoable?: boolean;
}

/** Row commands, each with its shortcut in the tooltip; memoised so typing in a cell does not redraw it. */
export const GridToolbar = memo(function GridToolbar(props: {
  gridId: string;
  rowCount: number;
  activeRow: number;
  canUndo: boolean;
  canRedo: boolean;
  notice: GridNotice | null;
  addButton: RefObject<HTMLButtonElement>;
  commands: ToolbarCommands;
}) {
  const { rowCount, activeRow, notice, commands } = props;
  return (
    <div className="data-grid-toolbar">
      <Space size={4} wrap>
        <Tooltip title="在表格末尾添加一行（在最后一格按 Tab 也会添加）">
          <Button ref={props.addButton} size="small" icon={<PlusOutlined aria-hidden />} onClick={commands.append}>
            添加一行
          </Button>
        </Tooltip>
        <Tooltip title="在当前行下方插入一行（Ctrl+Enter）">
          <Button size="small" icon={<InsertRowBelowOutlined aria-hidden />} disabled={rowCount === 0}
            aria-keyshortcuts="Control+Enter" onClick={commands.insertBelow}>
            插入行
          </Button>
        </Tooltip>
        <Tooltip title="删除当前行或选中的行（Ctrl+Delete），删除后可撤销">
          <Button size="small" icon={<DeleteOutlined aria-hidden />} disabled={rowCount === 0}
            aria-keyshortcuts="Control+Delete" onClick={commands.deleteRows}>
            删除行
          </Button>
        </Tooltip>
        <Tooltip title="当前行上移（Alt+↑）">
          <Button size="small" icon={<ArrowUpOutlined aria-hidden />} disabled={activeRow === 0 || rowCount === 0}
            aria-keyshortcuts="Alt+ArrowUp" onClick={commands.moveUp}>
            上移
          </Button>
        </Tooltip>
        <Tooltip title="当前行下移（Alt+↓）">
          <Button size="small" icon={<ArrowDownOutlined aria-hidden />} disabled={activeRow >= rowCount - 1}
            aria-keyshortcuts="Alt+ArrowDown" onClick={commands.moveDown}>
            下移
          </Button>
        </Tooltip>
        <Tooltip title="撤销上一步修改、粘贴或行操作（Ctrl+Z）">
          <Button size="small" icon={<UndoOutlined aria-hidden />} disabled={!props.canUndo}
            aria-keyshortcuts="Control+Z" onClick={commands.undo} data-testid={`grid-${props.gridId}-undo`}>
            撤销
          </Button>
        </Tooltip>
        <Tooltip title="重做刚才撤销的操作（Ctrl+Y）">
          <Button size="small" icon={<RedoOutlined aria-hidden />} disabled={!props.canRedo}
            aria-keyshortcuts="Control+Y" onClick={commands.redo}>
            重做
          </Button>
        </Tooltip>
      </Space>
      <span className="data-grid-notice" role="status" aria-live="polite" data-testid={`grid-${props.gridId}-notice`}>
        {notice && (
          <>
            {notice.text}
            {notice.undoable && props.canUndo && (
              <Button type="link" size="small" onClick={commands.undo}>
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
