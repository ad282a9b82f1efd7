import { FolderOpenOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Collapse, List, Modal, Radio, Space, Steps, Tag, Typography } from 'antd';
import { memo, useRef, useState } from 'react';
import type { AbsorbPreview, CollectionFile, FieldChange } from '../../../electron/shared/workbooks';
import { api } from '../api/client';
import { saveQueue } from '../state/save-queue';
import { fileToBase64 } from './files';

type Choice = 'keep' | 'take';

/**
 * 信息采集: one pre-filled workbook per member unit, sent out for each unit to complete (its own row, its team
 * members and platforms), then the returned files read back — with every difference from the draft shown,
 * and for each conflict the user's choice of keeping the draft's value or taking the returned one.
 */
export const CollectionButton = memo(function CollectionButton(props: { draftId: string; onApplied: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" icon={<TeamOutlined />} onClick={() => setOpen(true)}>
        信息采集
      </Button>
      {open && <CollectionDialog draftId={props.draftId} onClose={() => setOpen(false)} onApplied={props.onApplied} />}
    </>
  );
});

function CollectionDialog(props: { draftId: string; onClose: () => void; onApplied: () => void }) {
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [written, setWritten] = useState<{ dir: string; files: CollectionFile[] } | null>(null);
  const [preview, setPreview] = useState<(AbsorbPreview & { absorbId: string }) | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [busy, setBusy] = useState<'write' | 'read' | 'apply' | null>(null);
  const fail = (error: unknown) => message.error(error instanceof Error ? error.message : String(error));

  const write = async () => {
    setBusy('write');
    try {
      await saveQueue.flush();
      const { dir } = await api['host.chooseExportFolder']({});
      if (!dir) return;
      setWritten(await api['workbooks.collectionFiles']({ draftId: props.draftId, dir }));
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const read = async (files: File[]) => {
    setBusy('read');
    try {
      await saveQueue.flush();
      const payload = await Promise.all(files.map(async (file) => ({ fileName: file.name, dataBase64: await fileToBase64(file) })));
      const result = await api['workbooks.absorb']({ draftId: props.draftId, files: payload });
      setPreview(result);
      setChoices({});
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const apply = async () => {
    if (!preview) return;
    setBusy('apply');
    try {
      const decisions = Object.entries(choices).map(([conflictId, choice]) => ({ conflictId, choice }));
      const summary = await api['workbooks.applyAbsorb']({ draftId: props.draftId, absorbId: preview.absorbId, decisions });
      message.success(
        `已导入 ${summary.filesApplied} 份采集表：更新成员单位 ${summary.membersUpdated} 家，科研团队新增 ${summary.teamAdded} 人，科研平台新增 ${summary.platformsAdded} 个`,
      );
      props.onApplied();
      props.onClose();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const conflictRow = (change: FieldChange) => (
    <div key={change.conflictId ?? change.key} className="collection-change">
      <span className="collection-change-label">{change.label}</span>
      {change.kind === 'fill' ? (
        <span>
          将填入“{change.incoming}”
        </span>
      ) : (
        <Radio.Group
          size="small"
          value={choices[change.conflictId ?? ''] ?? 'keep'}
          onChange={(event) => setChoices((current) => ({ ...current, [change.conflictId ?? '']: event.target.value as Choice }))}
        >
          <Radio value="keep">保留“{change.current}”</Radio>
          <Radio value="take">改为“{change.incoming}”</Radio>
        </Radio.Group>
      )}
    </div>
  );

  return (
    <Modal open width={860} title="成员单位信息采集" onCancel={props.onClose}
      footer={
        <Space>
          <Button onClick={props.onClose}>关闭</Button>
          {preview && (
            <Button type="primary" loading={busy === 'apply'} disabled={preview.files.every((file) => file.status !== 'matched')}
              onClick={() => void apply()}>
              导入采集表
            </Button>
          )}
        </Space>
      }>
      <Steps
        size="small"
        current={preview ? 1 : 0}
        style={{ marginBottom: 16 }}
        items={[{ title: '生成采集表，发给各成员单位' }, { title: '导入各单位填好的采集表' }]}
      />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          每家成员单位一个 Excel 文件，已填好表中现有的内容；各单位核对、补充本单位信息、科研团队和科研平台后发回。
        </Typography.Text>
        <Space>
          <Button icon={<FolderOpenOutlined />} loading={busy === 'write'} onClick={() => void write()}>
            生成采集表
          </Button>
          <Button icon={<UploadOutlined />} loading={busy === 'read'} onClick={() => input.current?.click()}>
            导入回收的采集表（可多选）
          </Button>
        </Space>
        <input ref={input} type="file" multiple accept=".xlsx" style={{ display: 'none' }} aria-label="选择回收的采集表"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            if (files.length > 0) void read(files);
          }} />
        {written && (
          <Alert type="success" showIcon message={`已生成 ${written.files.length} 份采集表，位于：${written.dir}`}
            action={<Button size="small" onClick={() => void api['host.openFolder']({ dir: written.dir }).then(({ opened }) => !opened && message.info(`请在文件管理器中打开：${written.dir}`))}>打开文件夹</Button>} />
        )}
        {preview && (
          <>
            <Typography.Text>
              共 {preview.files.length} 份文件，{preview.conflictCount} 处与表中内容不同（默认保留表中内容，可逐项改为采集表中的值）。
            </Typography.Text>
            <Collapse
              size="small"
              items={preview.files.map((file, index) => ({
                key: String(index),
                label: (
                  <Space>
                    <span>{file.memberName || file.fileName}</span>
                    {file.status === 'matched' ? <Tag color="success">可导入</Tag> : <Tag color="error">{file.status === 'unmatched' ? '找不到对应成员单位' : '无法读取'}</Tag>}
                    <Typography.Text type="secondary">
                      {file.member.length} 项单位信息 · 团队 {file.team.length} 人 · 平台 {file.platforms.length} 个
                    </Typography.Text>
                  </Space>
                ),
                children: (
                  <div>
                    {file.message && <Alert type="warning" showIcon message={file.message} style={{ marginBottom: 8 }} />}
                    {file.member.map(conflictRow)}
                    {[...file.team, ...file.platforms].map((row) => (
                      <div key={`${row.row}:${row.name}`} className="collection-change">
                        <span className="collection-change-label">{row.kind === 'add' ? '新增' : '更新'}</span>
                        <span>{row.name}</span>
                        <div style={{ width: '100%' }}>{row.changes.map(conflictRow)}</div>
                      </div>
                    ))}
                    {file.problems.length > 0 && (
                      <List size="small" dataSource={file.problems}
                        renderItem={(problem) => <List.Item>{`第 ${problem.row} 行 ${problem.column}：${problem.message}`}</List.Item>} />
                    )}
                  </div>
                ),
              }))}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
