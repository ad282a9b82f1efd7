import { AppstoreOutlined, CopyOutlined, DeleteOutlined, FolderOpenOutlined, PlusOutlined, SaveOutlined, SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Empty, Popconfirm, Progress, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftSummary } from '../../../electron/shared/draft';
import type { RegionId, RegionTemplate } from '../../../electron/shared/region-template';
import { api } from '../api/client';
import { downloadText } from '../components/files';
import { dateTimeFormat } from '../components/formats';
import { CopyToRegionDialog } from '../components/CopyToRegionDialog';
import { NewDraftDialog } from '../components/NewDraftDialog';
import { ProjectImportDialog } from '../components/ProjectImportDialog';
import { RegionFilesDialog } from '../components/RegionFilesDialog';
import { WordImportButton } from '../components/WordImport';
import { eligibilityColors, eligibilityLabels } from '../steps/CheckStep';
import { saveQueue } from '../state/save-queue';
import { useRegions } from '../state/use-regions';
import { FilePicker } from '../components/FilePicker';

/** Home (首页): every draft with its state, a new one by region, copies, project files, and the trash. */
export function HomeScreen({ onOpen }: { onOpen: (draftId: string) => void }) {
  const { message } = AntApp.useApp();
  const regions = useRegions();
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  const [trashed, setTrashed] = useState<DraftSummary[]>([]);
  const [tab, setTab] = useState('drafts');
  const [creating, setCreating] = useState(false);
  const [copying, setCopying] = useState<DraftSummary | null>(null);
  const [importing, setImporting] = useState<{ json: string; fileName: string } | null>(null);
  const [managingRegions, setManagingRegions] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    try {
      // Edits of a draft just left may still be on their way; the list should show them.
      await saveQueue.flush();
      const [live, trash] = await Promise.all([api['drafts.list']({}), api['drafts.list']({ trashed: true })]);
      setDrafts(live);
      setTrashed(trash);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
      setDrafts([]);
    }
  }, [message]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const regionOf = (id: RegionId): RegionTemplate | undefined => regions?.find((region) => region.id === id);

  const run = (action: () => Promise<unknown>, done: string) => async () => {
    try {
      await action();
      message.success(done);
      await reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };

  const saveProject = async (draftIds: string[] | 'all') => {
    try {
      const exported = await api['projects.export']({ draftIds });
      downloadText(exported.fileName, exported.json);
      message.success(`已保存项目文件“${exported.fileName}”（${exported.draftCount} 份草稿）`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };

  const openProjectFile = async (file: File) => {
    try {
      setImporting({ json: await file.text(), fileName: file.name });
    } catch (error) {
      message.error(`无法读取文件：${error instanceof Error ? error.message : String(error)}`);
    }
  };

  // Drafts that share a name (a copy, the same consortium for two regions) need more to tell them apart.
  const nameCounts = new Map<string, number>();
  for (const draft of drafts ?? []) nameCounts.set(draft.name, (nameCounts.get(draft.name) ?? 0) + 1);

  // The name is what users look for, so it wraps rather than being cut, with the lead unit under it.
  const nameCell = (name: string, draft: DraftSummary, inTrash: boolean) => {
    const text = name || '（未命名草稿）';
    const shared = !inTrash && (nameCounts.get(name) ?? 0) > 1;
    return (
      <div>
        {inTrash ? (
          <span>{text}</span>
        ) : (
          <a href={`#/draft/${encodeURIComponent(draft.id)}/basic`} onClick={(event) => { event.preventDefault(); onOpen(draft.id); }}>
            {text}
          </a>
        )}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            牵头单位：{draft.leadUnit || '（未填）'}
            {shared && ` · 创建于 ${dayjs(draft.createdAt).format(dateTimeFormat)} · 另有同名草稿`}
          </Typography.Text>
        </div>
      </div>
    );
  };

  const columns = (inTrash: boolean): ColumnsType<DraftSummary> => [
    { title: '创新联合体名称', dataIndex: 'name', render: (name: string, draft) => nameCell(name, draft, inTrash) },
    {
      title: '地区',
      dataIndex: 'regionId',
      width: 92,
      render: (id: RegionId, draft) =>
        draft.regionFile ? (
          // A region from a file says which file and version made the draft (a newer one may have replaced it).
          <Tooltip title={`来自地区模板文件「${draft.regionFile}」，本草稿按版本 ${draft.templateVersion} 创建`}>
            <Tag color="purple">{regionOf(id)?.shortName ?? id}</Tag>
          </Tooltip>
        ) : (
          <Tag color="blue">{regionOf(id)?.shortName ?? id}</Tag>
        ),
    },
    { title: '成员单位', dataIndex: 'memberCount', width: 84, align: 'right', render: (count: number) => `${count} 家` },
    {
      title: '完整度',
      dataIndex: 'completeness',
      width: 130,
      render: (value: number | null) =>
        value === null ? (
          <Typography.Text type="secondary">未检查</Typography.Text>
        ) : (
          <Progress percent={value} size="small" format={(percent) => `${percent}%`} aria-label={`完整度 ${value}%`} />
        ),
    },
    {
      title: '资格',
      dataIndex: 'eligible',
      width: 124,
      render: (value: DraftSummary['eligible']) =>
        value === null ? <Typography.Text type="secondary">—</Typography.Text> : <Tag color={eligibilityColors[value]}>{eligibilityLabels[value]}</Tag>,
    },
    {
      title: inTrash ? '删除时间' : '最后保存',
      width: 156,
      render: (_: unknown, draft) => dayjs(inTrash ? draft.deletedAt : draft.updatedAt).format(dateTimeFormat),
    },
    {
      title: '操作',
      width: inTrash ? 190 : 452,
      render: (_: unknown, draft) =>
        inTrash ? (
          <Space size={4}>
            <Button size="small" icon={<UndoOutlined aria-hidden />} onClick={run(() => api['drafts.restore']({ id: draft.id }), '已从回收站恢复')}>
              恢复
            </Button>
            <Popconfirm title="彻底删除后无法恢复，确定吗？" okText="彻底删除" okButtonProps={{ danger: true }} cancelText="取消"
              onConfirm={run(() => api['drafts.purge']({ id: draft.id }), '已彻底删除')}>
              <Button size="small" danger>
                彻底删除
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          // Labelled buttons on one line: an office user reads words, not 24-pixel icons.
          <Space size={4} className="draft-actions">
            <Button size="small" type="primary" onClick={() => onOpen(draft.id)}>
              打开
            </Button>
            <Tooltip title="复制一份同地区的草稿">
              <Button size="small" icon={<CopyOutlined aria-hidden />} onClick={run(() => api['drafts.duplicate']({ id: draft.id }), '已复制草稿')}>
                复制
              </Button>
            </Tooltip>
            <Tooltip title="复制为另一个地区的申报（原草稿不变）">
              <Button size="small" icon={<SwapOutlined aria-hidden />} onClick={() => setCopying(draft)}>
                转其他地区
              </Button>
            </Tooltip>
            <Tooltip title="保存为项目文件（可在其他电脑上打开）">
              <Button size="small" icon={<SaveOutlined aria-hidden />} onClick={() => void saveProject([draft.id])}>
                保存为项目文件
              </Button>
            </Tooltip>
            <Popconfirm title="移到回收站？可随时恢复。" okText="删除" cancelText="取消"
              onConfirm={run(() => api['drafts.trash']({ id: draft.id }), '已移到回收站，可在“回收站”中恢复')}>
              <Button size="small" danger icon={<DeleteOutlined aria-hidden />}>
                删除
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title="我的申报草稿"
      extra={
        <Space>
          <Button icon={<FolderOpenOutlined />} onClick={() => fileInput.current?.click()}>
            打开项目文件
          </Button>
          {regions && <WordImportButton regions={regions} onImported={onOpen} />}
          <Button icon={<AppstoreOutlined aria-hidden />} onClick={() => setManagingRegions(true)}>
            地区模板
          </Button>
          <Button icon={<SaveOutlined />} disabled={!drafts || drafts.length === 0} onClick={() => void saveProject('all')}>
            全部保存为项目文件
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建申报
          </Button>
        </Space>
      }
    >
      <FilePicker inputRef={fileInput} accept=".json,application/json" label="选择项目文件" onFile={(chosen) => void openProjectFile(chosen)} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'drafts',
            label: `草稿（${drafts?.length ?? 0}）`,
            children: (
              <Table
                rowKey="id"
                size="middle"
                loading={drafts === null}
                dataSource={drafts ?? []}
                columns={columns(false)}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{
                  emptyText: (
                    <Empty description="还没有草稿。点击“新建申报”，选择地区后开始填写；也可以打开别人发来的项目文件。">
                      <Space>
                        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                          开始填写第一份申报
                        </Button>
                        <Button icon={<FolderOpenOutlined />} onClick={() => fileInput.current?.click()}>
                          打开项目文件
                        </Button>
                      </Space>
                    </Empty>
                  ),
                }}
              />
            ),
          },
          {
            key: 'trash',
            label: `回收站（${trashed.length}）`,
            children: (
              <Table rowKey="id" size="middle" dataSource={trashed} columns={columns(true)} pagination={false}
                locale={{ emptyText: <Empty description="回收站是空的。删除的草稿会先放在这里，可随时恢复。" /> }} />
            ),
          },
        ]}
      />
      {creating && regions && (
        <NewDraftDialog regions={regions} onCancel={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            onOpen(id);
          }} />
      )}
      {copying && regions && (
        <CopyToRegionDialog draft={copying} regions={regions} onCancel={() => setCopying(null)}
          onCopied={(id) => {
            setCopying(null);
            onOpen(id);
          }} />
      )}
      {managingRegions && (
        <RegionFilesDialog
          onClose={() => {
            setManagingRegions(false);
            void reload();
          }}
        />
      )}
      {importing && (
        <ProjectImportDialog json={importing.json} fileName={importing.fileName} regions={regions ?? []}
          onCancel={() => setImporting(null)}
          onImported={(count) => {
            setImporting(null);
            message.success(`已导入 ${count} 份草稿`);
            void reload();
          }} />
      )}
    </Card>
  );
}
