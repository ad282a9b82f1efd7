import { Typography } from 'antd';
import { memo } from 'react';

/** Under the grid: where the cursor is, what is wrong there (or the column's note), and the keys. */
export const GridStatus = memo(function GridStatus(props: {
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
        直接输入即替换 · F2 或双击修改 · Esc 取消 · Delete 清除 · Ctrl+Z 撤销 · Ctrl+Y 重做 · 可粘贴 Excel / WPS 中复制的多行
      </Typography.Text>
    </div>
  );
});
