import { ArrowLeftOutlined, ArrowRightOutlined, HistoryOutlined, SettingOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Progress, Spin, Tag, Tooltip, Typography } from 'antd';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CheckSummary, Finding } from '../../../electron/shared/checks';
import { deriveValues, filledRows } from '../../../electron/shared/derive';
import type { Draft } from '../../../electron/shared/draft';
import { memberKeys } from '../../../electron/shared/draft';
import type { FieldDef, RegionTemplate, StepId, TableId } from '../../../electron/shared/region-template';
import { HistoryDrawer } from '../components/HistoryDrawer';
import { RegionSettingsDialog } from '../components/RegionSettingsDialog';
import { effectiveTemplate } from '../../../electron/shared/region-settings';
import { StepBar } from '../components/StepBar';
import { WordImportButton } from '../components/WordImport';
import { InstructionsPanel } from '../components/InstructionsPanel';
import type { FocusRequest } from '../components/grid/DataGrid';
import { forgetGridHistory } from '../components/grid/use-grid-undo';
import { CheckStep, eligibilityColors, eligibilityLabels } from '../steps/CheckStep';
import { ExportStep } from '../steps/ExportStep';
import { ExportFields } from '../components/ExportFields';
import type { FieldFocus } from '../steps/FieldsStep';
import { FieldsStep } from '../steps/FieldsStep';
import { TablesStep } from '../steps/TablesStep';
import { TextsStep } from '../steps/TextsStep';
import { instructionsForField, stepLabels, stepOrder } from '../steps/steps';
import { useCheckReport } from '../state/use-check-report';
import { useDraft } from '../state/use-draft';
import { useRegions } from '../state/use-regions';
import { useWindowHeight } from '../state/use-window-height';

interface FocusState {
  field: FieldFocus | null;
  cells: Partial<Record<TableId, FocusRequest>>;
}

const noFocus: FocusState = { field: null, cells: {} };
const noRegions: RegionTemplate[] = [];

