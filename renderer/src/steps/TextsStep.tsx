import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { Button, Form, Space, Typography } from 'antd';
import type { KeyboardEvent, ReactNode } from 'react';
import { memo, useEffect, useMemo, useState } from 'react';
import type { Values } from '../../../electron/shared/draft';
import type { FieldDef } from '../../../electron/shared/region-template';
import { countWords, formatCount } from '../../../electron/shared/validation/word-count';
import { FieldInput } from '../components/FieldInput';
import type { FieldFocus } from './FieldsStep';
import { useFieldFocus } from './FieldsStep';
import { textGroupOf } from './steps';

/**
 * The long texts of a step (文字材料, 组建协议): a list of sections with their 字数, and the chosen section's
 * editor with its heading as printed, the form's note on it, and a live 「n / 500 字」 counter.
 */
export const TextsStep = memo(function TextsStep(props: {
  fields: FieldDef[];
  values: Values;
  onChange: (key: string, value: string) => void;
  focus?: FieldFocus | null;
  /** Shown under the editor (the agreement's participants …). */
  footer?: ReactNode;
  /** The 填表说明 lines about one section, shown with that section. */
  notesFor?: (field: FieldDef) => string[];
}) {
  const { fields, values, onChange, focus } = props;
  const [selected, setSelected] = useState<string>(fields[0]?.key ?? '');
  useEffect(() => {
    if (focus && fields.some((field) => field.key === focus.key)) setSelected(focus.key);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new request (its nonce) changes the section
  }, [focus?.nonce]);
  useFieldFocus(focus);

  const groups = useMemo(() => {
    const byGroup = new Map<string, FieldDef[]>();
    for (const field of fields) byGroup.set(textGroupOf(field), [...(byGroup.get(textGroupOf(field)) ?? []), field]);
    return [...byGroup.entries()];
  }, [fields]);

  const index = Math.max(0, fields.findIndex((field) => field.key === selected));
  const field = fields[index];
  if (!field) return <Typography.Paragraph type="secondary">此步骤没有需要填写的内容。</Typography.Paragraph>;

  const onNavKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const next = fields[Math.max(0, Math.min(fields.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    setSelected(next.key);
    document.getElementById(`section-${next.key}`)?.focus();
  };

  return (
    <div className="texts-layout">
      <nav className="texts-nav" aria-label="文字材料目录" onKeyDown={onNavKey}>
        {groups.map(([group, list]) => (
          <div key={group} role="group" aria-label={group}>
            <div className="texts-nav-group">{group}</div>
            {list.map((item) => (
              <TextsNavItem key={item.key} item={item} value={values[item.key] ?? ''} current={item.key === field.key} onSelect={setSelected} />
            ))}
          </div>
        ))}
      </nav>
      <div className="texts-editor">
        <Form layout="vertical">
          <Form.Item
            label={<span className="texts-heading">{field.heading ?? field.label}</span>}
            required={field.required}
            htmlFor={`field-${field.key}`}
          >
            {(props.notesFor?.(field) ?? []).map((line) => (
              <div key={line} className="texts-help texts-note" data-testid="section-note">
                填表说明：{line}
              </div>
            ))}
            {field.help && (
              <div className="texts-help" id={`help-${field.key}`}>
                {field.help}
              </div>
            )}
            <FieldInput
              key={field.key}
              id={`field-${field.key}`}
              def={field}
              value={values[field.key] ?? ''}
              minRows={12}
              maxRows={24}
              onChange={(next) => onChange(field.key, next)}
            />
          </Form.Item>
        </Form>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button disabled={index === 0} onClick={() => setSelected(fields[index - 1].key)}>
            上一节
          </Button>
          <Typography.Text type="secondary">
            第 {index + 1} / {fields.length} 节 · 共 {formatCount(fields.reduce((sum, item) => sum + countWords(values[item.key] ?? ''), 0))}
          </Typography.Text>
          <Button disabled={index === fields.length - 1} onClick={() => setSelected(fields[index + 1].key)}>
            下一节
          </Button>
        </Space>
        {props.footer}
      </div>
    </div>
  );
});

/** One entry of the list of sections; memoised, so typing in one section does not recount the others. */
const TextsNavItem = memo(function TextsNavItem(props: {
  item: FieldDef;
  value: string;
  current: boolean;
  onSelect: (key: string) => void;
}) {
  const { item, value, current } = props;
  const count = countWords(value);
  const over = item.maxChars !== undefined && count > item.maxChars;
  return (
    <button
      id={`section-${item.key}`}
      type="button"
      className={`texts-nav-item${current ? ' is-current' : ''}`}
      aria-current={current ? 'true' : undefined}
      onClick={() => props.onSelect(item.key)}
    >
      {over ? (
        <ExclamationCircleFilled style={{ color: '#ff4d4f' }} aria-label="超出字数" />
      ) : value.trim() !== '' ? (
        <CheckCircleFilled style={{ color: '#52c41a' }} aria-label="已填写" />
      ) : (
        <span className={`texts-nav-dot${item.required ? ' is-required' : ''}`} aria-label={item.required ? '必填，未填写' : '未填写'} />
      )}
      <span className="texts-nav-item-label" title={item.heading ?? item.label}>
        {item.label}
      </span>
      <span className={`texts-nav-item-count${over ? ' is-over' : ''}`}>{item.maxChars ? `${count}/${item.maxChars}` : count}</span>
    </button>
  );
});
