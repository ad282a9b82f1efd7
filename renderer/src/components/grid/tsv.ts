/**
 * Clipboard text between our grid and Excel / WPS: rows end with \r\n (or \n), cells are separated by \t,
 * and a cell holding a line break, a tab or a quote is wrapped in "…" with inner quotes doubled.
 */

/** Parses clipboard text into rows of cells; the line break Excel puts after the last row adds no row. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  // Empty clipboard: nothing to paste.
  if (n === 0) return [];
  while (i <= n) {
    let cell = '';
    if (text[i] === '"') {
      // A quoted cell only counts as quoted when its closing quote is followed by a separator or the end;
      // otherwise the quote is just a character someone typed (“"高新"企业”), and the cell is read plainly.
      const quoted = readQuoted(text, i);
      if (quoted) {
        cell = quoted.value;
        i = quoted.end;
      } else {
        const end = nextSeparator(text, i);
        cell = text.slice(i, end);
        i = end;
      }
    } else {
      const end = nextSeparator(text, i);
      cell = text.slice(i, end);
      i = end;
    }
    row.push(cell);
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (text[i] === '\t') {
      i++;
      if (i === n) {
        row.push('');
        rows.push(row);
        break;
      }
      continue;
    }
    // A line break: \r\n, \n or a lone \r.
    if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else i++;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  return rows;
}

function nextSeparator(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\t' || ch === '\n' || ch === '\r') return i;
  }
  return text.length;
}

function readQuoted(text: string, start: number): { value: string; end: number } | null {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      const after = text[i + 1];
      if (after === undefined || after === '\t' || after === '\n' || after === '\r') {
        return { value: value.replace(/\r\n/g, '\n'), end: i + 1 };
      }
      return null;
    }
    value += ch;
    i++;
  }
  return null;
}

/** Writes rows of cells the way Excel reads them back. */
export function toTsv(rows: string[][]): string {
  return rows
    .map((row) => row.map((cell) => (/[\t\n\r"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join('\t'))
    .join('\r\n');
}
