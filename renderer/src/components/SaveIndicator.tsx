import { Button, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { SaveState } from '../state/save-queue';

/** Always visible: 已保存 12:03:45 / 保存中… / 保存失败 with the reason and a retry. */
export function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  switch (state.kind) {
    case 'idle':
      return <Typography.Text type="secondary" data-testid="save-state">所有修改会自动保存</Typography.Text>;
    case 'saving':
      return <Typography.Text type="secondary" data-testid="save-state">保存中…</Typography.Text>;
    case 'saved':
      return (
        <Typography.Text type="success" data-testid="save-state">
          已保存 {dayjs(state.at).format('HH:mm:ss')}
        </Typography.Text>
      );
    case 'failed':
      return (
        <Space data-testid="save-state">
          <Typography.Text type="danger">保存失败：{state.message}（已输入的内容仍保留在屏幕上）</Typography.Text>
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        </Space>
      );
  }
}