/** The walk through one draft's forms, step by step; every edit is autosaved. */
export function DraftScreen(props: {
  draftId: string;
  step: StepId;
  onStep: (step: StepId) => void;
  onBack: () => void;
  onOpenDraft: (draftId: string) => void;
}) {
  const { draftId, step, onStep } = props;
  const { message } = AntApp.useApp();
  const regions = useRegions();
  const { draft, loadError, recovered, reload, actions, summary } = useDraft(draftId);
  // The full report only where it is listed; the bar's badges come from the summary the saves answer with.
  const checks = useCheckReport(draftId, step === 'check', summary?.checkedAt ?? null);
  const [focus, setFocus] = useState<FocusState>(noFocus);
  const [historyOpen, setHistoryOpen] = useState(false);
  const windowHeight = useWindowHeight();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const baseTemplate = useMemo(() => regions?.find((region) => region.id === draft?.regionId), [regions, draft?.regionId]);
  // The draft's own template: its region settings (地区设置) applied, as the core checks and prints it.
  const regionSettings = draft?.regionSettings;
  const template = useMemo(() => baseTemplate && effectiveTemplate(baseTemplate, regionSettings), [baseTemplate, regionSettings]);

  const members = draft?.tables.members;
  const platforms = draft?.tables.platforms;
  const checked = summary?.derived;
  const derived = useMemo(() => {
    if (!template || !draft) return null;
    const local = deriveValues(template, draft);
    if (!checked) return local;
    // Where members are registered needs the national list of places (「深圳市南山区」), which the core holds:
    // those figures come from the last check, so the walk and the check never disagree.
    const { registeredInRegionCount, registrationUnknownCount, registeredShare } = checked;
    return { ...local, registeredInRegionCount, registrationUnknownCount, registeredShare };
    // Only the member and platform tables feed the derived values, so typing in a field does not recount.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the tables stand for the draft here, as said above
  }, [template, members, platforms, checked]);
  const onError = useCallback((text: string) => message.error(text), [message]);

  const goStep = useCallback(
    (next: StepId) => {
      setFocus(noFocus);
      onStep(next);
      window.scrollTo({ top: 0 });
    },
    [onStep],
  );
  const openHistory = useCallback(() => setHistoryOpen(true), []);
  // After an Excel import or 信息采集 changed rows in the core: read the draft back (which asks for its summary).
  // Undo steps refer to rows as they were; closing the draft, an import or a restore starts a new history.
  useEffect(() => () => forgetGridHistory(draftId), [draftId]);
  const reloadAfterImport = useCallback(() => {
    forgetGridHistory(draftId);
    void reload();
  }, [draftId, reload]);

  // Read through a ref, so that the callbacks below stay the same while the user types.
  const latest = useRef({ template, draft });
  latest.current = { template, draft };
  const goto = useCallback((finding: Finding) => {
    const { template, draft } = latest.current;
    if (!template || !draft) return;
    const nonce = Date.now();
    const target = finding.target;
    if (target.kind === 'field') {
      const field = template.fields.find((candidate) => candidate.key === target.key);
      onStep(field?.step ?? finding.step);
      setFocus({ field: { key: target.key, nonce }, cells: {} });
    } else if (target.kind === 'cell' || target.kind === 'table') {
      const table = template.tables.find((candidate) => candidate.key === target.table);
      onStep(table?.step ?? finding.step);
      const rowId = target.kind === 'cell' ? target.rowId : draft.tables[target.table][0]?.id;
      const column = target.kind === 'cell' ? target.column : (table?.columns[0]?.key ?? '');
      setFocus({ field: null, cells: rowId ? { [target.table]: { rowId, column, nonce } } : {} });
    } else {
      onStep(finding.step);
      setFocus(noFocus);
    }
    window.scrollTo({ top: 0 });
  }, [onStep]);
  const gotoCheck = useCallback(() => goStep('check'), [goStep]);
  const closeHistory = useCallback(() => setHistoryOpen(false), []);
  const openSettings = useCallback(() => setSettingsOpen(true), []);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  const restoreRevision = actions.restoreRevision;
  const onRestore = useCallback(
    async (revisionId: number) => {
      await restoreRevision(revisionId);
      forgetGridHistory(draftId);
    },
    [draftId, restoreRevision],
  );

  if (loadError) {
    return (
      <Alert type="error" showIcon message="无法打开草稿" description={loadError}
        action={<Button onClick={props.onBack}>返回首页</Button>} />
    );
  }
  if (!draft || !template || !derived) return <Spin tip="正在打开…" size="large"><div style={{ height: 240 }} /></Spin>;

  const gridHeight = Math.max(240, windowHeight - 400);

  return (
    <div className="draft-screen">
      <DraftBar
        title={draft.fields.consortiumName ?? ''}
        template={template}
        summary={summary}
        step={step}
        onBack={props.onBack}
        onHistory={openHistory}
        onStep={goStep}
        draftId={draftId}
        regions={regions ?? noRegions}
        onImported={reloadAfterImport}
        regionFile={draft.regionFile ?? null}
        templateVersion={draft.templateVersion}
        onRegionSettings={baseTemplate?.userSettings ? openSettings : undefined}
      />

      {baseTemplate?.userSettings && !(draft.regionSettings?.programmeName.trim() && draft.regionSettings.department.trim()) && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="settings-missing"
          message="尚未填写专项/计划名称或主管部门：申报材料的标题、封面和报送说明需要它们。"
          action={<Button size="small" onClick={openSettings}>填写地区设置</Button>} />
      )}

      {settingsOpen && baseTemplate && (
        <RegionSettingsDialog template={baseTemplate} draft={draft} onCancel={closeSettings}
          onSaved={() => {
            setSettingsOpen(false);
            reloadAfterImport();
          }} />
      )}

      {recovered > 0 && (
        <Alert type="info" showIcon closable style={{ marginBottom: 12 }}
          message={`已找回上次未来得及保存的 ${recovered} 处修改，正在重新保存（右上角显示保存状态）。`} />
      )}

      <section aria-label={stepLabels[step]} data-testid={`step-${step}`}>
        <StepBody
          step={step}
          template={template}
          draft={draft}
          derived={derived}
          actions={actions}
          focus={focus}
          gridHeight={gridHeight}
          onError={onError}
          checks={checks}
          summary={summary}
          onGoto={goto}
          onGotoCheck={gotoCheck}
          onReload={reloadAfterImport}
        />
      </section>

      <StepFooter step={step} onStep={goStep} />

      <MemoHistoryDrawer draftId={draftId} open={historyOpen} onClose={closeHistory} onRestore={onRestore} />
    </div>
  );
}

