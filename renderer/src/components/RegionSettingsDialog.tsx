import { Alert, App as AntApp, Modal } from 'antd';
import { useState } from 'react';
import type { Draft } from '../../../electron/shared/draft';
import { defaultRegionSettings, type RegionSettings } from '../../../electron/shared/region-settings';
import type { RegionTemplate } from '../../../electron/shared/region-template';
import { api } from '../api/client';
import { RegionSettingsForm, regionSettingsFormProblems } from './RegionSettingsForm';

/** 地区设置 of an existing draft: saved in one call, after which the draft is read back and checked again. */
export function RegionSettingsDialog(props: { template: RegionTemplate; draft: Draft; onCancel: () => void; onSaved: () => void }) {
  const { message } = AntApp.useApp();
  const [value, setValue] = useState<RegionSettings>(props.draft.regionSettings ?? defaultRegionSettings(props.template));
  const [busy, setBusy] = useState(false);
  const problems = regionSettingsFormProblems(props.template, value);

  const save = async () => {
    if (problems.length > 0) {
      message.error(`地区设置未保存：${problems.join('；')}`);
      return;
    }
    setBusy(true);
    try {
      await api['drafts.setRegionSettings']({ draftId: props.draft.id, regionSettings: value });
      message.success('地区设置已保存，已按新的设置重新检查');
      props.onSaved();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title="地区设置" width={760} style={{ top: 24 }} okText="保存并重新检查" cancelText="取消" confirmLoading={busy}
      onOk={() => void save()} onCancel={props.onCancel} okButtonProps={{ disabled: problems.length > 0 }}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }}
        message="按本地区申报通知填写。保存后申报条件检查、首页的完整度与是否符合条件、以及导出的材料都按新的设置重新生成。" />
      <RegionSettingsForm template={props.template} value={value} onChange={setValue} showErrors />
      {problems.length > 0 && <Alert type="warning" showIcon role="alert" message={problems.join('；')} />}
    </Modal>
  );
}
