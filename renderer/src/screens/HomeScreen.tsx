import { App as AntApp, Button, Card, Empty, Modal, Popconfirm, Radio, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { DraftSummary } from '../../../electron/shared/draft';
import type { RegionId } from '../../../electron/shared/region-template';
import { api } from '../api/client';
import { useRegions } from '../state/use-regions';

/** Home (首页): every draft, a new one by region, and the trash. */
export function HomeScreen({ onOpen }: { onOpen: (draftId: string) => void }) {
  const { message } = AntApp.useApp();
  const regions = useRegions();
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  const [trashed, setTrashed] = useState<DraftSummary[]>([]);
  const [creating, setCreating] = useState(false);
  const [regionId, setRegionId] = useState<RegionId>('xinjiang');

  const reload = useCallback(async () => {
    setDrafts(await api['drafts.list']({}));
    setTrashed(await api['drafts.list']({ trashed: true }));
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const regionName = (id: RegionId) => regions?.find((region) => region.id === id)?.shortName ?? id;
  const chosen = regions?.find((region) => region.id === regionId);

  const create = async () => {
    const draft = await api['drafts.create']({ regionId });
    setCreating(false);
    onOpen(draft.id);
  };
  const run = (action: () => Promise<unknown>, done: string) => async () => {
    try {
      await action();
      message.success(done);
      await reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };

  const columns = (inTrash: boolean) => [
    {
      title: '创新联合体名称',
      dataIndex: 'name',
      render: (name: string, draft: DraftSummary) =>
        inTrash ? name || '（未命名）' : <a onClick={() => onOpen(draft.id)}>{name || '（未命名草稿）'}</a>,
    },
    { title: '地区', dataIndex: 'regionId', width: 120, render: (id: RegionId) => <Tag>{regionName(id)}</Tag> },
    { title: '牵头单位', dataIndex: 'leadUnit', render: (lead: string) => lead || '—' },
    { title: '成员单位', dataIndex: 'memberCount', width: 90 },
    {
      title: inTrash ? '删除时间' : '最后保存',
      width: 170,
      render: (_: unknown, draft: DraftSummary) =>
        dayjs(inTrash ? draft.deletedAt : draft.updatedAt).format('YYYY-MM-DD HH:mm:ss'),
    },
    {
      title: '操作',
      width: 220,
      render: (_: unknown, draft: DraftSummary) =>
        inTrash ? (
          <Space>
            <Button size="small" onClick={run(() => api['drafts.restore']({ id: draft.id }), '已从回收站恢复')}>
              恢复
            </Button>
            <Popconfirm title="彻底删除后无法恢复，确定吗？" okText="彻底删除" cancelText="取消"
              onConfirm={run(() => api['drafts.purge']({ id: draft.id }), '已彻底删除')}>
              <Button size="small" danger>彻底删除</Button>
            </Popconfirm>
          </Space>
        ) : (
          <Space>
            <Button size="small" type="primary" onClick={() => onOpen(draft.id)}>打开</Button>
            <Button size="small" onClick={run(() => api['drafts.duplicate']({ id: draft.id }), '已复制草稿')}>复制</Button>
            <Popconfirm title="移到回收站？可随时恢复。" okText="删除" cancelText="取消"
              onConfirm={run(() => api['drafts.trash']({ id: draft.id }), '已移到回收站')}>
              <Button size="small" danger>删除</Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Card
      title="我的申报草稿"
      extra={<Button type="primary" onClick={() => setCreating(true)}>新建申报</Button>}
    >
      <Tabs
        items={[
          {
            key: 'drafts',
            label: `草稿（${drafts?.length ?? 0}）`,
            children: (
              <Table
                rowKey="id"
                loading={drafts === null}
                dataSource={drafts ?? []}
                columns={columns(false)}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: <Empty description="还没有草稿。点击右上角“新建申报”开始填写。" /> }}
              />
            ),
          },
          {
            key: 'trash',
            label: `回收站（${trashed.length}）`,
            children: (
              <Table rowKey="id" dataSource={trashed} columns={columns(true)} pagination={false}
                locale={{ emptyText: <Empty description="回收站是空的" /> }} />
            ),
          },
        ]}
      />
      <Modal
        title="新建申报：选择地区"
        open={creating}
        onOk={() => void create()}
        okText="创建"
        cancelText="取消"
        onCancel={() => setCreating(false)}
        width={720}
      >
        <Radio.Group value={regionId} onChange={(event) => setRegionId(event.target.value as RegionId)}>
          <Space wrap>
            {(regions ?? []).map((region) => (
              <Radio.Button key={region.id} value={region.id}>{region.shortName}</Radio.Button>
            ))}
          </Space>
        </Radio.Group>
        {chosen && (
          <div style={{ marginTop: 16 }}>
            <Typography.Title level={5}>{chosen.formTitle}</Typography.Title>
            {chosen.commonLayout && <Tag color="orange">该地区未发布统一表格，使用通用申请表版式</Tag>}
            <Typography.Paragraph>{chosen.summary}</Typography.Paragraph>
            <Typography.Text type="secondary">依据：{chosen.source.title}</Typography.Text>
          </div>
        )}
      </Modal>
    </Card>
  );
}
