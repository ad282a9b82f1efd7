import type { Block, DocumentModel, TableRow } from '../document-model';
import { cellWidthForMm, fontSizePt, officialMargins, textWidthMm } from '../document-model';
import type { Draft, TableRow as DraftRow } from '../draft';
import { fieldKeys, memberKeys } from '../draft';
import type { RegionTemplate } from '../region-template';
import type { BuildOptions } from './common';
import {
  blankDate,
  cell,
  cellOf,
  chineseNumber,
  consortiumWord,
  fillIn,
  membersByTier,
  paragraph,
  rawValue,
  regionSelfName,
  row,
  textParagraphs,
} from './common';
import { coverFromData } from './cover';
import { styles } from './styles';

/**
 * 组建协议 (or 浙江's 组建意向书): cover; the preamble of the region's model text with its **** filled in;
 * 一、参与单位 listed by tier from the member table; 二 to 七 from the user's text; 八、所有成员单位签章 as a
 * table with one row per member, signed by whom the region's rules say (法定代表人, 或负责人, 或授权代表).
 */

export const signatureHeading = '八、所有成员单位签章';

/** The signature table's columns: 序号, 单位名称（盖章）, the region's signatory, 日期. */
export function signatureColumns(template: RegionTemplate): string[] {
  return ['序号', '单位名称（盖章）', template.package.agreement.signatory, '日期'];
}

/** A round official seal is 40–42 mm across: a signature row holds one without covering its neighbours. */
export const signatureRowMm = 44;

const bodyParagraph = { style: styles.body, firstLineChars: 2, align: 'justify', lineSpacing: { exactPt: 28 } } as const;
const headingParagraph = { style: styles.bodyHeading, lineSpacing: { exactPt: 28 }, keepWithNext: true, spaceBeforePt: 6 } as const;

/** 「组建协议」 or 「组建意向书」, as the region's title has it. */
function instrumentWord(template: RegionTemplate): string {
  const at = template.agreementTitle.indexOf('创新联合体');
  return at < 0 ? '组建协议' : template.agreementTitle.slice(at + '创新联合体'.length) || '组建协议';
}

/** The preamble of the region's model agreement with its **** filled in (industry, consortium name). */
export function agreementPreamble(template: RegionTemplate, draft: Draft): string {
  const word = instrumentWord(template);
  return fillIn(template.package.agreement.preamble, {
    region: template.name,
    short: template.shortName,
    self: regionSelfName(template),
    industry: rawValue(draft, fieldKeys.industryField),
    name: rawValue(draft, fieldKeys.consortiumName) || `${template.name}____${consortiumWord(template)}`,
    sign: word === '组建协议' ? '签署联合组建协议' : `签署${word}`,
  });
}

/** Tier headings: 「1.牵头单位」, or 「（一）牵头单位」 where the model text numbers them so. */
function tierHeading(template: RegionTemplate, index: number, tier: string): string {
  return template.package.agreement.tierNumbering === 'chinese' ? `（${chineseNumber(index + 1)}）${tier}` : `${index + 1}.${tier}`;
}

/** The members in the order they sign: by tier, as 一、参与单位 lists them. The stamp checklist uses the same. */
export function signingOrder(template: RegionTemplate, draft: Draft): DraftRow[] {
  return membersByTier(template, draft).flatMap((group) => group.members);
}

export function buildAgreement(template: RegionTemplate, draft: Draft, options: BuildOptions = {}): DocumentModel {
  const cover = coverFromData(template, draft, template.package.agreement.cover, template.agreementTitle, options);
  const blocks: Block[] = [
    paragraph(template.agreementTitle, { style: styles.pageTitle, align: 'center', spaceAfterPt: 18, outlineLevel: 1 }),
    paragraph(agreementPreamble(template, draft), bodyParagraph),
    paragraph('一、参与单位', headingParagraph),
  ];
  membersByTier(template, draft).forEach((group, index) => {
    blocks.push(paragraph(tierHeading(template, index, group.tier), { ...bodyParagraph, keepWithNext: true }));
    if (group.members.length === 0) {
      blocks.push(paragraph('无', bodyParagraph));
      return;
    }
    // Names only, as the model agreement lists them: a credit code would break across lines mid-number.
    group.members.forEach((member, n) => {
      blocks.push(paragraph(`（${n + 1}）${(member.values[memberKeys.name] ?? '').trim()}`, bodyParagraph));
    });
  });

  for (const field of template.fields) {
    if (field.step !== 'agreement') continue;
    blocks.push(paragraph(field.heading ?? field.label, headingParagraph));
    const value = rawValue(draft, field.key);
    blocks.push(...(value === '' ? [paragraph('', bodyParagraph)] : textParagraphs(value, bodyParagraph)));
  }

  blocks.push(paragraph(signatureHeading, headingParagraph));
  blocks.push(signatureTable(template, draft));

  return {
    kind: 'agreement',
    title: template.agreementTitle,
    baseStyle: { font: 'fangsong', size: '三号' },
    sections: [cover, { marginsMm: officialMargins, pageNumbers: 'restart', blocks }],
  };
}

/** One row per member, tall and wide enough for a 42 mm round seal over the name. */
function signatureTable(template: RegionTemplate, draft: Draft): Block {
  const width = textWidthMm(officialMargins);
  const size = fontSizePt[styles.planBody.size];
  const labels = signatureColumns(template);
  const numberMm = cellWidthForMm('序号', size);
  const dateMm = cellWidthForMm('　年　月　日', size);
  const signMm = Math.max(44, cellWidthForMm(labels[2], size) / 2);
  const columns = [numberMm, width - numberMm - signMm - dateMm, signMm, dateMm];
  const members = signingOrder(template, draft);
  const rows: TableRow[] = members.map((member, index) =>
    row(
      [
        cell(String(index + 1), { style: styles.planBody }),
        cell((member.values[memberKeys.name] ?? '').trim(), { style: styles.planBody }),
        cell('', { style: styles.planBody }),
        cell(blankDate.replace(/　　/g, '　'), { style: styles.planBody }),
      ],
      { minHeightMm: signatureRowMm },
    ),
  );
  if (rows.length === 0) rows.push(row([cell('1'), cell(''), cell(''), cell('')], { minHeightMm: signatureRowMm }));
  return {
    kind: 'table',
    borders: 'grid',
    columnsMm: columns,
    headerRows: 1,
    style: styles.planBody,
    rows: [
      row(labels.map((label) => cellOf([paragraph(label, { align: 'center', style: { ...styles.planBody, bold: true } })])), { minHeightMm: 10 }),
      ...rows,
    ],
  };
}
