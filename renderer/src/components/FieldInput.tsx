import { Input, InputNumber, Select, DatePicker, Radio, Typography } from 'antd';
import dayjs from 'dayjs';
import type { FieldDef } from '../../../electron/shared/region-template';
import { countWords } from '../../../electron/shared/validation/word-count';

interface Props {
  def: Pick<FieldDef, 'key' | 'label' | 'type' | 'unit' | 'maxChars' | 'options' | 'maxItems'>;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  id?: string;
}

/** One input for any value type a template declares; values stay strings, exactly as typed. */
export function FieldInput({ def, value, onChange, onBlur, id }: Props) {
  const common = { id, onBlur, 'aria-label': def.label };
  switch (def.type) {
    case 'longtext': {
      const count = countWords(value);
      const over = def.maxChars !== undefined && count > def.maxChars;
      return (
        <div>
          <Input.TextArea
            {...common}
            value={value}
            autoSize={{ minRows: 4, maxRows: 16 }}
            onChange={(event) => onChange(event.target.value)}
            status={over ? 'error' : undefined}
          />
          {def.maxChars !== undefined && (
            <Typography.Text type={over ? 'danger' : 'secondary'} data-testid={`count-${def.key}`}>
              {count} / {def.maxChars} 字
            </Typography.Text>
          )}
        </div>
      );
    }
    case 'date':
      return (
        <DatePicker
          {...common}
          value={value && dayjs(value).isValid() ? dayjs(value) : null}
          onChange={(date) => onChange(date ? date.format('YYYY-MM-DD') : '')}
          placeholder="选择日期"
          style={{ width: 200 }}
        />
      );
    case 'yearMonth':
      return (
        <DatePicker
          {...common}
          picker="month"
          value={value && dayjs(value).isValid() ? dayjs(value) : null}
          onChange={(date) => onChange(date ? date.format('YYYY-MM') : '')}
          placeholder="选择年月"
          style={{ width: 200 }}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          value={value || undefined}
          allowClear
          placeholder="请选择"
          style={{ minWidth: 200 }}
          options={(def.options ?? []).map((option) => ({ value: option, label: option }))}
          onChange={(next?: string) => onChange(next ?? '')}
        />
      );
    case 'multiselect':
      return (
        <Select
          {...common}
          mode="multiple"
          maxCount={def.maxItems}
          value={value ? value.split(',').filter(Boolean) : []}
          placeholder="请选择"
          style={{ minWidth: 320 }}
          options={(def.options ?? []).map((option) => ({ value: option.slice(0, 1), label: option }))}
          onChange={(next: string[]) => onChange(next.join(','))}
        />
      );
    case 'boolean':
      return (
        <Radio.Group {...common} value={value || undefined} onChange={(event) => onChange(String(event.target.value))}>
          <Radio value="是">是</Radio>
          <Radio value="否">否</Radio>
        </Radio.Group>
      );
    case 'integer':
    case 'age':
      return (
        <InputNumber
          {...common}
          min={0}
          precision={0}
          value={value === '' ? null : Number.isNaN(Number(value)) ? null : Number(value)}
          onChange={(next) => onChange(next === null ? '' : String(next))}
          addonAfter={def.unit}
          style={{ width: 200 }}
        />
      );
    default:
      return (
        <Input
          {...common}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          addonAfter={def.unit}
          style={{ maxWidth: def.type === 'text' ? 560 : 320 }}
        />
      );
  }
}
