import type { Block, DocumentModel } from '../document-model';
import { officialMargins } from '../document-model';
import { leadRowOf } from '../derive';
import type { Draft } from '../draft';
import { fieldKeys } from '../draft';
import type { RegionTemplate } from '../region-template';
import type { BuildOptions } from './common';
import { chineseNumeralDate, coverTitleLines, leadNameOf, paragraph, rawValue, textParagraphs } from './common';
import { coverSection } from './cover';
import { styles } from './styles';

/**
 * 实施方案 (Xinjiang's 附件3; offered to the other regions): cover (项目名称, 牵头单位, 推荐单位（公章）,
 * 申报单位（公章）, 负责人（签章）, department, date), 填写说明, and the numbered outline filled with the user's
 * text — headings in 黑体四号, body in 宋体小四, line spacing 1.5, as its 填写说明 requires.
 */

/** Fields of the 'texts' step that make up the 实施方案 (planOverview, planSignificance …). */
export const planFieldPrefix = 'plan';

/** 「实施方案标题统一用黑体四号字，实施方案正文部分统一用宋体小四号字填写。正文（包括标题）行距为1.5倍。」 */
export const planTypography = { heading: styles.planHeading, body: styles.planBody, lineMultiple: 1.5 } as const;

/** The 填写说明 of the 实施方案, as issued (「第一次出洌的缩略词」 read as the intended 出现). */
export const planInstructions = [
  '1.实施方案的内容将作为申请评审、以及签订任务书的重要依据，实施方案的填报内容须实事求是、准确完整、层次清晰。',
  '2.实施方案标题统一用黑体四号字，实施方案正文部分统一用宋体小四号字填写。正文（包括标题）行距为1.5倍。文档中涉及到的表格、流程图以及技术类图表须以图片形式插入到文档相应位置，图片大小在100k以内。',
  '3.外来语要同时用原文和中文表达，第一次出现的缩略词，须注明全称。',
  '4.实施方案中的单位名称，请填写全称，并与单位公章一致。',
  '5.牵头单位对材料的真实性、完整性负责。',
];

export function planTitle(template: RegionTemplate): string {
  return `${coverTitleLines(template.formTitle)[0]}实施方案`;
}

export function buildImplementationPlan(template: RegionTemplate, draft: Draft, options: BuildOptions = {}): DocumentModel {
  const lead = leadNameOf(draft);
  const leader = (leadRowOf(draft)?.values.legalRepName ?? '').trim() || rawValue(draft, 'legalRepName');
  const cover = coverSection({
    titleLines: [planTitle(template)],
    lines: [
      { label: '项目名称', value: rawValue(draft, fieldKeys.consortiumName) },
      { label: '牵头单位', value: lead },
      { label: '推荐单位', value: '', suffix: '（公章）' },
      { label: '申报单位', value: lead, suffix: '（公章）' },
      { label: '负责人', value: leader, suffix: '（签章）' },
    ],
    footLines: [template.issuer, chineseNumeralDate(rawValue(draft, fieldKeys.fillDate))],
    topSpacePt: 110,
  });

  const line = { multiple: planTypography.lineMultiple };
  const heading = (text: string, outlineLevel: 1 | 2 = 1) =>
    paragraph(text, { style: planTypography.heading, lineSpacing: line, keepWithNext: true, outlineLevel });
  const body = { style: planTypography.body, lineSpacing: line, firstLineChars: 2, align: 'justify' } as const;

  const instructions: Block[] = [
    paragraph('填写说明', { style: styles.pageTitle, align: 'center', spaceAfterPt: 18, outlineLevel: 1 }),
    ...planInstructions.map((text) => paragraph(text, body)),
  ];

  const outline: Block[] = [
    paragraph('创新联合体建设实施方案', { style: styles.pageTitle, align: 'center', spaceAfterPt: 12, lineSpacing: line, outlineLevel: 0, pageBreakBefore: true }),
  ];
  for (const field of template.fields) {
    if (field.step !== 'texts' || !field.key.startsWith(planFieldPrefix)) continue;
    outline.push(heading(field.heading ?? field.label));
    const value = rawValue(draft, field.key);
    outline.push(...(value === '' ? [paragraph('', body)] : textParagraphs(value, body)));
    for (const image of options.planImages?.[field.key] ?? []) {
      outline.push(paragraph([image], { align: 'center', lineSpacing: { multiple: 1 }, spaceBeforePt: 6, spaceAfterPt: 6 }));
    }
  }

  return {
    kind: 'implementationPlan',
    title: planTitle(template),
    baseStyle: { font: 'song', size: '小四' },
    sections: [cover, { marginsMm: officialMargins, pageNumbers: 'restart', blocks: [...instructions, ...outline] }],
  };
}
