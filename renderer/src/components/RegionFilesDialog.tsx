import { DeleteOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { maxRegionFileBytes, type RegionEntry } from '../../../electron/shared/contract/region-files';
import { api } from '../api/client';
import { reloadRegions, useRegionEntries } from '../state/use-regions';
import { dateTimeFormat } from './formats';
import { FilePicker } from './FilePicker';

/** 「3 份（版本 1：2 份，版本 2：1 份）」: how many drafts use a region, and with which version each was made. */
function draftUse(entry: RegionEntry): string {
  if (entry.drafts.length === 0) return '无';
  const byVersion = new Map<number, number>();
  for (const draft of entry.drafts) byVersion.set(draft.templateVersion, (byVersion.get(draft.templateVersion) ?? 0) + 1);
  const versions = [...byVersion.entries()].sort((a, b) => a[0] - b[0]);
  const detail = versions.length > 1 || versions[0][0] !== entry.version
    ? `（${versions.map(([version, count]) => `版本 ${version}：${count} 份`).join('，')}）`
    : '';
  return `${entry.drafts.length} 份${detail}`;
}

/**
 * 地区模板: the built-in regions and the region files loaded from disk; a local office's file is loaded here,
 * replaced by a newer version, or removed once no draft uses it. Errors say where in the file and what was expected.
 */
export function RegionFilesDialog(props: { onClose: () => void }) {
  const { message } = AntApp.useApp();
  const entries = useRegionEntries();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ title: string; text: string } | null>(null);

  const load = async (file: File) => {
    setProblem(null);
    // Checked before reading: a huge file must not be read into the page at all.
    if (file.size > maxRegionFileBytes) {
      setProblem({
        title: `未载入「${file.name}」`,
        text: `地区文件「${file.name}」过大（${Math.ceil(file.size / 1024)} KB），地区文件不应超过 ${maxRegionFileBytes / 1024 / 1024} MB。`,
      });
      return;
    }
    setBusy(true);
    try {
      const loaded = await api['regionFiles.load']({ fileName: file.name, text: await file.text() });
      const { region } = loaded;
      if (loaded.unchanged) message.info(`「${region.name}」版本 ${region.version} 已经载入，没有变化`);
      else if (loaded.replacedVersion !== null) {
        message.success(`已把「${region.name}」从版本 ${loaded.replacedVersion} 更新为版本 ${region.version}，原有草稿继续可用`);
      } else message.success(`已载入地区模板「${region.name}」（版本 ${region.version}），新建申报时可以选择`);
      reloadRegions();
    } catch (error) {
      setProblem({ title: `未载入「${file.name}」`, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const remove = async (entry: RegionEntry) => {
    setProblem(null);
    try {
      await api['regionFiles.remove']({ id: entry.id });
      message.success(`已删除地区模板「${entry.name}」`);
      reloadRegions();
    } catch (error) {
      setProblem({ title: `未删除「${entry.name}」`, text: error instanceof Error ? error.message : String(error) });
    }
  };

  const columns: ColumnsType<RegionEntry> = [
    {
      title: '地区',
      dataIndex: 'name',
      render: (name: string, entry) => (
        <Space size={6} wrap>
          <span>{name}</span>
          {entry.fromFile ? <Tag color="purple">来自文件</Tag> : <Tag>内置</Tag>}
        </Space>
      ),
    },
    { title: '版本', dataIndex: 'version', width: 64, align: 'right' },
    {
      title: '文件',
      dataIndex: 'fileName',
      render: (fileName: string | null, entry) =>
        fileName ? (
          <div>
            <div style={{ wordBreak: 'break-all' }}>{fileName}</div>
            {entry.loadedAt && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                载入于 {dayjs(entry.loadedAt).format(dateTimeFormat)}
              </Typography.Text>
            )}
          </div>
        ) : (
          <Typography.Text type="secondary">随软件提供</Typography.Text>
        ),
    },
    { title: '使用的草稿', width: 190, render: (_: unknown, entry) => draftUse(entry) },
    {
      title: '操作',
      width: 96,
      render: (_: unknown, entry) =>
        entry.fromFile ? (
          <Popconfirm
            title={`删除地区模板「${entry.name}」？`}
            description="删除后新建申报时不再提供此地区；仍有草稿使用它时不能删除。"
            okText="删除"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() => void remove(entry)}
          >
            <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`删除地区模板 ${entry.name}`}>
              删除
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Modal open title="地区模板" onCancel={props.onClose} footer={<Button onClick={props.onClose}>关闭</Button>} width={900}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text type="secondary">
            本地发布了自己的申报要求时，可按《地区模板编写指南》（docs/region-template.md）编写地区模板文件（.json）并在此载入。
          </Typography.Text>
          <Button type="primary" icon={<FolderOpenOutlined aria-hidden />} loading={busy} onClick={() => input.current?.click()}>
            载入地区模板文件…
          </Button>
        </Space>
        <FilePicker inputRef={input} accept=".json,application/json" label="选择地区模板文件" onFile={(chosen) => void load(chosen)} />
        {problem && (
          <Alert type="error" showIcon closable onClose={() => setProblem(null)} message={problem.title}
            description={<span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{problem.text}</span>} data-testid="region-file-problem" />
        )}
        <Table rowKey="id" size="small" loading={entries === null} dataSource={entries ?? []} columns={columns} pagination={false}
          data-testid="region-files" />
      </Space>
    </Modal>
  );
}
