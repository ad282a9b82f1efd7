import { Button, Form, Typography } from 'antd';
import { memo, useEffect } from 'react';
import type { DerivedValues } from '../../../electron/shared/checks';
import { derivedValueOf } from '../../../electron/shared/derive';
import type { Values } from '../../../electron/shared/draft';
import type { FieldDef, RegionTemplate } from '../../../electron/shared/region-template';
import { parseInteger, validateValue } from '../../../electron/shared/validation';
import { FieldInput } from '../components/FieldInput';
import { selectOverflow } from '../components/select-overflow';

export interface FieldFocus {
  key: string;
  nonce: number;
}

/** Focuses a field's input (after the step has been drawn) and brings it to the middle of the window. */
export function useFieldFocus(focus: FieldFocus | null | undefined, ready = true) {
  useEffect(() => {
    if (!focus || !ready) return;
    const timer = setTimeout(() => {
      const element = document.getElementById(`field-${focus.key}`);
      element?.scrollIntoView({ block: 'center' });
      element?.focus({ preventScroll: true });
      // The cursor goes to the problem: what is past a 字数 limit is selected, otherwise the end of the text.
      if (element instanceof HTMLTextAreaElement || (element instanceof HTMLInputElement && element.type === 'text')) {
        const max = Number(element.dataset.maxChars);
        if (!(max > 0 && selectOverflow(element, max))) element.setSelectionRange(element.value.length, element.value.length);
      }
    }, 30);
    return () => clearTimeout(timer);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request (its nonce) moves the focus
  }, [focus?.nonce, ready]);
}

/** The form's single fields of a step (基本信息): printed ones first, then those only the rules need. */
export const FieldsStep = memo(function FieldsStep(props: {
  template: RegionTemplate;
  fields: FieldDef[];
  values: Values;
  derived: DerivedValues;
  onChange: (key: string, value: string) => void;
  focus?: FieldFocus | null;
}) {
  const { fields, values, derived, onChange } = props;
  useFieldFocus(props.focus);
  const printed = fields.filter((field) => !field.extra);
  const extra = fields.filter((field) => field.extra);
  const item = (field: FieldDef) => (
    <FieldItem key={field.key} field={field} value={values[field.key] ?? ''} derived={derived} onChange={onChange} />
  );
  return (
    <Form layout="vertical" className="fields-form" requiredMark>
      <div className="fields-grid">{printed.map(item)}</div>
      {extra.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 8 }}>
            资格条件所需信息
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal', marginLeft: 8 }}>
              不印在申请表上，用于检查是否符合组建条件
            </Typography.Text>
          </Typography.Title>
          <div className="fields-grid">{extra.map(item)}</div>
        </>
      )}
    </Form>
  );
});

/** One field; memoised so that a keystroke redraws only the field typed in, not the whole form. */
const FieldItem = memo(function FieldItem({
  field,
  value,
  derived,
  onChange,
}: {
  field: FieldDef;
  value: string;
  derived: DerivedValues;
  onChange: (key: string, value: string) => void;
}) {
  // Live marks show what is wrong with what was typed; a missing value is listed in 检查 instead.
  const problem = validateValue(field.type, value, { maxChars: field.maxChars, options: field.options, maxItems: field.maxItems })[0];
  const computed = field.derived ? derivedValueOf(derived, field.derived) : null;
  const typed = parseInteger(value);
  const mismatch = computed !== null && value.trim() !== '' && typed !== null && typed !== computed.value;
  const wide = field.type === 'longtext' || field.type === 'multiselect';
  return (
    <Form.Item
      className={wide ? 'is-wide' : undefined}
      label={field.heading ?? field.label}
      required={field.required}
      htmlFor={`field-${field.key}`}
      validateStatus={problem ? (problem.severity === 'error' ? 'error' : 'warning') : mismatch ? 'warning' : undefined}
      help={problem ? problem.message : mismatch ? `与${computed.source}计算的 ${computed.value} 不一致` : undefined}
      extra={
        <>
          {computed && (
            <span className="derived-hint">
              {value.trim() === '' ? (
                <>
                  留空时按{computed.source}自动填写：<strong>{computed.value}</strong> {field.unit ?? ''}
                </>
              ) : mismatch ? (
                <>
                  按{computed.source}计算为 <strong>{computed.value}</strong> {field.unit ?? ''}
                  <Button type="link" size="small" onClick={() => onChange(field.key, String(computed.value))}>
                    改为 {computed.value}
                  </Button>
                  <Button type="link" size="small" onClick={() => onChange(field.key, '')}>
                    清空（自动填写）
                  </Button>
                </>
              ) : (
                <>与{computed.source}计算一致</>
              )}
            </span>
          )}
          {field.help && !(computed && field.help.includes('自动计算')) && <span className="field-help">{field.help}</span>}
        </>
      }
    >
      <FieldInput
        id={`field-${field.key}`}
        def={field}
        value={value}
        placeholder={computed ? `自动：${computed.value}` : undefined}
        status={problem ? (problem.severity === 'error' ? 'error' : 'warning') : undefined}
        onChange={(next) => onChange(field.key, next)}
      />
    </Form.Item>
  );
});
