import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  MinusCircleOutlined,
  QuestionCircleFilled,
  ReloadOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Empty, Progress, Space, Spin, Tag, Typography } from 'antd';
import { useLayoutEffect, useState } from 'react';
import type { CheckReport, Finding, RuleResult, RuleStatus } from '../../../electron/shared/checks';
import { isMissingFinding } from '../../../electron/shared/checks';
import type { StepId } from '../../../electron/shared/region-template';
import { stepLabels, stepOrder } from './steps';

/** How many problems of one step are listed before 「显示全部」, so a 1 000-row table stays quick to show. */
const listedPerStep = 40;

export const eligibilityLabels: Record<RuleStatus, string> = {
  pass: '符合组建条件',
  fail: '不符合组建条件',
  unknown: '尚无法判断',
};
export const eligibilityColors: Record<RuleStatus, string> = { pass: 'success', fail: 'error', unknown: 'default' };

const ruleStatusLabels: Record<RuleStatus, string> = { pass: '符合', fail: '不符合', unknown: '待补充' };

/** 检查: every problem and every eligibility rule, grouped by step, each one a way to the field it concerns. */
export function CheckStep(props: {
  report: CheckReport | null;
  error: string | null;
  loading: boolean;
  onRefresh: () => void;
  onGoto: (finding: Finding) => void;
}) {
  const { report, onRefresh } = props;
  // The report kept for the step bar may be a moment old: on arriving here, check what is on screen now.
  // (Before the first paint, so a stale report is never shown as current.)
  useLayoutEffect(() => {
    onRefresh();
  }, [onRefresh]);
  if (!report) {
    if (props.error) {
      return (
        <Alert type="error" showIcon message="检查未能完成" description={props.error}
          action={<Button onClick={props.onRefresh}>重新检查</Button>} />
      );
    }
    return <Spin tip="正在检查…"><div style={{ height: 160 }} /></Spin>;
  }
  const left = report.errorCount + report.warningCount;
  const missingCount = report.findings.filter(isMissingFinding).length;
  const byStep = new Map<StepId, Finding[]>();
  for (const finding of report.findings) byStep.set(finding.step, [...(byStep.get(finding.step) ?? []), finding]);

  return (
    <div className="step-layout" data-testid="check-report" aria-busy={props.loading}>
      <div>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space size={32} wrap align="center">
            <Progress type="circle" percent={report.completeness} aria-label={`完整度 ${report.completeness}%`} size={72} format={(percent) => `${percent}%`} />
            <div>
              <div className="check-left" data-testid="check-left">
                {left === 0 ? '没有待处理的问题' : `还有 ${left} 个问题待处理`}
              </div>
              <Typography.Text type="secondary">
                必填未填 {missingCount} 项 · 填写有误 {report.errorCount - missingCount} 处 · 提醒 {report.warningCount} 个 · 必填内容完成{' '}
                {report.completeness}%
              </Typography.Text>
            </div>
            <div>
              <div style={{ marginBottom: 4 }}>资格结论</div>
              <Tag color={eligibilityColors[report.eligible]} data-testid="eligibility" style={{ fontSize: 14, padding: '2px 10px' }}>
                {eligibilityLabels[report.eligible]}
              </Tag>
            </div>
            <Button icon={<ReloadOutlined />} loading={props.loading} onClick={props.onRefresh}>
              重新检查
            </Button>
          </Space>
        </Card>

        {report.findings.length === 0 ? (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所有内容都已填写且格式正确，可以进入“导出与打印”。" />
          </Card>
        ) : (
          stepOrder
            .filter((step) => byStep.has(step))
            .map((step) => <FindingGroup key={step} step={step} findings={byStep.get(step) ?? []} onGoto={props.onGoto} />)
        )}
      </div>
      <aside className="step-aside">
        <Card size="small" title="组建条件" data-testid="rules">
          <ul className="rule-list">
            {report.rules.map((rule) => (
              <RuleItem key={rule.ruleId} rule={rule} />
            ))}
          </ul>
        </Card>
      </aside>
    </div>
  );
}

function FindingGroup({ step, findings, onGoto }: { step: StepId; findings: Finding[]; onGoto: (finding: Finding) => void }) {
  const [all, setAll] = useState(false);
  const missing = findings.filter(isMissingFinding).length;
  const errors = findings.filter((finding) => finding.severity === 'error').length - missing;
  const warnings = findings.length - errors - missing;
  const shown = all ? findings : findings.slice(0, listedPerStep);
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`findings-${step}`}
      title={
        <span>
          {stepLabels[step]}
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginLeft: 8 }}>
            {[missing > 0 ? `必填未填 ${missing} 项` : '', errors > 0 ? `填写有误 ${errors} 处` : '', warnings > 0 ? `提醒 ${warnings} 个` : '']
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </span>
      }
    >
      <ul className="finding-list">
        {shown.map((finding) => (
          <li key={finding.id}>
            <button type="button" className="finding-item" onClick={() => onGoto(finding)} data-finding={finding.id}>
              {isMissingFinding(finding) ? (
                <MinusCircleOutlined className="finding-icon is-missing" aria-label="未填" />
              ) : finding.severity === 'error' ? (
                <CloseCircleFilled className="finding-icon is-error" aria-label="有误" />
              ) : (
                <ExclamationCircleFilled className="finding-icon is-warning" aria-label="提醒" />
              )}
              <span className="finding-text">
                {finding.message}
                {finding.clause && <span className="finding-clause">依据：“{finding.clause}”</span>}
              </span>
              <span className="finding-go">{finding.target.kind === 'draft' ? '' : '去修改 →'}</span>
            </button>
          </li>
        ))}
      </ul>
      {findings.length > shown.length && (
        <Button type="link" onClick={() => setAll(true)}>
          显示全部 {findings.length} 个
        </Button>
      )}
    </Card>
  );
}

function RuleItem({ rule }: { rule: RuleResult }) {
  const icon =
    rule.status === 'pass' ? (
      <CheckCircleFilled style={{ color: '#52c41a' }} />
    ) : rule.status === 'fail' ? (
      rule.severity === 'error' ? (
        <CloseCircleFilled style={{ color: '#ff4d4f' }} />
      ) : (
        <ExclamationCircleFilled style={{ color: '#faad14' }} />
      )
    ) : (
      <QuestionCircleFilled style={{ color: '#bfbfbf' }} />
    );
  return (
    <li className="rule-item" data-rule={rule.ruleId} data-status={rule.status}>
      <div className="rule-title">
        {icon}
        <span>{rule.title}</span>
      </div>
      <div className="rule-message">
        <Tag bordered={false} color={rule.status === 'pass' ? 'success' : rule.status === 'fail' ? (rule.severity === 'error' ? 'error' : 'warning') : 'default'}>
          {ruleStatusLabels[rule.status]}
          {rule.severity === 'warning' && rule.status === 'fail' ? '（原则上）' : ''}
        </Tag>
        {rule.message}
      </div>
    </li>
  );
}
