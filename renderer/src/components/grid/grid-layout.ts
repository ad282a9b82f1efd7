/** The grid's fixed measures: one row height, so only the rows in view need drawing. */
export const rowHeight = 34;
export const headerHeight = 46;
export const indexWidth = 56;
export const overscan = 8;

export interface Cell {
  row: number;
  col: number;
}

/** nav: arrows move, typing replaces; enter: typing a new value, arrows still move; edit: arrows move the caret. */
export type Mode = 'nav' | 'enter' | 'edit';

export type EditorElement = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export function columnLeft(widths: number[], col: number): number {
  let left = indexWidth;
  for (let i = 0; i < col; i++) left += widths[i];
  return left;
}
