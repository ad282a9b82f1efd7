import { AutoComplete, Typography } from 'antd';
import type { KeyboardEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import type { CodeItem, CodeTableKind } from '../../../electron/shared/code-tables';
import { codeText, codeTyped, parentsOf, useCodeName, useCodeSearch } from './code-search';

/** One option of a code picker: the entry's own name first (it is what matters), then its code and parents. */
export function CodeOption({ item }: { item: CodeItem }) {
  return (
    <div className="code-option" title={codeText(item)}>
      <div>
        <span className="code-option-name">{item.name}</span>
        <span className="code-option-code">{item.code}</span>
      </div>
      {item.path.length > 1 && <div className="code-option-path">{parentsOf(item)}</div>}
    </div>
  );
}

/**
 * 行业类别 / 国标学科: type a code or part of a name and pick from the national list. What is typed is a
 * search until it is committed (an option chosen, Enter, or leaving the box), so a search word is never
 * saved or marked as a wrong code; the best match is pre-selected, so 「煤化」 + Enter picks 煤化学工程.
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
  const [text, setText] = useState(value);
  const [focused, setFocused] = useState(false);
  const [unresolved, setUnresolved] = useState<string | null>(null);
  const results = useCodeSearch(kind, text, focused);
  const named = useCodeName(kind, value);
  const enterPending = useRef(false);
  const current = results.query === text;

  // A value changed elsewhere (history restored, Excel import) shows once the box is not being typed in.
  useEffect(() => {
    if (!focused) setText(value);
  }, [value, focused]);

  const commit = (next: string) => {
    setText(next);
    setUnresolved(null);
    if (next !== value) props.onChange(next);
  };

  // Enter pressed before the matches of the last keystroke arrived: take the best one when they do.
  useEffect(() => {
    if (!enterPending.current || !current) return;
    enterPending.current = false;
    if (results.items[0]) commit(results.items[0].code);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per arrival of matches; commit and current are read as they are then
  }, [results]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter') return;
    const code = codeTyped(text);
    if (!current) {
      enterPending.current = code === null;
      if (code !== null) commit(code);
    } else if (results.items.length === 0 && code !== null) commit(code);
  };

  const onBlur = () => {
    setFocused(false);
    enterPending.current = false;
    if (text === value) return;
    if (text.trim() === '') return commit('');
    const code = codeTyped(text);
    if (code !== null) return commit(code);
    // A search word left in the box: one match is taken; several are left to choose from, the value unchanged.
    if (current && results.items.length === 1) return commit(results.items[0].code);
    setUnresolved(text);
  };

  return (
    <div>
      <AutoComplete
        id={props.id}
        aria-label={props.label}
        value={text}
        status={text === value ? props.status : undefined}
        style={{ width: '100%', maxWidth: 420 }}
        popupMatchSelectWidth={420}
        placeholder={kind === 'industry' ? '输入代码或行业名称，如 3232 或 稀土' : '输入代码或学科名称，如 430 或 材料'}
        filterOption={false}
        defaultActiveFirstOption
        options={current ? results.items.map((item) => ({ value: item.code, label: <CodeOption item={item} /> })) : []}
        onChange={(next: string) => setText(next)}
        onSelect={(code: string) => commit(code)}
        onFocus={() => setFocused(true)}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
      />
      {unresolved !== null && text === unresolved ? (
        <Typography.Text type="warning" style={{ fontSize: 12, display: 'block' }} data-testid={`code-unresolved-${props.id ?? kind}`}>
          “{unresolved}”尚未选定：请从列表中选择一项（或直接输入代码）；选定前仍保存原来的值{value ? ` ${value}` : '（空）'}。
        </Typography.Text>
      ) : (
        named && (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid={`code-name-${props.id ?? kind}`}>
            {named.code}：{named.name}
            {named.path.length > 1 && `（${parentsOf(named)}）`}
          </Typography.Text>
        )
      )}
    </div>
  );
}
