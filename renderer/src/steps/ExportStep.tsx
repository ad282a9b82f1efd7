import {
  CheckCircleFilled,
  ExclamationCircleFilled,
  FileExcelOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  FolderOpenOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Checkbox, InputNumber, List, Radio, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CheckReport } from '../../../electron/shared/checks';
import type { ExportResult, PdfMode } from '../../../electron/shared/documents/export-names';
import { exportFolderName } from '../../../electron/shared/documents/export-names';
import { copiesOf } from '../../../electron/shared/documents/stamp-checklist';
import type { DocumentEntry, PreviewKind } from '../../../electron/shared/documents/package';
import type { Draft } from '../../../electron/shared/draft';
import type { RegionTemplate } from '../../../electron/shared/region-template';
import { api, isBrowserHost } from '../api/client';
import { InstructionsPanel } from '../components/InstructionsPanel';
import { printDocument, saveDocumentPdf } from '../print/print-document';
import { saveQueue } from '../state/save-queue';

const packageKind = 'package';

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * 导出与打印: the package's documents with whether each is complete, each previewed in its print view, the
 * filing printed in the region's copies (一式三份, collated), and the export folder (Word, Excel, PDF, 盖章清单).
 */
export function ExportStep(props: {
  template: RegionTemplate;
  draft: Draft;
  report: Pick<CheckReport, 'errorCount'> | null;
  onGotoCheck: () => void;
  /** The template's own fields of this step (附件材料), shown under the list of documents they complete. */
  children?: ReactNode;
}) {
  const { draft, template, report } = props;
  const { message } = AntApp.useApp();
  const [documents, setDocuments] = useState<DocumentEntry[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [kind, setKind] = useState<PreviewKind>(packageKind);
  const [preview, setPreview] = useState<{ kind: PreviewKind; html: string; title: string } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  // The region's own copies: 3 for 「一式三份」, 1 where the originals are scanned and uploaded.
  const [copies, setCopies] = useState(copiesOf(template));
  const [printing, setPrinting] = useState(false);
  const [withPdf, setWithPdf] = useState(true);
  const [pdfMode, setPdfMode] = useState<PdfMode>('package');
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<ExportResult | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  // What the export step's own fields hold (附件材料 ticks): the list's 缺/齐全 and the preview follow them.
  const exportFieldValues = template.fields.filter((field) => field.step === 'export').map((field) => draft.fields[field.key] ?? '').join('\u0001');
  /** The browser version cannot ask where to write: its host names the one folder it writes to. */
  const [browserFolder, setBrowserFolder] = useState<string | null>(null);

  useEffect(() => {
    if (!isBrowserHost) return;
    let live = true;
    api['host.chooseExportFolder']({})
      .then(({ dir }) => live && setBrowserFolder(dir))
      .catch(() => live && setBrowserFolder(null));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        await saveQueue.flush();
        const list = await api['documents.list']({ draftId: draft.id });
        if (live) setDocuments(list);
      } catch (error) {
        if (live) setListError(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      live = false;
    };
  }, [draft.id, exportFieldValues]);

  useEffect(() => {
    let live = true;
    setPreviewError(null);
    void (async () => {
      try {
        await saveQueue.flush();
        const result = await api['documents.preview']({ draftId: draft.id, kind });
        if (live) setPreview({ kind, ...result });
      } catch (error) {
        if (live) setPreviewError(error instanceof Error ? error.message : String(error));
      }
    })();
    return () => {
      live = false;
    };
  }, [draft.id, kind, exportFieldValues]);

  const filed = (documents ?? []).filter((entry) => entry.inPackage && entry.filed);
  const shown = preview?.kind === kind ? preview : null;
  const current = documents?.find((entry) => entry.kind === kind);

  const print = async () => {
    if (!shown) return;
    setPrinting(true);
    try {
      const outcome = await printDocument(shown.html, shown.title, copies);
      if (outcome === 'printed') message.success(`已发送到打印机：${shown.title}，${copies} 份（逐份打印）`);
      if (outcome === 'browser-dialog') message.info(`请在浏览器的打印对话框中将份数设为 ${copies}，并勾选“逐份打印”`);
    } catch (error) {
      message.error(`打印失败：${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setPrinting(false);
    }
  };

  const savePdf = async () => {
    if (!shown) return;
    setPrinting(true);
    try {
      const outcome = await saveDocumentPdf(shown.html, shown.title);
      if (outcome.kind === 'saved') message.success(`已另存为 PDF：${outcome.file}`);
      if (outcome.kind === 'browser-dialog') message.info('请在打印对话框的“目标打印机”中选择“另存为 PDF”');
    } catch (error) {
      message.error(`另存为 PDF 失败：${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setPrinting(false);
    }
  };

  const exportFolder = async () => {
    setExporting(true);
    setExportError(null);
    try {
      await saveQueue.flush();
      const { dir } = await api['host.chooseExportFolder']({});
      if (!dir) return;
      const result = await api['documents.export']({ draftId: draft.id, dir, pdf: withPdf, pdfMode });
      setExported(result);
      message.success(`已导出 ${result.files.length} 个文件`);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };

  const openFolder = async () => {
    if (!exported) return;
    const { opened } = await api['host.openFolder']({ dir: exported.folder });
    if (!opened) message.info(`无法在此打开文件夹，请在文件管理器中打开：${exported.folder}`);
  };

  const entryItem = (entry: {
    id: string;
    kind: PreviewKind | null;
    title: string;
    note: string;
    ready: boolean;
    missing: string[];
    /** Not among the region's required documents: what is missing there is no alarm. */
    optional?: boolean;
  }) => {
    const selected = entry.kind === kind;
    const previewable = entry.kind !== null;
    const choose = () => entry.kind !== null && setKind(entry.kind);
    return (
      <li key={entry.id} className="doc-list-entry">
        <button
          type="button"
          className={`doc-list-item${selected ? ' is-current' : ''}`}
          disabled={!previewable}
          aria-pressed={previewable ? selected : undefined}
          onClick={choose}
          data-document={entry.id}
        >
          {!previewable ? <FileExcelOutlined style={{ color: '#389e0d', marginTop: 4 }} /> : <FileWordOutlined style={{ color: '#1677ff', marginTop: 4 }} />}
          <span className="doc-list-text">
            <span className={previewable ? 'doc-list-title is-link' : 'doc-list-title'}>{entry.title}</span>
            <span className="doc-list-note">{entry.note}</span>
          </span>
          {entry.ready ? (
            <Tag color="success" icon={<CheckCircleFilled aria-hidden />}>
              齐全
            </Tag>
          ) : entry.optional ? (
            <Tooltip title={`选用材料，可不填；如需使用，尚未填写：${entry.missing.join('、')}`}>
              <Tag>选用</Tag>
            </Tooltip>
          ) : (
            <Tooltip title={`尚未填写：${entry.missing.join('、')}`}>
              <Tag color="warning" icon={<ExclamationCircleFilled aria-hidden />}>
                缺 {entry.missing.length} 项
              </Tag>
            </Tooltip>
          )}
        </button>
      </li>
    );
  };

  return (
    <div>
      <InstructionsPanel template={template} step="export" compact />
      {report && report.errorCount > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          message={`检查发现 ${report.errorCount} 个错误，建议先处理再打印报送。`}
          action={<Button size="small" onClick={props.onGotoCheck}>去检查</Button>}
        />
      )}
      <div className="export-layout">
        <div>
          {/* Printing and exporting first: they are what the step is for, and the list of documents (long in
              some regions) would push them below the fold of a 1366×768 screen. */}
          <Card size="small" title={<span><PrinterOutlined /> 打印</span>} style={{ marginBottom: 12 }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                {template.package.filing.how}
                {template.package.filing.way === 'online' ? '盖章、签字后将原件扫描上传。' : '打印时按份逐份输出，便于分别装订盖章。'}
              </Typography.Text>
              <Space wrap>
                <span>份数</span>
                <InputNumber min={1} max={10} value={copies} onChange={(value) => setCopies(value ?? 1)} aria-label="打印份数" style={{ width: 72 }} />
                <Button type="primary" icon={<PrinterOutlined />} loading={printing} disabled={!shown} onClick={() => void print()}>
                  打印{kind === packageKind ? '整套材料' : '此文件'}（{copies} 份）
                </Button>
                <Button icon={<FilePdfOutlined />} disabled={!shown || printing} onClick={() => void savePdf()}>
                  另存为 PDF
                </Button>
              </Space>
              {isBrowserHost && (
                // Said before printing: the browser's dialog starts at 1 copy and the page cannot change that.
                <Alert type="info" showIcon data-testid="print-copies-hint"
                  message={`打印对话框打开后，请将“份数”设为 ${copies}，并勾选“逐份打印”（浏览器版无法替您设置）。`} />
              )}
            </Space>
          </Card>

          <Card size="small" title={<span><FolderOpenOutlined /> 导出到文件夹</span>} style={{ marginBottom: 12 }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary" data-testid="export-where">
                {isBrowserHost
                  ? `浏览器版不能选择位置：将在本机数据文件夹的“导出”子文件夹${browserFolder ? `（${browserFolder}）` : ''}中新建文件夹“${exportFolderName(draft.fields.consortiumName ?? '')}”`
                  : `在所选位置新建文件夹“${exportFolderName(draft.fields.consortiumName ?? '')}”`}
                ，写入 Word 文件、Excel 名单、盖章清单{withPdf ? '和 PDF' : ''}；导出前自动保存一个历史版本。
              </Typography.Text>
              <Checkbox checked={withPdf} onChange={(event) => setWithPdf(event.target.checked)}>
                同时生成 PDF
              </Checkbox>
              {withPdf && (
                <Radio.Group value={pdfMode} onChange={(event) => setPdfMode(event.target.value as PdfMode)} aria-label="PDF 形式">
                  <Radio value="package">整套材料一个 PDF</Radio>
                  <Radio value="perDocument">每个文件一个 PDF</Radio>
                </Radio.Group>
              )}
              <Button type="primary" icon={<FolderOpenOutlined />} loading={exporting} onClick={() => void exportFolder()}>
                {isBrowserHost ? '导出到数据文件夹' : '选择位置并导出'}
              </Button>
              {exporting && <Typography.Text type="secondary">正在生成文件{withPdf ? '（生成 PDF 需要十几秒）' : ''}…</Typography.Text>}
              {exportError && <Alert type="error" showIcon message="导出失败" description={exportError} />}
              {exported && (
                <div data-testid="export-result">
                  <Alert
                    type={exported.skipped.length > 0 ? 'warning' : 'success'}
                    showIcon
                    message={`已导出到：${exported.folder}`}
                    description={exported.skipped.map((item) => item.reason).join('；') || undefined}
                  />
                  <Button style={{ marginTop: 8 }} icon={<FolderOpenOutlined />} onClick={() => void openFolder()}>
                    打开文件夹
                  </Button>
                  <List size="small" dataSource={exported.files}
                    renderItem={(file) => (
                      <List.Item style={{ padding: '4px 0' }}>
                        <Space>
                          {file.format === 'pdf' ? <FilePdfOutlined style={{ color: '#cf1322' }} /> : file.format === 'xlsx' ? <FileExcelOutlined style={{ color: '#389e0d' }} /> : <FileWordOutlined style={{ color: '#1677ff' }} />}
                          <span>{file.name}</span>
                          <Typography.Text type="secondary">{formatBytes(file.bytes)}</Typography.Text>
                        </Space>
                      </List.Item>
                    )} />
                </div>
              )}
            </Space>
          </Card>
          <Card size="small" title="申报材料" style={{ marginBottom: 12 }}>
            {listError && <Alert type="error" showIcon message={listError} />}
            {!documents && !listError && <Spin />}
            {documents && (
              <ul className="doc-list">
                {entryItem({
                  id: packageKind,
                  kind: packageKind,
                  title: '整套报送材料（打印用）',
                  note: `${filed.map((entry) => entry.shortTitle).join('、')}，按顺序合为一份`,
                  ready: filed.every((entry) => entry.ready),
                  missing: filed.flatMap((entry) => entry.missing),
                })}
                {documents.map((entry) =>
                  entryItem({
                    id: entry.kind,
                    kind: entry.kind === 'memberWorkbook' ? null : entry.kind,
                    title: entry.title,
                    note: [
                      entry.filed
                        ? '报送材料'
                        : entry.later
                          ? '备案后按期报送，不随申报材料报送'
                          : entry.kind === 'stampChecklist'
                          ? '本单位留用，盖章时对照'
                          : entry.kind === 'memberWorkbook'
                            ? '成员名单附件'
                            : '供参考',
                      entry.inPackage ? '' : '不在本地区必交材料中',
                      entry.format === 'xlsx' ? '导出时生成 Excel 文件' : '',
                    ]
                      .filter(Boolean)
                      .join(' · '),
                    ready: entry.ready,
                    missing: entry.missing,
                    // Offered besides the region's list, or (年度工作总结) due a year after forming, not at filing.
                    optional: !entry.inPackage || entry.kind === 'annualSummary',
                  }),
                )}
              </ul>
            )}
          </Card>
          {props.children}
        </div>

        <Card
          size="small"
          className="preview-card"
          title={`预览：${shown?.title ?? current?.title ?? '整套报送材料'}`}
          extra={current && !current.ready ? <Typography.Text type="warning">尚未填写：{current.missing.slice(0, 3).join('、')}{current.missing.length > 3 ? ' 等' : ''}</Typography.Text> : null}
        >
          {previewError && <Alert type="error" showIcon message="无法生成预览" description={previewError} />}
          {!shown && !previewError && <Spin tip="正在生成预览…"><div style={{ height: 300 }} /></Spin>}
          {shown && <PreviewFrame html={shown.html} title={shown.title} />}
        </Card>
      </div>
    </div>
  );
}

/** A4 in CSS pixels plus the print view's own margin around the page. */
const pageWidthPx = 794 + 32;

/**
 * The print view in a frame of its own (its page styles stay inside), scaled down to fit the column so
 * a whole A4 width is in view at 1280×800.
 */
function PreviewFrame({ html, title }: { html: string; title: string }) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(pageWidthPx);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);
  const zoom = Math.min(1, Math.max(0.5, (width - 4) / pageWidthPx));
  const scaled = html.replace('</head>', `<style>@media screen { html { zoom: ${zoom.toFixed(3)}; } }</style></head>`);
  return (
    <div ref={box}>
      <iframe className="preview-frame" title={`打印预览：${title}`} srcDoc={scaled} sandbox="allow-same-origin" data-testid="preview-frame" />
    </div>
  );
}
