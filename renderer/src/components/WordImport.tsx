import { FileWordOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Descriptions, Modal, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { DocxImportPreview, RecognizedField, RecognizedRow, RecognizedTable, UnrecognizedItem } from '../../../electron/shared/docx-import';
import { describeSource } from '../../../electron/shared/docx-import';
import type { RegionId, RegionTemplate } from '../../../electron/shared/region-template';
import type { ValueProblem } from '../../../electron/shared/validation';
import type { ImportMode } from '../../../electron/shared/workbooks';
import { api, ApiError } from '../api/client';
import { saveQueue } from '../state/save-queue';
import { fileToBase64 } from './files';
import { ImportModeChoice, type ImportModeLabels } from './ImportModeChoice';
import { FilePicker } from './FilePicker';

type Preview = DocxImportPreview & { importId: string };

const modeLabels: ImportModeLabels = {
  append: { title: '只补充空白', note: '草稿中已填的内容不变，只填入空着的栏目，并添加表中没有的行' },
  update: { title: '补充并更新', note: 'Word 中不为空的内容覆盖草稿；表格中相同的单位（人员、平台）更新，其余添加' },
  replace: { title: '以 Word 为准', note: 'Word 中识别到的栏目和表格替换草稿中的（导入前自动保存历史版本）' },
};

const accept = '.docx,.doc,.wps,.rtf,.odt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword';

/**
 * 「从 Word 导入」: reads a filled application form (the core converts .doc/.wps with LibreOffice), shows what
 * it recognised, from where, what it did not and what the checks say, and only on confirmation writes it —
 * into a new draft (home) or into the open draft with the Excel import's choices.
 */
export function WordImportButton(props: {
  /** The open draft to merge into; without it a new draft is made. */
  draftId?: string;
  regions: RegionTemplate[];
  onImported: (draftId: string) => void;
  size?: 'small' | 'middle';
}) {
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  /** A file whose title names no region: the user says which region's form it is. */
  const [askRegion, setAskRegion] = useState<File | null>(null);
  const [chosenRegion, setChosenRegion] = useState<RegionId | null>(null);

  const read = async (chosen: File, regionId?: RegionId) => {
    setBusy(true);
    try {
      await saveQueue.flush();
      const result = await api['docxImport.preview']({
        fileName: chosen.name,
        dataBase64: await fileToBase64(chosen),
        ...(props.draftId ? { draftId: props.draftId } : regionId ? { regionId } : {}),
      });
      setFile(chosen);
      setPreview(result);
      setAskRegion(null);
    } catch (error) {
      if (error instanceof ApiError && error.payload.code === 'docx.regionUnknown' && !props.draftId) {
        setAskRegion(chosen);
        return;
      }
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Tooltip title="读取已填好的 Word / WPS 申请表（.docx、.doc、.wps），先预览识别结果，确认后才导入">
        <Button icon={<FileWordOutlined />} size={props.size} loading={busy} onClick={() => input.current?.click()}>
          从 Word 导入
        </Button>
      </Tooltip>
      <FilePicker inputRef={input} accept={accept} label="选择要导入的 Word 申请表" onFile={(chosen) => void read(chosen)} />
      {askRegion && (
        <Modal
          open
          title="选择申请表所属地区"
          okText="按此地区读取"
          cancelText="取消"
          confirmLoading={busy}
          okButtonProps={{ disabled: chosenRegion === null }}
          onOk={() => chosenRegion && void read(askRegion, chosenRegion)}
          onCancel={() => setAskRegion(null)}
        >
          <Typography.Paragraph>未能从“{askRegion.name}”的标题识别出是哪个地区的申请表，请选择：</Typography.Paragraph>
          <Select<RegionId>
            style={{ width: '100%' }}
            placeholder="地区"
            aria-label="申请表所属地区"
            value={chosenRegion ?? undefined}
            options={props.regions.map((r) => ({ value: r.id, label: r.name }))}
            onChange={setChosenRegion}
          />
        </Modal>
      )}
      {preview && file && (
        <WordImportDialog
          preview={preview}
          draftId={props.draftId}
          regions={props.regions}
          rereading={busy}
          onRegion={(regionId) => void read(file, regionId)}
          onClose={() => setPreview(null)}
          onDone={(draftId, text) => {
            setPreview(null);
            message.success(text);
            props.onImported(draftId);
          }}
        />
      )}
    </>
  );
}

const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max)}…` : text);

function ProblemTags({ problems }: { problems: ValueProblem[] }) {
  if (problems.length === 0) return <Tag color="success">通过</Tag>;
  return (
    <Space direction="vertical" size={2}>
      {problems.map((problem) => (
        <Typography.Text key={problem.code} type={problem.severity === 'error' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
          {problem.severity === 'error' ? '错误：' : '提醒：'}
          {problem.message}
        </Typography.Text>
      ))}
    </Space>
  );
}

function FieldsTable({ fields }: { fields: RecognizedField[] }) {
  return (
    <Table<RecognizedField>
      size="small"
      rowKey="key"
      dataSource={fields}
      pagination={false}
      scroll={{ y: 320 }}
      columns={[
        { title: '栏目', dataIndex: 'label', width: 180 },
        {
          title: '识别的内容',
          render: (_: unknown, field) =>
            field.value === '' ? (
              <Typography.Text type="secondary">{field.original ? `（${clip(field.original, 30)}：与表格计算结果一致，自动计算）` : '（空）'}</Typography.Text>
            ) : (
              <span title={field.value} style={{ whiteSpace: 'pre-wrap' }}>{clip(field.value, 120)}</span>
            ),
        },
        { title: '位置', width: 210, render: (_: unknown, field) => <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>{describeSource(field.source)}</Typography.Text> },
        { title: '校验', width: 200, render: (_: unknown, field) => <ProblemTags problems={field.problems} /> },
      ]}
    />
  );
}

function ListTable({ table }: { table: RecognizedTable }) {
  const columns = table.columns.length > 0 ? table.columns : [{ key: 'name', label: '名称', foundLabel: '' }];
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong>
        {table.label}：{table.rows.length} 行
      </Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
        （表头在{describeSource(table.headerSource)}）
      </Typography.Text>
      <Table<RecognizedRow>
        size="small"
        rowKey={(row) => describeSource(row.source)}
        dataSource={table.rows}
        pagination={table.rows.length > 8 ? { pageSize: 8, size: 'small' } : false}
        columns={[
          { title: '位置', width: 96, render: (_: unknown, row) => <Typography.Text type="secondary">第{(row.source.row ?? row.source.paragraph ?? 0) + 1}{row.source.row !== undefined ? '行' : '段'}</Typography.Text> },
          ...columns.map((column) => ({
            title: column.label,
            render: (_: unknown, row: RecognizedRow) => <span title={row.values[column.key]}>{clip(row.values[column.key] ?? '', 40)}</span>,
          })),
          { title: '校验', width: 180, render: (_: unknown, row: RecognizedRow) => <ProblemTags problems={row.problems.map((p) => ({ ...p, message: `${p.columnLabel}：${p.message}` }))} /> },
        ]}
      />
    </div>
  );
}

function WordImportDialog(props: {
  preview: Preview;
  draftId?: string;
  regions: RegionTemplate[];
  rereading: boolean;
  onRegion: (regionId: RegionId) => void;
  onClose: () => void;
  onDone: (draftId: string, message: string) => void;
}) {
  const { message } = AntApp.useApp();
  const { preview } = props;
  const [mode, setMode] = useState<ImportMode>('append');
  const [busy, setBusy] = useState(false);
  const region = props.regions.find((r) => r.id === preview.regionId);
  const nothing = preview.counts.fields === 0 && preview.counts.rows === 0;

  const apply = async () => {
    setBusy(true);
    try {
      const summary = await api['docxImport.apply']({
        importId: preview.importId,
        target: props.draftId ? { kind: 'merge', draftId: props.draftId, mode } : { kind: 'new' },
      });
      props.onDone(
        summary.draftId,
        summary.created
          ? `已从“${preview.fileName}”新建草稿：${summary.fieldsSet} 项内容，${summary.rowsAdded} 行表格`
          : `已从“${preview.fileName}”导入：更新 ${summary.fieldsSet} 项内容，新增 ${summary.rowsAdded} 行，更新 ${summary.rowsUpdated} 行`,
      );
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const unrecognizedCount = preview.unrecognized.length + preview.missingFields.length;
  return (
    <Modal
      open
      width={1000}
      title={`从 Word 导入：${preview.fileName}`}
      okText={props.draftId ? '导入到此草稿' : '导入为新草稿'}
      cancelText="取消"
      confirmLoading={busy}
      okButtonProps={{ disabled: nothing || props.rereading }}
      onOk={() => void apply()}
      onCancel={props.onClose}
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message="以下是从文件中识别到的内容，尚未保存。确认无误后点击下方按钮导入；原文件不会被修改。有问题的内容也会导入，导入后可在草稿中修改。" />
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }} labelStyle={{ whiteSpace: 'nowrap' }}>
        <Descriptions.Item label="地区" span={2}>
          {props.draftId ? (
            region?.name
          ) : (
            <Space>
              <Select<RegionId>
                size="small"
                style={{ width: 200 }}
                value={preview.regionId}
                aria-label="申请表所属地区"
                loading={props.rereading}
                options={props.regions.map((r) => ({ value: r.id, label: r.name }))}
                onChange={(value) => props.onRegion(value)}
              />
              <Typography.Text type="secondary">{preview.regionNote}</Typography.Text>
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="文件">
          {preview.documents.map((d) => (d === 'applicationForm' ? '申请表' : '组建协议')).join('、')}
          {preview.converted && <Tag style={{ marginLeft: 6 }}>经 LibreOffice 转换</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="识别的栏目">{preview.counts.fields} 项</Descriptions.Item>
        <Descriptions.Item label="表格行">{preview.counts.rows} 行</Descriptions.Item>
        <Descriptions.Item label="校验">
          <Tag color={preview.counts.errors > 0 ? 'error' : 'success'}>错误 {preview.counts.errors}</Tag>
          <Tag color={preview.counts.warnings > 0 ? 'warning' : 'default'}>提醒 {preview.counts.warnings}</Tag>
        </Descriptions.Item>
      </Descriptions>
      {preview.notes.map((note) => (
        <Alert key={note} type="warning" showIcon style={{ marginBottom: 8 }} message={note} />
      ))}
      <Tabs
        size="small"
        items={[
          { key: 'fields', label: `栏目（${preview.fields.length}）`, children: <FieldsTable fields={preview.fields} /> },
          {
            key: 'tables',
            label: `表格（${preview.counts.rows} 行）`,
            children:
              preview.tables.length === 0 ? (
                <Typography.Text type="secondary">文件中没有找到科研团队、科研平台或成员单位表。</Typography.Text>
              ) : (
                <div style={{ maxHeight: 380, overflow: 'auto' }}>
                  {preview.tables.map((table) => (
                    <ListTable key={table.table} table={table} />
                  ))}
                </div>
              ),
          },
          {
            key: 'unrecognized',
            label: `未识别（${unrecognizedCount}）`,
            children: (
              <>
                {preview.missingFields.length > 0 && (
                  <Alert type="warning" showIcon style={{ marginBottom: 8 }}
                    message={`文件中没有找到这些栏目：${preview.missingFields.map((f) => f.label).join('、')}`} />
                )}
                <Table<UnrecognizedItem>
                  size="small"
                  rowKey={(item) => `${describeSource(item.source)}:${item.text}`}
                  dataSource={preview.unrecognized}
                  pagination={preview.unrecognized.length > 8 ? { pageSize: 8, size: 'small' } : false}
                  columns={[
                    { title: '内容', render: (_: unknown, item) => clip(item.text, 60) },
                    { title: '位置', width: 190, render: (_: unknown, item) => describeSource(item.source) },
                    { title: '原因', width: 220, dataIndex: 'reason' },
                  ]}
                />
              </>
            ),
          },
        ]}
      />
      {props.draftId && (
        <ImportModeChoice labels={modeLabels} value={mode} onChange={setMode} style={{ marginTop: 8 }} />
      )}
    </Modal>
  );
}
