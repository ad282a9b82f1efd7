import { CodeCellEditor } from './CodeCell';
import type { GridColumn } from './grid-columns';
import { isCodeColumn, isSelectColumn, shownValue } from './grid-columns';
import type { EditorElement, Mode } from './grid-layout';

interface CellEditorProps {
  column: GridColumn;
  value: string;
  mode: Mode;
  rowNumber: number;
  invalid: boolean;
  describedBy: string;
  /** For the list of a code cell's matches. */
  listId: string;
  setRef: (element: EditorElement | null) => void;
  onChange: (value: string) => void;
}

/** The active cell's editor: a select for choices, a textarea for long text, otherwise a text input. */
export function CellEditor({ column, value, mode, rowNumber, invalid, describedBy, listId, setRef, onChange }: CellEditorProps) {
  const common = {
    'data-grid-editor': 'true',
    'aria-label': `${column.label}，第 ${rowNumber} 行`,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    className: `data-grid-editor is-${mode}`,
  };
  if (isSelectColumn(column)) {
    const options = column.options ?? [];
    return (
      <select {...common} ref={setRef} value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">（未选）</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {shownValue(column, option)}
          </option>
        ))}
        {value !== '' && !options.includes(value) && <option value={value}>{value}（不是可选项）</option>}
      </select>
    );
  }
  if (isCodeColumn(column)) {
    return <CodeCellEditor column={column} value={value} mode={mode} common={common} listId={listId} setRef={setRef} onChange={onChange} />;
  }
  if (column.type === 'longtext') {
    return (
      <textarea {...common} ref={setRef} value={value} rows={1} spellCheck={false}
        onChange={(event) => onChange(event.target.value)} />
    );
  }
  return (
    <input {...common} ref={setRef} type="text" value={value} spellCheck={false} autoComplete="off"
      onChange={(event) => onChange(event.target.value)} />
  );
}
