import { Alert, App as AntApp, Empty, List, Modal, Radio, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DraftSummary } from '../../../electron/shared/draft';
import type { RegionCopyPlan } from '../../../electron/shared/region-copy';
import type { RegionId, RegionTemplate, TableId } from '../../../electron/shared/region-template';
import { splitMultiselect } from '../../../electron/shared/validation';
import { api } from '../api/client';

const shorten = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A stored value as the form shows it: choices by their labels (B → B.化工), several joined by 、. */
function readable(region: RegionTemplate | undefined, key: string, value: string): string {
  const def = region?.fields.find((field) => field.key === key);
  if (!def || (def.type !== 'select' && def.type !== 'multiselect')) return value;
  return splitMultiselect(value)
    .map((option) => def.optionLabels?.[option] ?? option)
    .join('、');
}

/**
 * 转其他地区: shows what a copy to another region carries, leaves behind and asks for anew before the user
 * confirms; the original draft is not changed.
 */
export function CopyToRegionDialog(props: {
  draft: DraftSummary;
  regions: RegionTemplate[];
  onCancel: () => void;
  onCopied: (draftId: string) => void;
}) {
  const { message } = AntApp.useApp();
  const targets = props.regions.filter((region) => region.id !== props.draft.regionId);
  const [regionId, setRegionId] = useState<RegionId | null>(targets[0]?.id ?? null);
  const [plan, setPlan] = useState<RegionCopyPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = props.regions.find((region) => region.id === props.draft.regionId);
  const to = props.regions.find((region) => region.id === regionId);

  useEffect(() => {
    if (!regionId) return;
    let live = true;
    setPlan(null);
    setError(null);
    api['drafts.copyPlan']({ id: props.draft.id, regionId })
      .then((next) => live && setPlan(next))
      .catch((caught: unknown) => live && setError(caught instanceof Error ? caught.message : String(caught)));
    return () => {
      live = false;
    };
  }, [props.draft.id, regionId]);

  const tableLabel = (region: RegionTemplate | undefined, table: TableId) =>
    region?.tables.find((candidate) => candidate.key === table)?.label ?? table;

  const copy = async () => {
    if (!regionId) return;
    setBusy(true);
    try {
      const copied = await api['drafts.copyToRegion']({ id: props.draft.id, regionId });
      message.success(`已复制为${to?.shortName ?? ''}申报，原草稿未改动`);
      props.onCopied(copied.id);
    } catch (caught) {
      message.error(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const lost: string[] = [];
  const toFill: string[] = [];
  const changed: string[] = [];
  if (plan) {
    for (const field of plan.dropped) lost.push(`${field.label}：${shorten(readable(from, field.key, field.value))}`);
    for (const [table, columns] of Object.entries(plan.columnsDropped) as Array<[TableId, RegionCopyPlan['columnsDropped'][TableId]]>) {
      for (const column of columns) lost.push(`${tableLabel(from, table)}的“${column.label}”列（${column.filledRows} 行有内容）`);
    }
    for (const table of plan.tablesDropped) lost.push(`整张${table.label}表（${table.rows} 行）`);
    for (const field of plan.added) toFill.push(field.label);
    for (const [table, columns] of Object.entries(plan.columnsAdded) as Array<[TableId, RegionCopyPlan['columnsAdded'][TableId]]>) {
      for (const column of columns) toFill.push(`${tableLabel(to, table)}的“${column.label}”列`);
    }
    for (const conversion of plan.conversions) {
      changed.push(
        `${conversion.table ? `${tableLabel(from, conversion.table)}：` : ''}${conversion.from.map((f) => f.label).join(' + ')} → ${conversion.to.map((f) => f.label).join(' + ')}`,
      );
    }
    for (const change of plan.valueChanges) {
      changed.push(
        `${tableLabel(from, change.table)}第 ${change.rowNumber} 行“${change.columnLabel}”：${change.from} → ${change.to ?? `保留“${change.from}”（新地区无此选项，请检查）`}`,
      );
    }
  }

  // The copy keeps the name, which usually names the old region; the new region's naming rule is shown.
  const nameField = to?.fields.find((field) => field.key === 'consortiumName');
  const nameHint =
    props.draft.name && to
      ? `新草稿沿用名称“${props.draft.name}”${from && props.draft.name.includes(from.shortName) ? `，其中含“${from.shortName}”` : ''}，复制后请在“基本信息”中修改。${nameField?.help ? `${to.shortName}的要求：${nameField.help}` : ''}`
      : null;

  const section = (title: string, items: string[], empty: string, type?: 'danger' | 'warning') => (
    <div style={{ marginBottom: 12 }}>
      <Typography.Text strong type={items.length > 0 ? type : undefined}>
        {title}（{items.length}）
      </Typography.Text>
      {items.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{empty}</Typography.Text>
        </div>
      ) : (
        // Focusable, so a keyboard can scroll a long list too.
        <div style={{ maxHeight: 160, overflow: 'auto' }} tabIndex={0} role="region" aria-label={title}>
          <List size="small" dataSource={items} renderItem={(item) => <List.Item style={{ padding: '2px 0' }}>{item}</List.Item>} />
        </div>
      )}
    </div>
  );

  return (
    <Modal open width={760} style={{ top: 24 }}
      // The list can be long: it scrolls inside the dialog so 复制 stays in view on a 1366×768 screen.
      styles={{ body: { maxHeight: 'calc(100vh - 190px)', overflowY: 'auto' } }}
      title={`转为其他地区的申报：${props.draft.name || '（未命名草稿）'}`}
      okText={to ? `复制为${to.shortName}申报` : '复制'} cancelText="取消" okButtonProps={{ disabled: !plan }}
      confirmLoading={busy} onOk={() => void copy()} onCancel={props.onCancel}>
      {targets.length === 0 ? (
        <Empty description="没有其他地区可选" />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            会为所选地区新建一份草稿，原草稿保持不变。两地都有的内容原样带过去；下面列出带不过去、需要补填和会被改写的内容。
          </Typography.Paragraph>
          <Radio.Group value={regionId} onChange={(event) => setRegionId(event.target.value as RegionId)} aria-label="目标地区">
            <Space wrap>
              {targets.map((region) => (
                <Radio.Button key={region.id} value={region.id}>
                  {region.shortName}
                </Radio.Button>
              ))}
            </Space>
          </Radio.Group>
          <div style={{ marginTop: 16 }}>
            {error && <Alert type="error" showIcon message={error} />}
            {!plan && !error && <Spin />}
            {plan && (
              <>
                <Alert type="success" showIcon style={{ marginBottom: 12 }}
                  message={`将带过去 ${plan.carried.length} 项已填写的字段，以及成员单位、科研团队、科研平台等表格中两地共有的列。`} />
                {nameHint && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={nameHint} data-testid="copy-name-hint" />}
                {to?.userSettings && (
                  <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="copy-settings-hint"
                    message={`${to.name}的申报条件按默认门槛检查；复制后请在草稿中点击「地区设置」填写专项/计划名称、主管部门和本地区的门槛。`} />
                )}
                {from?.userSettings && !to?.userSettings && (
                  <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="copy-settings-hint"
                    message={`原草稿的地区设置（专项名称、主管部门、门槛）不带到${to?.name ?? '新地区'}，新草稿按该地区的规定检查。`} />
                )}
                {section('带不过去的内容', lost, '没有，全部内容都能带过去。', 'danger')}
                {section(`${to?.shortName ?? ''}需要补填`, toFill, '没有新增的必填内容。', 'warning')}
                {section('会被改写的内容', changed, '没有。')}
              </>
            )}
          </div>
        </>
      )}
    </Modal>
  );
}