// Drawn again only when opened or closed, not on every keystroke of the draft.
const MemoHistoryDrawer = memo(HistoryDrawer);

/** 上一步 / 下一步; memoised, so typing in the step above does not redraw its buttons. */
const StepFooter = memo(function StepFooter({ step, onStep }: { step: StepId; onStep: (step: StepId) => void }) {
  const index = stepOrder.indexOf(step);
  const previous = stepOrder[index - 1];
  const next = stepOrder[index + 1];
  return (
    <nav className="step-footer" aria-label="上一步与下一步">
      {previous ? (
        <Button icon={<ArrowLeftOutlined />} onClick={() => onStep(previous)}>
          上一步：{stepLabels[previous]}
        </Button>
      ) : (
        <span />
      )}
      {next && (
        <Button type="primary" onClick={() => onStep(next)}>
          下一步：{stepLabels[next]} <ArrowRightOutlined />
        </Button>
      )}
    </nav>
  );
});

function StepBody(props: {
  step: StepId;
  template: RegionTemplate;
  draft: Draft;
  derived: ReturnType<typeof deriveValues>;
  actions: ReturnType<typeof useDraft>['actions'];
  focus: FocusState;
  gridHeight: number;
  onError: (message: string) => void;
  checks: ReturnType<typeof useCheckReport>;
  summary: CheckSummary | null;
  onGoto: (finding: Finding) => void;
  onGotoCheck: () => void;
  onReload: () => void;
}) {
  const { step, template, draft, derived, actions, focus } = props;
  const fields = useMemo(() => template.fields.filter((field) => field.step === step), [template, step]);
  const tables = useMemo(() => template.tables.filter((table) => table.step === step), [template, step]);
  const notesFor = useCallback((field: FieldDef) => instructionsForField(template, field), [template]);

  switch (step) {
    case 'basic':
      return (
        <div className="step-layout">
          <Card size="small">
            <FieldsStep template={template} fields={fields} values={draft.fields} derived={derived}
              onChange={actions.setField} focus={focus.field} />
          </Card>
          <aside className="step-aside">
            <InstructionsPanel template={template} step={step} />
          </aside>
        </div>
      );
    case 'members':
    case 'team':
    case 'platforms':
      return (
        <>
          <InstructionsPanel template={template} step={step} compact />
          <div style={{ height: 12 }} />
          {tables.length > 0 ? (
            <TablesStep template={template} tables={tables} draft={draft} derived={derived} actions={actions}
              focus={focus.cells} maxHeight={props.gridHeight} onError={props.onError} onReload={props.onReload} />
          ) : (
            <Typography.Paragraph type="secondary">{template.shortName}的表格没有这一部分。</Typography.Paragraph>
          )}
          {fields.length > 0 && (
            <Card size="small" style={{ marginTop: 12 }}>
              <FieldsStep template={template} fields={fields} values={draft.fields} derived={derived}
                onChange={actions.setField} focus={focus.field} />
            </Card>
          )}
        </>
      );
    case 'texts':
    case 'agreement':
      return (
        <div className="step-layout">
          <TextsStep fields={fields} values={draft.fields} onChange={actions.setField} focus={focus.field} notesFor={notesFor} />
          <aside className="step-aside">
            <InstructionsPanel template={template} step={step} />
            {step === 'agreement' && <AgreementParties template={template} draft={draft} />}
          </aside>
        </div>
      );
    case 'check':
      return (
        <CheckStep report={props.checks.report} error={props.checks.error} loading={props.checks.loading}
          onRefresh={props.checks.refresh} onGoto={props.onGoto} />
      );
    case 'export':
      return (
        <ExportStep template={template} draft={draft} report={props.summary} onGotoCheck={props.onGotoCheck}>
          <ExportFields fields={fields} values={draft.fields} onChange={actions.setField} />
        </ExportStep>
      );
  }
}

/**
 * 一、参与单位 as the agreement lists them (by tier), and who still lacks a 法定代表人 for the signature block.
 * Drawn again only when the member table changes, not while the agreement's texts are typed.
 */
