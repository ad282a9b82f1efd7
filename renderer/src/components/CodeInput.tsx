import { AutoComplete, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CodeItem, CodeTableKind } from '../../../electron/shared/code-tables';
import { api } from '../api/client';

/**
 * 行业类别 / 国标学科: type a code or part of a name and pick from the national list; the value stays the code
 * as typed, and the name of a known code is shown under it, as the form prints both.
 */
export function CodeInput(props: {
  kind: CodeTableKind;
  id?: string;
  label: string;
  value: string;
  status?: 'error' | 'warning';
  onChange: (value: string) => void;
}) {
  const { kind, value } = props;
  const [options, setOptions] = useState<CodeItem[]>([]);
  const [named, setNamed] = useState<CodeItem | null>(null);

  useEffect(() => {
    let live = true;
    const query = value.trim();
    const timer = setTimeout(() => {
      api['codes.search']({ kind, query, limit: 30 })
        .then((items) => live && setOptions(items))
        .catch(() => live && setOptions([]));
      if (query === '') setNamed(null);
      else
        api['codes.lookup']({ kind, code: query })
          .then((item) => live && setNamed(item))
          .catch(() => live && setNamed(null));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, value]);

  return (
    <div>
      <AutoComplete
        id={props.id}
        aria-label={props.label}
        value={value}
        status={props.status}
        style={{ width: '100%', maxWidth: 420 }}
        placeholder={kind === 'industry' ? '输入代码或行业名称，如 3232 或 稀土' : '输入代码或学科名称，如 430 或 材料'}
        options={options.map((item) => ({ value: item.code, label: `${item.code} ${item.path.join(' / ')}` }))}
        onChange={(next: string) => props.onChange(next)}
      />
      {named && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {named.code}：{named.name}
        </Typography.Text>
      )}
    </div>
  );
}
