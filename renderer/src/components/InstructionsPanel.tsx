import { ReadOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { memo } from 'react';
import type { RegionTemplate, StepId } from '../../../electron/shared/region-template';
import { instructionsFor } from '../steps/steps';

/**
 * The official 填表说明 lines that apply to a step, quoted as printed, with the form they come from. Shown
 * beside (or above) the fields they explain; `children` adds the step's own notes (the >20 members note …).
 * Memoised: its props do not change while the user types in the step beside it.
 */
export const InstructionsPanel = memo(function InstructionsPanel({
  template,
  step,
  children,
  compact = false,
}: {
  template: RegionTemplate;
  step: StepId;
  children?: ReactNode;
  compact?: boolean;
}) {
  const lines = instructionsFor(template, step);
  if (compact) {
    // Above a table: one slim box, so the grid keeps the height of the window.
    return (
      <div className="instructions is-compact" data-testid="instructions">
        <span className="instructions-compact-title">
          <ReadOutlined /> 填表说明
        </span>
        <span className="instructions-compact-lines">
          {lines.length > 0 ? lines.join(' ') : '填表说明对本部分没有专门要求，按表头填写即可；列名旁的 ? 可查看该列的说明。'}
        </span>
        {children}
      </div>
    );
  }
  return (
    <Card
      size="small"
      className={`instructions${compact ? ' is-compact' : ''}`}
      data-testid="instructions"
      title={
        <span>
          <ReadOutlined /> 填表说明
        </span>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {template.commonLayout ? '通用申请表版式' : template.formTitle}
        </Typography.Text>
      }
    >
      {lines.length > 0 ? (
        <ul className="instructions-list">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        !children && <Typography.Text type="secondary">填表说明对本部分没有专门要求，按表头填写即可。</Typography.Text>
      )}
      {children}
      {template.commonLayout && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8, marginBottom: 0 }}>
          {template.shortName}只发布了《{template.source.title}》而无统一表格，本软件按通用申请表版式生成材料，填表说明按该办法的要求改写。
        </Typography.Paragraph>
      )}
    </Card>
  );
});
