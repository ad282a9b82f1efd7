import type { DocumentModel, TableRow } from '../document-model';
import { formMargins, textWidthMm } from '../document-model';
import type { Draft } from '../draft';
import type { RegionTemplate } from '../region-template';
import { splitMultiselect } from '../validation';
import type { BuildOptions } from './common';
import { cell, cellOf, consortiumNameOf, leadNameOf, paragraph, row } from './common';
import { styles } from './styles';
import { documentTitle } from './titles';

/**
 * 附件材料清单 (内蒙古's 附件4): the four kinds of attachment the 备案 asks for, each with a tick when the user
 * has it ready, so the package can be checked before it goes out.
 */

export interface AttachmentItem {
  /** Stable id, stored in the draft's list of ready items. */
  id: string;
  title: string;
  detail: string;
  /** 「其他相关材料」 is there if there is any: the checklist is complete without it. */
  optional: boolean;
}

export const attachmentItems: AttachmentItem[] = [
  {
    id: '1',
    title: '各成员单位取得成果扫描件',
    detail: '包括研究开发的新产品（品种）、新工艺、新技术、新装备等，制订的标准；授权的发明专利、软著等。',
    optional: false,
  },
  { id: '2', title: '创新平台批复文件、牌匾、场地照片', detail: '', optional: false },
  { id: '3', title: '研发团队主要成员职称证或学历证扫描件', detail: '', optional: false },
  { id: '4', title: '其他相关材料', detail: '', optional: true },
];

/**
 * Draft field holding the ids of the items the user has ready, joined by ',' like a multiselect ('1,3').
 * Not a field of the region templates yet: the lead adds it to neimenggu.json with the UI that sets it.
 */
export const attachmentsReadyKey = 'attachmentsReady';

export function readyAttachmentIds(draft: Draft): Set<string> {
  return new Set(splitMultiselect(draft.fields[attachmentsReadyKey] ?? ''));
}

const itemNumbers = ['一', '二', '三', '四'];

export function buildAttachmentChecklist(template: RegionTemplate, draft: Draft, _options: BuildOptions = {}): DocumentModel {
  const ready = readyAttachmentIds(draft);
  const width = textWidthMm(formMargins);
  const rows: TableRow[] = attachmentItems.map((item, index) =>
    row(
      [
        cell(itemNumbers[index] ?? String(index + 1), { style: styles.planBody }),
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
  return {
    kind: 'attachmentChecklist',
    title: documentTitle(template, 'attachmentChecklist'),
    baseStyle: { font: 'song', size: '小四' },
    sections: [
      {
        marginsMm: formMargins,
        pageNumbers: 'none',
        blocks: [
          paragraph(documentTitle(template, 'attachmentChecklist'), { style: styles.pageTitle, align: 'center', spaceAfterPt: 18, outlineLevel: 0 }),
          paragraph(`创新联合体名称：${consortiumNameOf(draft)}`, { style: styles.planBody, spaceAfterPt: 3 }),
          paragraph(`牵头单位：${leadNameOf(draft)}`, { style: styles.planBody, spaceAfterPt: 9 }),
          { kind: 'table', borders: 'grid', columnsMm: [16, width - 40, 24], headerRows: 1, rows: [header, ...rows], style: styles.planBody },
          paragraph('注：☑ 表示该项材料已备齐。', { style: styles.note, spaceBeforePt: 6 }),
        ],
      },
    ],
  };
}
