import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Descriptions, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { memo, useRef, useState } from 'react';
import type { RegionId } from '../../../electron/shared/region-template';
import type { ImportMode, ImportPreview, ImportProblem, WorkbookTable } from '../../../electron/shared/workbooks';
import { workbookSheetNames } from '../../../electron/shared/workbooks';
import { api } from '../api/client';
import { saveQueue } from '../state/save-queue';
import { downloadBase64, fileToBase64 } from './files';
import { ImportModeChoice, type ImportModeLabels } from './ImportModeChoice';
import { FilePicker } from './FilePicker';

const modeLabels: ImportModeLabels = {
  append: { title: '只添加新的行', note: '表中已有的单位（人员、平台）不变，只添加表中没有的' },
  update: { title: '添加并更新', note: '添加新的行；已有的行用 Excel 中不为空的单元格更新' },
  replace: { title: '整表替换', note: '表格变为 Excel 中的内容（导入前自动保存历史版本）' },
};

/**
 * Excel for one table: import a list (with a preview of what would be added, updated or skipped, and why),
 * export the lists, and a blank template to hand out. Changes are made by the core in one go (a revision is
 * taken first); the draft is then read back.
 */
export const ExcelTools = memo(function ExcelTools(props: {
  draftId: string;
  regionId: RegionId;
  table: WorkbookTable;
  label: string;
  onImported: () => void;
}) {
  const { message } = AntApp.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'export' | 'template' | 'read' | null>(null);
  const [preview, setPreview] = useState<(ImportPreview & { importId: string }) | null>(null);

  const fail = (error: unknown) => message.error(error instanceof Error ? error.message : String(error));

  const exportLists = async () => {
    setBusy('export');
    try {
      await saveQueue.flush();
      const file = await api['workbooks.export']({ draftId: props.draftId });
      downloadBase64(file.fileName, file.dataBase64);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const template = async () => {
    setBusy('template');
    try {
      const file = await api['workbooks.template']({ regionId: props.regionId, table: props.table });
      downloadBase64(file.fileName, file.dataBase64);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const read = async (file: File) => {
    setBusy('read');
    try {
      await saveQueue.flush();
      const result = await api['workbooks.previewImport']({
        draftId: props.draftId,
        table: props.table,
        fileName: file.name,
        dataBase64: await fileToBase64(file),
      });
      setPreview(result);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Space size={4} wrap>
        <Tooltip title={`从 Excel / WPS 表格导入${props.label}（先预览，确认后才导入）`}>
          <Button size="small" icon={<UploadOutlined />} loading={busy === 'read'} onClick={() => input.current?.click()}>
            从 Excel 导入
          </Button>
        </Tooltip>
        <Tooltip title="成员单位、科研团队、科研平台名单，一个 Excel 文件">
          <Button size="small" icon={<FileExcelOutlined />} loading={busy === 'export'} onClick={() => void exportLists()}>
            导出 Excel
          </Button>
        </Tooltip>
        <Tooltip title={`空白的“${workbookSheetNames[props.table]}”模板，可发给成员单位填写后导入`}>
          <Button size="small" icon={<DownloadOutlined />} loading={busy === 'template'} onClick={() => void template()}>
            空白模板
          </Button>
        </Tooltip>
      </Space>
      <FilePicker inputRef={input} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" label={`选择要导入的${props.label} Excel 文件`} onFile={(chosen) => void read(chosen)} />
      {preview && (
        <ImportDialog
          draftId={props.draftId}
          preview={preview}
          label={props.label}
          onClose={() => setPreview(null)}
          onDone={(text) => {
            setPreview(null);
            message.success(text);
            props.onImported();
          }}
        />
      )}
    </>
  );
});

function ImportDialog(props: {
  draftId: string;
  preview: ImportPreview & { importId: string };
  label: string;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { message } = AntApp.useApp();
  const { preview } = props;
  const [mode, setMode] = useState<ImportMode>('update');
  const [busy, setBusy] = useState(false);
  const importable = preview.counts.new + preview.counts.update;

  const apply = async () => {
    setBusy(true);
    try {
      const summary = await api['workbooks.applyImport']({ draftId: props.draftId, importId: preview.importId, mode });
      props.onDone(
        `已导入${props.label}：新增 ${summary.added} 行，更新 ${summary.updated} 行${summary.skipped ? `，跳过 ${summary.skipped} 行` : ''}；现共 ${summary.rowCount} 行`,
      );
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open width={860} title={`导入${props.label}：${preview.fileName}`} okText="导入" cancelText="取消"
      confirmLoading={busy} okButtonProps={{ disabled: importable === 0 && mode !== 'replace' }}
      onOk={() => void apply()} onCancel={props.onClose}>
      <Descriptions size="small" column={3} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="工作表">{preview.sheetName}（表头在第 {preview.headerRow} 行）</Descriptions.Item>
        <Descriptions.Item label="数据行">{preview.counts.total} 行</Descriptions.Item>
        <Descriptions.Item label="有提醒">{preview.counts.warnings} 行</Descriptions.Item>
        <Descriptions.Item label="新增">
          <Tag color="success">{preview.counts.new}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="与已有行相同（可更新）">
          <Tag color="processing">{preview.counts.update}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="不导入（重复或有错）">
          <Tag color={preview.counts.invalid + preview.counts.duplicate > 0 ? 'error' : 'default'}>
            {preview.counts.invalid + preview.counts.duplicate}
          </Tag>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
        识别的列：
        {preview.columns
          .filter((column) => column.key)
          .map((column) => `${column.columnLetter}列“${column.header}”→${column.label}`)
          .join('；')}
      </Typography.Paragraph>
      {preview.missingColumns.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }}
          message={`表中没有这些列：${preview.missingColumns.map((column) => column.label).join('、')}；导入后这些单元格保持原样（新行为空）。`} />
      )}
      {preview.problems.length > 0 && (
        <Table<ImportProblem>
          size="small"
          rowKey={(problem) => `${problem.row}:${problem.column}:${problem.code}`}
          dataSource={preview.problems}
          pagination={preview.problems.length > 8 ? { pageSize: 8, size: 'small' } : false}
          style={{ marginBottom: 12 }}
          columns={[
            { title: '行', dataIndex: 'row', width: 56 },
            { title: '列', width: 150, render: (_: unknown, problem) => `${problem.columnLetter ? `${problem.columnLetter}列 ` : ''}${problem.column}` },
            { title: '问题', dataIndex: 'message' },
            {
              title: '',
              width: 80,
              render: (_: unknown, problem) => (problem.severity === 'error' ? <Tag color="error">不导入</Tag> : <Tag color="warning">提醒</Tag>),
            },
          ]}
        />
      )}
      <ImportModeChoice labels={modeLabels} value={mode} onChange={setMode} />
    </Modal>
  );
}
