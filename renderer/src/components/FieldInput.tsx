import { CloseCircleFilled } from '@ant-design/icons';
import { Button, DatePicker, Input, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { FieldDef } from '../../../electron/shared/region-template';
import { normalizeDate, normalizeYearMonth, splitMultiselect } from '../../../electron/shared/validation';
import { countWords } from '../../../electron/shared/validation/word-count';
import { CodeInput } from './CodeInput';
import { selectOverflow } from './select-overflow';
import { formatLimit, overflowStart, textBeforeCut } from './word-limit';

interface Props {
  def: Pick<FieldDef, 'key' | 'label' | 'type' | 'unit' | 'maxChars' | 'options' | 'maxItems'>;
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  id?: string;
  status?: 'error' | 'warning';
  placeholder?: string;
  /** Rows of a long text box; the 文字材料 step gives more room than a form. */
  minRows?: number;
  maxRows?: number;
}

/** The pickers' clear button, named for screen readers (Ant Design leaves it unnamed). */
const clearable = { clearIcon: <CloseCircleFilled aria-label="清除" /> };

/** Some templates name letter options (A → A.新能源) in an optional `optionLabels` map. */
function optionLabelOf(def: object, option: string): string {
  const labels = 'optionLabels' in def ? (def.optionLabels as Record<string, string> | undefined) : undefined;
  return labels?.[option] ?? option;
}

/**
 * One input for any value type a template declares. Values stay strings exactly as typed (or imported):
 * where a picker cannot show a value (a date written 2024年5月1日), a plain text box shows it as it is,
 * and the validator says what is wrong, so nothing the user entered is hidden or rewritten.
 */
export function FieldInput({ def, value, onChange, onBlur, id, status, placeholder, minRows = 4, maxRows = 16 }: Props) {
  const common = { id, onBlur, 'aria-label': def.label, status };
  switch (def.type) {
    case 'longtext': {
      const count = countWords(value);
      const over = def.maxChars !== undefined && count > def.maxChars;
      const cut = over && def.maxChars !== undefined ? overflowStart(value, def.maxChars) : null;
      return (
        <div>
          <Input.TextArea
            {...common}
            data-max-chars={def.maxChars}
            value={value}
            autoSize={{ minRows, maxRows }}
            onChange={(event) => onChange(event.target.value)}
            status={over ? 'error' : status}
          />
          <div className="word-counter-row">
            <Typography.Text
              className="word-counter"
              type={over ? 'danger' : 'secondary'}
              data-testid={`count-${def.key}`}
              aria-live="polite"
            >
              {formatLimit(count, def.maxChars)}
            </Typography.Text>
            {cut !== null && def.maxChars !== undefined && (
              <Typography.Text type="danger" className="word-cut" data-testid={`cut-${def.key}`}>
                第 {def.maxChars} 字止于“{textBeforeCut(value, cut)}”，其后超出
                <Button
                  type="link"
                  size="small"
                  onClick={() => {
                    const element = id ? document.getElementById(id) : null;
                    if (element instanceof HTMLTextAreaElement && def.maxChars !== undefined) selectOverflow(element, def.maxChars);
                  }}
                >
                  选中超出部分
                </Button>
              </Typography.Text>
            )}
          </div>
        </div>
      );
    }
    case 'date':
      if (value === '' || normalizeDate(value) === value) {
        return (
          <DatePicker
            {...common}
            value={value ? dayjs(value) : null}
            onChange={(date) => onChange(date ? date.format('YYYY-MM-DD') : '')}
            allowClear={clearable}
            placeholder="选择或输入日期，如 2025-03-18"
            style={{ width: 260 }}
          />
        );
      }
      return <Input {...common} value={value} onChange={(event) => onChange(event.target.value)} style={{ width: 260 }} />;
    case 'yearMonth':
      if (value === '' || normalizeYearMonth(value) === value) {
        return (
          <DatePicker
            {...common}
            picker="month"
            value={value ? dayjs(`${value}-01`) : null}
            onChange={(date) => onChange(date ? date.format('YYYY-MM') : '')}
            allowClear={clearable}
            placeholder="选择年月"
            style={{ width: 200 }}
          />
        );
      }
      return <Input {...common} value={value} onChange={(event) => onChange(event.target.value)} style={{ width: 200 }} />;
    case 'select':
      return (
        <Select
          {...common}
          value={value || undefined}
          allowClear
          placeholder="请选择"
          style={{ minWidth: 220 }}
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
          value={splitMultiselect(value)}
          placeholder={def.maxItems ? `请选择（最多 ${def.maxItems} 项）` : '请选择'}
          style={{ width: '100%', maxWidth: 560 }}
          options={(def.options ?? []).map((option) => ({ value: option, label: optionLabelOf(def, option) }))}
          onChange={(next: string[]) => onChange(next.join(','))}
        />
      );
    case 'industryCode':
    case 'disciplineCode':
      return (
        <CodeInput kind={def.type === 'industryCode' ? 'industry' : 'discipline'} id={id} label={def.label} value={value}
          status={status} onChange={onChange} />
      );
    case 'boolean':
      return (
        <Radio.Group {...common} value={value || undefined} onChange={(event) => onChange(String(event.target.value))}>
          <Radio value="是">是</Radio>
          <Radio value="否">否</Radio>
        </Radio.Group>
      );
    default: {
      const short = ['integer', 'age', 'money', 'phone'].includes(def.type);
      return (
        <Input
          {...common}
          value={value}
          placeholder={placeholder}
          inputMode={def.type === 'integer' || def.type === 'age' || def.type === 'money' ? 'decimal' : undefined}
          onChange={(event) => onChange(event.target.value)}
          addonAfter={def.unit}
          style={{ width: '100%', maxWidth: short ? 260 : def.type === 'text' ? 560 : 340 }}
        />
      );
    }
  }
}
