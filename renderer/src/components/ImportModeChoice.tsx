import { Radio, Space, Typography } from 'antd';
import type { CSSProperties } from 'react';
import type { ImportMode } from '../../../electron/shared/workbooks';

/** What each import mode means, worded for where the rows come from (an Excel sheet, a Word form). */
export type ImportModeLabels = Record<ImportMode, { title: string; note: string }>;

/** The append / update / replace choice of an import into a draft, each with its consequence beside it. */
export function ImportModeChoice(props: { labels: ImportModeLabels; value: ImportMode; onChange: (mode: ImportMode) => void; style?: CSSProperties }) {
  const { labels } = props;
  return (
    <Radio.Group value={props.value} onChange={(event) => props.onChange(event.target.value as ImportMode)} aria-label="导入方式" style={props.style}>
      <Space direction="vertical">
        {(Object.keys(labels) as ImportMode[]).map((key) => (
          <Radio key={key} value={key}>
            {labels[key].title}
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {labels[key].note}
            </Typography.Text>
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}
