import { Alert, Button, Card, Form, Space, Spin, Steps, Table, Tag, Typography, Input } from 'antd';
import { useMemo, useState } from 'react';
import type { TableRow } from '../../../electron/shared/draft';
import type { StepId, TableDef } from '../../../electron/shared/region-template';
import { FieldInput } from '../components/FieldInput';
import { SaveIndicator } from '../components/SaveIndicator';
import { useDraft } from '../state/use-draft';
import { useRegions } from '../state/use-regions';

export const stepLabels: Record<StepId, string> = {
  basic: '基本信息',
  members: '牵头单位与成员单位',
  team: '科研团队',
  platforms: '科研平台',
  texts: '文字材料',
  agreement: '组建协议',
  check: '检查',
  export: '导出与打印',
};
const stepOrder = Object.keys(stepLabels) as StepId[];

/** The walk through one draft's forms, step by step; every edit is autosaved. */
export function DraftScreen({ draftId, onBack }: { draftId: string; onBack: () => void }) {
  const regions = useRegions();
  const { draft, loadError, setField, updateCell, addRows, deleteRows, saves } = useDraft(draftId);
  const [step, setStep] = useState<StepId>('basic');
  const template = useMemo(() => regions?.find((region) => region.id === draft?.regionId), [regions, draft?.regionId]);

  if (loadError) return <Alert type="error" message="无法打开草稿" description={loadError} action={<Button onClick={onBack}>返回首页</Button>} />;
  if (!draft || !template) return <Spin tip="正在打开…" />;

  const fields = template.fields.filter((field) => field.step === step);
  const tables = template.tables.filter((table) => table.step === step);

  return (
    <Card
      title={
        <Space>
          <Button onClick={onBack}>← 首页</Button>
          <span>{draft.fields.consortiumName || '（未命名草稿）'}</span>
          <Tag>{template.shortName}</Tag>
          {template.commonLayout && <Tag color="orange">通用申请表版式</Tag>}
        </Space>
      }
      extra={<SaveIndicator state={saves.state} onRetry={() => void saves.flush()} />}
    >
      <Steps
        size="small"
        type="navigation"
        current={stepOrder.indexOf(step)}
        onChange={(index) => setStep(stepOrder[index])}
        items={stepOrder.map((id) => ({ title: stepLabels[id] }))}
      />
      <div style={{ marginTop: 24 }}>
        <Form layout="vertical">
          {fields.map((field) => (
            <Form.Item
              key={field.key}
              label={field.heading ?? field.label}
              required={field.required}
              tooltip={field.help}
              extra={field.help}
            >
              <FieldInput
                id={`field-${field.key}`}
                def={field}
                value={draft.fields[field.key] ?? ''}
                onChange={(value) => setField(field.key, value)}
              />
            </Form.Item>
          ))}
        </Form>
        {tables.map((table) => (
          <SimpleTable
            key={table.key}
            table={table}
            rows={draft.tables[table.key]}
            onCell={(rowId, column, value) => updateCell(table.key, rowId, column, value)}
            onAdd={() => void addRows(table.key, null, [{}])}
            onDelete={(rowId) => void deleteRows(table.key, [rowId])}
          />
        ))}
        {fields.length === 0 && tables.length === 0 && (
          <Typography.Paragraph type="secondary">此步骤没有需要填写的内容。</Typography.Paragraph>
        )}
      </div>
    </Card>
  );
}

function SimpleTable(props: {
  table: TableDef;
  rows: TableRow[];
  onCell: (rowId: string, column: string, value: string) => void;
  onAdd: () => void;
  onDelete: (rowId: string) => void;
}) {
  const { table, rows } = props;
  return (
    <div style={{ marginBottom: 24 }}>
      <Typography.Title level={5}>{table.heading ?? table.label}</Typography.Title>
      <Table<TableRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        scroll={{ x: true }}
        columns={[
          { title: '序号', width: 60, render: (_: unknown, __: unknown, index: number) => index + 1 },
          ...table.columns.map((column) => ({
            title: column.label,
            key: column.key,
            render: (_: unknown, row: TableRow) => (
              <Input
                aria-label={column.label}
                value={row.values[column.key] ?? ''}
                onChange={(event) => props.onCell(row.id, column.key, event.target.value)}
              />
            ),
          })),
          {
            title: '操作',
            width: 80,
            render: (_: unknown, row: TableRow) => (
              <Button size="small" danger onClick={() => props.onDelete(row.id)}>删除</Button>
            ),
          },
        ]}
      />
      <Button style={{ marginTop: 8 }} onClick={props.onAdd}>添加一行</Button>
    </div>
  );
}
