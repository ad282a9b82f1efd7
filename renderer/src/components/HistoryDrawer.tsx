import { HistoryOutlined, SaveOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Drawer, Empty, Input, List, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { RevisionSummary } from '../../../electron/shared/draft';
import { api } from '../api/client';
import { dateTimeFormat } from './formats';
import { describeChanges } from './revision-changes';
import { saveQueue } from '../state/save-queue';

const causeLabels: Record<string, string> = {
  manual: '手动保存',
  auto: '定时自动保存',
  'before-export': '导出前',
  'before-import': '导入前',
  'before-restore': '恢复前',
  'before-copy': '复制前',
};

/** Descriptions the store gives a version when the user gave none: they only repeat the cause's tag. */
const defaultLabels = new Set(['定时自动保存的版本', '手动保存的版本']);

/** What a version's description adds to its tag, or '' when it only repeats it. */
function descriptionOf(revision: RevisionSummary): string {
  const label = revision.label.trim();
  const cause = causeLabels[revision.cause];
  if (label === '' || defaultLabels.has(label) || (cause !== undefined && label.replace(/的版本$/, '') === cause)) return '';
  return label;
}

/** The user's description of a version, if any, and one line of what it changed against the one before. */
function RevisionDescription({ revision }: { revision: RevisionSummary }) {
  const description = descriptionOf(revision);
  if (!description && !revision.changes) return null;
  return (
    <>
      {description ? <div>{description}</div> : null}
      {revision.changes ? <div data-testid="revision-changes">{describeChanges(revision.changes)}</div> : null}
    </>
  );
}

/** 历史版本: revisions with time and cause; restoring one keeps the current state as a revision first. */
export function HistoryDrawer(props: {
  draftId: string;
  open: boolean;
  onClose: () => void;
  onRestore: (revisionId: number) => Promise<void>;
}) {
  const { message } = AntApp.useApp();
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState<number | 'create' | null>(null);

  const load = useCallback(async () => {
    try {
      setRevisions(await api['revisions.list']({ draftId: props.draftId }));
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
      setRevisions([]);
    }
  }, [props.draftId, message]);

  useEffect(() => {
    if (props.open) void load();
  }, [props.open, load]);

  const create = async () => {
    setBusy('create');
    try {
      // The version must hold what is on screen, so pending edits are written first.
      await saveQueue.flush();
      await api['revisions.create']({ draftId: props.draftId, label: label.trim() || undefined });
      setLabel('');
      message.success('已保存当前版本');
      await load();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  const restore = async (revision: RevisionSummary) => {
    setBusy(revision.id);
    try {
      await props.onRestore(revision.id);
      message.success(`已恢复到版本 #${revision.id}（${dayjs(revision.createdAt).format(dateTimeFormat)}）；恢复前的内容已另存为一个新版本`);
      await load();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer
      title={
        <span>
          <HistoryOutlined /> 历史版本
        </span>
      }
      open={props.open}
      onClose={props.onClose}
      width={460}
      data-testid="history"
    >
      <Typography.Paragraph type="secondary">
        编辑期间每 10 分钟自动保存一个版本，导出、导入前也会保存。恢复某个版本时，当前内容会先另存为一个版本，不会丢失。
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input
          placeholder="版本说明（可不填），如：报送前定稿"
          value={label}
          maxLength={100}
          onChange={(event) => setLabel(event.target.value)}
          onPressEnter={() => void create()}
          aria-label="版本说明"
        />
        <Button type="primary" icon={<SaveOutlined />} loading={busy === 'create'} onClick={() => void create()}>
          保存当前版本
        </Button>
      </Space.Compact>
      {revisions === null ? (
        <Spin />
      ) : revisions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有历史版本。可点击“保存当前版本”手动保存一个。" />
      ) : (
        <List
          dataSource={revisions}
          renderItem={(revision) => (
            <List.Item
              data-testid="revision"
              actions={[
                <Popconfirm
                  key="restore"
                  title={`恢复到版本 #${revision.id}？`}
                  description="当前内容会先另存为一个新版本，随时可以再恢复回来。"
                  okText="恢复"
                  cancelText="取消"
                  onConfirm={() => restore(revision)}
                >
                  <Button size="small" loading={busy === revision.id}>
                    恢复
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={6}>
                    <Typography.Text strong data-testid="revision-number">#{revision.id}</Typography.Text>
                    <span>{dayjs(revision.createdAt).format(dateTimeFormat)}</span>
                    <Tag>{causeLabels[revision.cause] ?? revision.cause}</Tag>
                  </Space>
                }
                description={<RevisionDescription revision={revision} />}
              />
            </List.Item>
          )}
        />
      )}
    </Drawer>
  );
}
