import { Alert, App as AntApp, Modal, Select, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { ImportDecision, ProjectDraftPreview, ProjectInspection } from '../../../electron/shared/contract/safety';
import type { RegionTemplate } from '../../../electron/shared/region-template';
import { api } from '../api/client';

const decisionLabels: Record<ImportDecision, string> = { new: '作为新草稿导入', overwrite: '覆盖本机草稿', skip: '不导入' };

/** 打开项目文件: what the file holds and what it would collide with, one decision per draft, then import. */
export function ProjectImportDialog(props: {
  json: string;
  fileName: string;
  regions: RegionTemplate[];
  onCancel: () => void;
  onImported: (count: number) => void;
}) {
  const { message } = AntApp.useApp();
  const [inspection, setInspection] = useState<ProjectInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<ImportDecision[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api['projects.inspect']({ json: props.json })
      .then((result) => {
        if (!live) return;
        setInspection(result);
        setDecisions(result.drafts.map(() => 'new'));
      })
      .catch((caught: unknown) => live && setError(caught instanceof Error ? caught.message : String(caught)));
    return () => {
      live = false;
    };
  }, [props.json]);

  const importNow = async () => {
    setBusy(true);
    try {
      const result = await api['projects.import']({ json: props.json, decisions });
      props.onImported(result.importedIds.length);
    } catch (caught) {
      message.error(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const conflict = (draft: ProjectDraftPreview) => {
    if (draft.sameId) return `本机已有这份草稿${draft.sameId.inTrash ? '（在回收站中）' : ''}，最后保存于 ${dayjs(draft.sameId.updatedAt).format('YYYY-MM-DD HH:mm')}`;
    if (draft.sameName.length > 0) return `本机已有同名草稿 ${draft.sameName.length} 份`;
    return '—';
  };

  return (
    <Modal open width={900} title={`打开项目文件：${props.fileName}`} okText="导入" cancelText="取消" confirmLoading={busy}
      okButtonProps={{ disabled: !inspection || decisions.every((decision) => decision === 'skip') }}
      onOk={() => void importNow()} onCancel={props.onCancel}>
      {error && <Alert type="error" showIcon message="无法打开这个项目文件" description={error} />}
      {!inspection && !error && <Spin />}
      {inspection && (
        <>
          <Typography.Paragraph type="secondary">
            文件导出于 {dayjs(inspection.exportedAt).format('YYYY-MM-DD HH:mm')}
            {inspection.appVersion ? `（软件版本 ${inspection.appVersion}）` : ''}，共 {inspection.drafts.length} 份草稿。覆盖前会先为本机草稿保存历史版本。
          </Typography.Paragraph>
          <Table<ProjectDraftPreview>
            rowKey="index"
            size="small"
            pagination={false}
            dataSource={inspection.drafts}
            columns={[
              { title: '创新联合体名称', dataIndex: 'name', render: (name: string) => name || '（未命名）' },
              { title: '地区', dataIndex: 'regionName', width: 120 },
              { title: '成员单位', dataIndex: 'memberCount', width: 80, render: (count: number) => `${count} 家` },
              { title: '与本机草稿', width: 220, render: (_: unknown, draft) => conflict(draft) },
              {
                title: '处理方式',
                width: 170,
                render: (_: unknown, draft) => (
                  <Select<ImportDecision>
                    value={decisions[draft.index]}
                    style={{ width: 160 }}
                    aria-label={`处理方式：${draft.name || '未命名'}`}
                    onChange={(value) => setDecisions((current) => current.map((old, index) => (index === draft.index ? value : old)))}
                    options={(['new', 'overwrite', 'skip'] as const).map((value) => ({
                      value,
                      label: decisionLabels[value],
                      disabled: value === 'overwrite' && (!draft.overwriteTarget || draft.overwriteBlocked !== null),
                      title: value === 'overwrite' ? (draft.overwriteBlocked ?? undefined) : undefined,
                    }))}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
