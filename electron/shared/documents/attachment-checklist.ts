import type { DocumentModel, TableRow } from '../document-model';
import { officialMargins, textWidthMm } from '../document-model';
import type { Draft } from '../draft';
import type { RegionTemplate } from '../region-template';
import { splitMultiselect } from '../validation';
import type { BuildOptions } from './common';
import { cell, cellOf, chineseNumber, consortiumNameOf, leadNameOf, paragraph, row } from './common';
import { styles } from './styles';
import { documentTitle } from './titles';

/**
 * 附件材料清单 (内蒙古's 附件4): the kinds of attachment the region's package data lists, each with a tick when
 * the user has it ready, so the package can be checked before it goes out.
 */

/** The ids of the items the user has ready, from the field the package data names ('1,3'). */
export function readyAttachmentIds(template: RegionTemplate, draft: Draft): Set<string> {
  const field = template.package.attachmentChecklist?.readyField;
  return new Set(field ? splitMultiselect(draft.fields[field] ?? '') : []);
}

export function buildAttachmentChecklist(template: RegionTemplate, draft: Draft, _options: BuildOptions = {}): DocumentModel {
  const ready = readyAttachmentIds(template, draft);
  const width = textWidthMm(officialMargins);
  const items = template.package.attachmentChecklist?.items ?? [];
  const rows: TableRow[] = items.map((item, index) =>
    row(
      [
        cell(chineseNumber(index + 1), { style: styles.planBody }),
        cellOf(
          [
            paragraph(item.title, { style: styles.planBody, align: 'left' }),
            ...(item.detail ? [paragraph(item.detail, { style: styles.cell, align: 'justify', spaceBeforePt: 2 })] : []),
          ],
          { vAlign: 'center' },
        ),
        cellOf([paragraph([{ kind: 'checkbox', checked: ready.has(item.id), size: '四号' }], { align: 'center' })]),
      ],
      { minHeightMm: 16 },
    ),
  );
  const header = row(
    ['序号', '材料', '已备齐'].map((label) => cell(label, { style: { ...styles.planBody, bold: true } })),
    { minHeightMm: 10 },
  );
  const title = documentTitle(template, 'attachmentChecklist');
  return {
    kind: 'attachmentChecklist',
    title,
    baseStyle: { font: 'song', size: '小四' },
    sections: [
      {
        marginsMm: officialMargins,
        pageNumbers: 'none',
        blocks: [
          paragraph(title, { style: styles.pageTitle, align: 'center', spaceAfterPt: 18, outlineLevel: 0 }),
          paragraph(`创新联合体名称：${consortiumNameOf(draft)}`, { style: styles.planBody, spaceAfterPt: 3 }),
          paragraph(`牵头单位：${leadNameOf(draft)}`, { style: styles.planBody, spaceAfterPt: 9 }),
          { kind: 'table', borders: 'grid', columnsMm: [16, width - 40, 24], headerRows: 1, rows: [header, ...rows], style: styles.planBody },
          paragraph('注：☑ 表示该项材料已备齐。', { style: styles.note, spaceBeforePt: 6 }),
        ],
      },
    ],
  };
}
