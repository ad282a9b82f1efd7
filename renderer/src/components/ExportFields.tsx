import { Card, Checkbox, Form, Typography } from 'antd';
import { memo } from 'react';
import type { Values } from '../../../electron/shared/draft';
import type { FieldDef } from '../../../electron/shared/region-template';
import { splitMultiselect } from '../../../electron/shared/validation';
import { FieldInput } from './FieldInput';

/**
 * The fields a template puts on the export step (内蒙古's 附件材料清单: which attachments are ready, and a
 * note on what was prepared). A multiselect with labelled options is a list of ticks, one per item, since
 * that is how the printed checklist shows it; other fields use the common input.
 */
export const ExportFields = memo(function ExportFields(props: {
  fields: FieldDef[];
  values: Values;
  onChange: (key: string, value: string) => void;
}) {
  const { fields, values, onChange } = props;
  if (fields.length === 0) return null;
  return (
    <Card size="small" title="附件材料" style={{ marginBottom: 12 }} data-testid="export-fields">
      <Form layout="vertical">
        {fields.map((field) => {
          const value = values[field.key] ?? '';
          if (field.type === 'multiselect' && field.options) {
            const chosen = new Set(splitMultiselect(value));
            return (
              <Form.Item key={field.key} label={field.label} extra={field.help}>
                <div role="group" aria-label={field.label} style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                  {field.options.map((option) => (
                    <Checkbox
                      key={option}
                      checked={chosen.has(option)}
                      onChange={(event) => {
                        const next = new Set(chosen);
                        if (event.target.checked) next.add(option);
                        else next.delete(option);
                        // Kept in the template's order, so the stored value does not depend on the order of ticks.
                        onChange(field.key, (field.options ?? []).filter((item) => next.has(item)).join(','));
                      }}
                    >
                      {field.optionLabels?.[option] ?? option}
                    </Checkbox>
                  ))}
                </div>
              </Form.Item>
            );
          }
          return (
            <Form.Item key={field.key} label={field.heading ?? field.label} htmlFor={`field-${field.key}`}
              extra={field.help && <Typography.Text type="secondary">{field.help}</Typography.Text>}>
              <FieldInput id={`field-${field.key}`} def={field} value={value} onChange={(next) => onChange(field.key, next)} minRows={3} maxRows={10} />
            </Form.Item>
          );
        })}
      </Form>
    </Card>
  );
});
