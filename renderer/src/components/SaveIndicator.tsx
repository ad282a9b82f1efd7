import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { saveQueue, useSaveState } from '../state/save-queue';

/**
 * Always visible: 已保存 12:03:45 / 保存中… / 保存失败 with the reason and a retry. The 保存中 icon turns
 * only while a write is under way, not while typing (see SaveState).
 */
export function SaveIndicator() {
  const state = useSaveState();
  switch (state.kind) {
    case 'idle':
      return (
        <Typography.Text className="save-state" data-testid="save-state">
          所有修改会自动保存
        </Typography.Text>
      );
    case 'saving':
      return (
        <Typography.Text className={`save-state${state.writing ? '' : ' is-waiting'}`} data-testid="save-state">
          <LoadingOutlined /> 保存中…
        </Typography.Text>
      );
    case 'saved':
      return (
        <Typography.Text className="save-state is-saved" data-testid="save-state">
          <CheckCircleOutlined /> 已保存 {dayjs(state.at).format('HH:mm:ss')}
        </Typography.Text>
      );
    case 'failed':
      return (
        <Space className="save-state is-failed" data-testid="save-state" role="alert" size={8}>
          <Tooltip title="已输入的内容仍保留在屏幕上并记在本机，程序会每隔几秒自动重试；恢复后自动写入。">
            <Typography.Text>
              <CloseCircleOutlined /> 保存失败：{state.message}
            </Typography.Text>
          </Tooltip>
          <Button size="small" onClick={() => void saveQueue.flush()}>
            重试
          </Button>
        </Space>
      );
  }
}
