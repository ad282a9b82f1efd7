import type { TextStyle } from '../document-model';

/**
 * The typography of the documents, in one place so that every document looks like it belongs to one package.
 * Official covers and titles in 黑体, forms in 宋体五号 inside tables, running text of agreements in 仿宋_GB2312
 * 三号 as GB/T 9704 has it; the 实施方案 fixes its own (黑体四号 headings, 宋体小四 body, 1.5 line spacing).
 */
export const styles = {
  attachmentLabel: { font: 'hei', size: '三号' },
  coverTitle: { font: 'hei', size: '二号' },
  coverField: { font: 'fangsong', size: '四号' },
  coverIssuer: { font: 'song', size: '三号' },
  pageTitle: { font: 'hei', size: '小二' },
  instructions: { font: 'fangsong', size: '四号' },
  cell: { font: 'song', size: '五号' },
  cellStrong: { font: 'song', size: '五号', bold: true },
  cellSmall: { font: 'song', size: '小五' },
  body: { font: 'fangsong', size: '三号' },
  bodyHeading: { font: 'hei', size: '三号' },
  planHeading: { font: 'hei', size: '四号' },
  planBody: { font: 'song', size: '小四' },
  hint: { font: 'kai', size: '小四', color: '555555' },
  note: { font: 'song', size: '五号' },
} as const satisfies Record<string, TextStyle>;
