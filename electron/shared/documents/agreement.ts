import type { Block, DocumentModel, TableRow } from '../document-model';
import { officialMargins, textWidthMm } from '../document-model';
import type { Draft } from '../draft';
import { fieldKeys, memberKeys } from '../draft';
import type { RegionTemplate } from '../region-template';
import type { BuildOptions } from './common';
import {
  blankDate,
  cell,
  cellOf,
  chineseNumber,
  consortiumWord,
  coverTitleLines,
  fieldText,
  labelOf,
  layoutOf,
  leadNameOf,
  membersByTier,
  paragraph,
  rawValue,
  regionSelfName,
  row,
  textParagraphs,
} from './common';
import { coverSection } from './cover';
import { styles } from './styles';

/**
 * 组建协议 (or 浙江's 组建意向书): cover; the preamble with the region, industry and consortium filled in;
 * 一、参与单位 listed by tier from the member table; 二 to 七 from the user's text; 八、所有成员单位签章 as a
 * table with one row per member (单位名称（盖章）, 法定代表人或授权代表（签字）, 日期).
 */

export const signatureHeading = '八、所有成员单位签章';
export const signatureColumns = ['序号', '单位名称（盖章）', '法定代表人或授权代表（签字）', '日期'] as const;

const bodyParagraph = { style: styles.body, firstLineChars: 2, align: 'justify', lineSpacing: { exactPt: 28 } } as const;
const headingParagraph = { style: styles.bodyHeading, lineSpacing: { exactPt: 28 }, keepWithNext: true, spaceBeforePt: 6 } as const;

/** 「组建协议」 or 「组建意向书」, as the region's title has it. */
function instrumentWord(template: RegionTemplate): string {
  const at = template.agreementTitle.indexOf('创新联合体');
  return at < 0 ? '组建协议' : template.agreementTitle.slice(at + '创新联合体'.length) || '组建协议';
}

/** The preamble of each region's template with its **** filled in (industry, consortium name). */
export function agreementPreamble(template: RegionTemplate, draft: Draft): string {
  const industry = rawValue(draft, fieldKeys.industryField) || '____';
  const name = rawValue(draft, fieldKeys.consortiumName) || `${template.name}____${consortiumWord(template)}`;
  const sign = instrumentWord(template) === '组建协议' ? '签署联合组建协议' : `签署${instrumentWord(template)}`;
  switch (layoutOf(template)) {
    case 'neimenggu':
      // The model text reads 「成国贡献」, a misprint of the usual 「成果共享」 between 分工明确 and 风险共担.
      return `为协同推进研究开发与科技成果转化，提高科技成果转移转化成效，依据${template.name}${industry}产业发展现状和技术创新需求，经各方协商，决定以优势互补、分工明确、成果共享、风险共担的合作机制，按照市场机制原则成立${name}（以下简称创新联合体），经所有成员单位同意，${sign}，内容如下。`;
    default:
      if (template.id === 'chongqing') {
        return `为推动${template.shortName}${industry}科技创新、技术进步和成果转化，依据${template.shortName}${industry}产业发展需求和市${industry}重大科技专项要求，成立${name}（以下简称联合体），经所有成员单位同意，${sign}，内容如下。`;
      }
      return `为推动${template.name}${industry}科技创新、技术进步和成果转化，依据${template.name}${industry}产业目前实际情况和${regionSelfName(template)}${industry}重大科技专项要求，成立${name}（以下简称联合体），经所有成员单位同意，${sign}，内容如下。`;
  }
}

/** Tier headings: 「1.牵头单位」 in most templates, 「（一）牵头单位」 in 两江新区's. */
function tierHeading(template: RegionTemplate, index: number, tier: string): string {
  return template.id === 'chongqing' ? `（${chineseNumber(index + 1)}）${tier}` : `${index + 1}.${tier}`;
}

export function buildAgreement(template: RegionTemplate, draft: Draft, _options: BuildOptions = {}): DocumentModel {
  const neimenggu = layoutOf(template) === 'neimenggu';
  const cover = coverSection({
    titleLines: coverTitleLines(template.agreementTitle),
    lines: [
      { label: `${consortiumWord(template)}名称`, value: rawValue(draft, fieldKeys.consortiumName) },
      neimenggu
        ? { label: '行业类别名称', value: rawValue(draft, fieldKeys.industryField) }
        : { label: labelOf(template, fieldKeys.industryField, '产业领域'), value: rawValue(draft, fieldKeys.industryField) },
      { label: '牵头单位', value: leadNameOf(draft), suffix: '（盖章）' },
      { label: labelOf(template, fieldKeys.contactName, '联系人'), value: rawValue(draft, fieldKeys.contactName) },
      { label: labelOf(template, fieldKeys.contactPhone, '联系电话'), value: rawValue(draft, fieldKeys.contactPhone) },
      { label: labelOf(template, fieldKeys.fillDate, '填报日期'), value: fieldText(template, draft, fieldKeys.fillDate) || blankDate },
    ],
    footLines: neimenggu ? [] : [`${template.issuer}制`],
  });

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
  blocks.push(signatureTable(draft, template));
  if (neimenggu) {
    blocks.push(paragraph('注：此模板仅供参考，各单位可以根据实际情况自行起草。', { style: styles.note, spaceBeforePt: 6 }));
  }

  return {
    kind: 'agreement',
    title: template.agreementTitle,
    baseStyle: { font: 'fangsong', size: '三号' },
    sections: [cover, { marginsMm: officialMargins, pageNumbers: 'restart', blocks }],
  };
}

/** One row per member, tall enough for a round official seal over the name. */
function signatureTable(draft: Draft, template: RegionTemplate): Block {
  const width = textWidthMm(officialMargins);
  const columns = [12, 66, 46, width - 124];
  const members = membersByTier(template, draft).flatMap((group) => group.members);
  const rows: TableRow[] = members.map((member, index) =>
    row(
      [
        cell(String(index + 1), { style: styles.planBody }),
        cell((member.values[memberKeys.name] ?? '').trim(), { style: styles.planBody }),
        cell('', { style: styles.planBody }),
        cell(blankDate.replace(/　　/g, '　'), { style: styles.planBody }),
      ],
      { minHeightMm: 24 },
    ),
  );
  if (rows.length === 0) rows.push(row([cell('1'), cell(''), cell(''), cell('')], { minHeightMm: 24 }));
  return {
    kind: 'table',
    borders: 'grid',
    columnsMm: columns,
    headerRows: 1,
    style: styles.planBody,
    rows: [row(signatureColumns.map((label) => cellOf([paragraph(label, { align: 'center', style: { ...styles.planBody, bold: true } })])), { minHeightMm: 10 }), ...rows],
  };
}
