import type { KeyboardEvent } from 'react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { CodeTableKind } from '../../../../electron/shared/code-tables';
import { CodeOption } from '../CodeInput';
import { codeText, codeTyped, useCodeName, useCodeSearch } from '../code-search';
import type { GridColumn } from './grid-columns';
import type { EditorElement, Mode } from './grid-layout';

export function codeKindOf(column: GridColumn): CodeTableKind {
  return column.type === 'industryCode' ? 'industry' : 'discipline';
}

/** A code cell as drawn: the code and, once known, its name (2523 煤制液体燃料生产), as the form prints both. */
export function CodeCellText({ column, value }: { column: GridColumn; value: string }) {
  const item = useCodeName(codeKindOf(column), value);
  if (value === '') return <span className="data-grid-text" />;
  return (
    <span className="data-grid-text" title={item ? codeText(item) : undefined}>
      {value}
      {item && <span className="code-cell-name"> {item.name}</span>}
    </span>
  );
}

/**
 * The editor of a code cell: typing searches the national list, shown under the cell with the best match
 * pre-selected; ↑/↓ choose, Enter or Tab takes the choice, Esc drops the search. Only a chosen entry or a
 * typed code reaches the table, so a search word is never saved or marked as a wrong code.
 */
export function CodeCellEditor(props: {
  column: GridColumn;
  value: string;
  mode: Mode;
  common: Record<string, string | boolean | undefined>;
  listId: string;
  setRef: (element: EditorElement | null) => void;
  onChange: (value: string) => void;
}) {
  const { column, value } = props;
  const kind = codeKindOf(column);
  const [text, setText] = useState(value);
  const [highlight, setHighlight] = useState(0);
  const dirty = text !== value;
  const results = useCodeSearch(kind, text, dirty && text.trim() !== '');
  const current = results.query === text;
  const items = dirty && current ? results.items.slice(0, 12) : [];
  const named = useCodeName(kind, value);
  const input = useRef<HTMLInputElement | null>(null);
  const [anchor, setAnchor] = useState<DOMRect | null>(null);

  useEffect(() => setText(value), [value]);
  useEffect(() => setHighlight(0), [results]);
  useLayoutEffect(() => {
    setAnchor(items.length > 0 && input.current ? input.current.getBoundingClientRect() : null);
  }, [items.length]);

  const commit = (code: string) => {
    setText(code);
    if (code !== value) props.onChange(code);
  };
  /** What the typed text stands for: the chosen match, a typed code, or nothing yet. */
  const resolved = (): string | null => {
    if (text.trim() === '') return '';
    const code = codeTyped(text);
    if (items.length > 0) return items[Math.min(highlight, items.length - 1)].code;
    return code;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!dirty) return;
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && items.length > 0) {
      event.preventDefault();
      event.stopPropagation();
      setHighlight((index) => (index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
      return;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      const next = resolved();
      if (next !== null) commit(next);
      else {
        // A word with no match yet: stay in the cell rather than leave it with nothing chosen.
        event.preventDefault();
        event.stopPropagation();
      }
      return;
    }
    if (event.key === 'Escape') {
      setText(value);
      return;
    }
    // Keys while a search word is typed edit the word, not the table (Backspace, ←/→, Home, Delete …).
    if (!event.ctrlKey && !event.metaKey) event.stopPropagation();
  };

  const onBlur = () => {
    if (!dirty) return;
    const next = resolved();
    if (next !== null) commit(next);
    else setText(value);
  };

  const active = items.length > 0 ? `${props.listId}-${Math.min(highlight, items.length - 1)}` : undefined;
  return (
    <div className="code-cell">
      <input
        {...props.common}
        ref={(element) => {
          input.current = element;
          props.setRef(element);
        }}
        role="combobox"
        aria-expanded={items.length > 0}
        aria-controls={props.listId}
        aria-autocomplete="list"
        aria-activedescendant={active}
        type="text"
        value={text}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      />
      {!dirty && named && <span className="code-cell-name code-cell-editor-name">{named.name}</span>}
      {anchor &&
        createPortal(
          <ul
            id={props.listId}
            role="listbox"
            aria-label={`${column.label}的候选项`}
            className="code-cell-list"
            style={{ left: anchor.left, top: anchor.bottom + 2 }}
          >
            {items.map((item, index) => (
              <li
                key={item.code}
                id={`${props.listId}-${index}`}
                role="option"
                aria-selected={index === highlight}
                className={index === highlight ? 'is-highlighted' : undefined}
                // Chosen on press, before the input loses focus and commits the highlighted match instead.
                onMouseDown={(event) => {
                  event.preventDefault();
                  commit(item.code);
                }}
              >
                <CodeOption item={item} />
              </li>
            ))}
          </ul>,
          document.body,
        )}
    </div>
  );
}
