import { App as AntApp, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { documentShortTitle } from '../../../electron/shared/documents/titles';
import type { RegionId, RegionTemplate } from '../../../electron/shared/region-template';
import { api } from '../api/client';
import { useRegionEntries } from '../state/use-regions';
import { defaultRegionSettings, effectiveTemplate, type RegionSettings } from '../../../electron/shared/region-settings';
import { RegionSettingsForm, regionSettingsFormProblems } from './RegionSettingsForm';

/** 新建申报: pick a region, read a paragraph of its rules and what its package holds, create. */
export function NewDraftDialog(props: { regions: RegionTemplate[]; onCancel: () => void; onCreated: (draftId: string) => void }) {
  const { message } = AntApp.useApp();
  const [regionId, setRegionId] = useState<RegionId>(props.regions[0]?.id ?? '');
  const [busy, setBusy] = useState(false);
  const base = props.regions.find((region) => region.id === regionId);
  // A region the user sets (userSettings) shows its settings form; what it lists follows the settings.
  const [settings, setSettings] = useState<{ regionId: RegionId; value: RegionSettings } | null>(null);
  const regionSettings = base?.userSettings ? (settings?.regionId === regionId ? settings.value : defaultRegionSettings(base)) : undefined;
  const chosen = base && regionSettings ? effectiveTemplate(base, regionSettings) : base;
  const problems = base && regionSettings ? regionSettingsFormProblems(base, regionSettings) : [];
  const [triedCreate, setTriedCreate] = useState(false);
  // Regions loaded from a file are marked, with their version, so a local office's template is told apart.
  const fromFile = new Map((useRegionEntries() ?? []).filter((entry) => entry.fromFile).map((entry) => [entry.id, entry]));
  const chosenFile = fromFile.get(regionId);

  const create = async () => {
    if (problems.length > 0) {
      setTriedCreate(true);
      message.error(`请先完成地区设置：${problems.join('；')}`);
      return;
    }
    setBusy(true);
    try {
      const draft = await api['drafts.create']({ regionId, ...(regionSettings ? { regionSettings } : {}) });
      props.onCreated(draft.id);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title="新建申报：选择地区" onOk={() => void create()} okText="创建" cancelText="取消" confirmLoading={busy}
      onCancel={props.onCancel} width={760}>
      <Radio.Group value={regionId} onChange={(event) => setRegionId(event.target.value as RegionId)} aria-label="地区">
        <Space wrap>
          {props.regions.map((region) => (
            <Radio.Button key={region.id} value={region.id}>
              {region.shortName}
              {fromFile.has(region.id) && <span className="region-from-file">来自文件 · 版本 {region.version}</span>}
            </Radio.Button>
          ))}
        </Space>
      </Radio.Group>
      {chosen && (
        <div style={{ marginTop: 16 }} data-testid="region-summary">
          <Typography.Title level={5} style={{ marginBottom: 4 }}>
            {chosen.formTitle}
          </Typography.Title>
          <Space size={4} wrap style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">依据：{chosen.source.title}</Typography.Text>
            {chosen.commonLayout && <Tag color="orange">该地区未发布统一表格，使用通用申请表版式</Tag>}
            {chosenFile && <Tag color="purple">来自文件「{chosenFile.fileName}」，版本 {chosenFile.version}</Tag>}
          </Space>
          <Typography.Paragraph>{chosen.summary}</Typography.Paragraph>
          {base && regionSettings && (
            <div className="new-draft-settings">
              <Typography.Title level={5} style={{ marginTop: 0 }}>地区设置</Typography.Title>
              <RegionSettingsForm template={base} value={regionSettings} showErrors={triedCreate} onChange={(value) => setSettings({ regionId, value })} />
              {triedCreate && problems.length > 0 && (
                <Typography.Text type="danger" role="alert">{problems.join('；')}</Typography.Text>
              )}
            </div>
          )}
          <Typography.Text strong>需要准备的材料：</Typography.Text>
          <div style={{ marginTop: 6 }}>
            {chosen.documents.map((kind) => (
              <Tag key={kind} style={{ marginBottom: 4 }}>
                {documentShortTitle(chosen, kind)}
              </Tag>
            ))}
          </div>
        </div>
      )}
    </Modal>
  );
}