const AgreementParties = memo(
  function AgreementParties({ template, draft }: { template: RegionTemplate; draft: Draft }) {
  const rows = filledRows(draft.tables.members);
  const missingRep = rows.filter((row) => (row.values.legalRepName ?? '').trim() === '').length;
  return (
    <Card size="small" title="一、参与单位" className="agreement-parties" data-testid="agreement-parties"
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>按成员单位表自动列出</Typography.Text>}
      style={{ marginTop: 12 }}>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">尚未填写成员单位（在“牵头单位与成员单位”中填写后自动列出）。</Typography.Text>
      ) : (
        <ol className="agreement-tiers">
          {template.tiers.map((tier) => {
            const names = rows.filter((row) => (row.values[memberKeys.tier] ?? '').trim() === tier).map((row) => row.values[memberKeys.name]);
            return (
              <li key={tier}>
                {tier}：{names.length > 0 ? names.join('、') : <Typography.Text type="secondary">无</Typography.Text>}
              </li>
            );
          })}
        </ol>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
        协议末尾为每个成员单位留出“（盖章）”与法定代表人签字位置。
        {missingRep > 0 && `还有 ${missingRep} 家成员单位未填写法定代表人。`}
      </Typography.Paragraph>
    </Card>
  );
  },
  (before, after) => before.template === after.template && before.draft.tables.members === after.draft.tables.members,
);

function countsOf(byStep: Partial<Record<StepId, number>> | undefined): Map<StepId, number> {
  return new Map(Object.entries(byStep ?? {}) as Array<[StepId, number]>);
}

/** The draft's bar: name, region, completeness, history and the step bar; drawn again only when they change. */
const DraftBar = memo(function DraftBar(props: {
  title: string;
  template: RegionTemplate;
  summary: CheckSummary | null;
  step: StepId;
  onBack: () => void;
  onHistory: () => void;
  onStep: (step: StepId) => void;
  draftId: string;
  regions: RegionTemplate[];
  /** After a Word import changed the draft in the core: read it back. */
  onImported: () => void;
  /** The region file the draft's region came from, and the version the draft was made with. */
  regionFile: string | null;
  templateVersion: number;
  /** Opens 地区设置, for a region whose rules the user sets. */
  onRegionSettings?: () => void;
}) {
  const { template, summary: report } = props;
  // Values that are wrong (red) are told apart from what is simply not filled in yet (grey).
  const [errorsByStep, missingByStep] = useMemo(
    () => [countsOf(report?.errorsByStep), countsOf(report?.missingByStep)],
    [report],
  );
  return (
    <div className="draft-bar">
      <div className="draft-bar-top">
        <Button onClick={props.onBack}>← 首页</Button>
        <span className="draft-bar-title" title={props.title}>
          {props.title || '（未命名草稿）'}
        </span>
        <Tag color={props.regionFile ? 'purple' : 'blue'}>{template.name}</Tag>
        {props.regionFile && (
          <Tooltip title={`地区模板文件「${props.regionFile}」；本草稿按版本 ${props.templateVersion} 创建，当前载入的是版本 ${template.version}`}>
            <Tag color="purple">来自文件</Tag>
          </Tooltip>
        )}
        {template.commonLayout && (
          <Tooltip title={`${template.shortName}只发布了管理办法而无统一表格，材料按通用申请表版式生成`}>
            <Tag color="orange">通用申请表版式</Tag>
          </Tooltip>
        )}
        <span className="draft-bar-spacer" />
        {report && (
          <Tooltip title="必填内容的完成比例（每次编辑后自动重新检查）">
            <span className="draft-progress" data-testid="completeness">
              完整度
              <Progress percent={report.completeness} aria-label={`完整度 ${report.completeness}%`} size="small" format={(percent) => `${percent}%`} style={{ width: 130, margin: '0 0 0 8px' }} />
            </span>
          </Tooltip>
        )}
        {report && <Tag color={eligibilityColors[report.eligible]}>{eligibilityLabels[report.eligible]}</Tag>}
        {props.onRegionSettings && (
          <Tooltip title="专项名称、主管部门、申报条件的门槛、份数和材料；修改后重新检查">
            <Button icon={<SettingOutlined />} onClick={props.onRegionSettings}>
              地区设置
            </Button>
          </Tooltip>
        )}
        <WordImportButton draftId={props.draftId} regions={props.regions} onImported={props.onImported} />
        <Button icon={<HistoryOutlined />} onClick={props.onHistory}>
          历史版本
        </Button>
      </div>
      <StepBar current={props.step} errors={errorsByStep} missing={missingByStep} onChange={props.onStep} />
    </div>
  );
});
