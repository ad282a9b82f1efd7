import type { Block, DocumentModel } from '../document-model';
import { officialMargins } from '../document-model';
import type { Draft } from '../draft';
import type { FieldDef, RegionTemplate } from '../region-template';
import type { BuildOptions } from './common';
import { fieldDef, paragraph, rawValue, textParagraphs } from './common';
import { coverFromData } from './cover';
import { styles } from './styles';
import { documentTitle } from './titles';

/**
 * 实施方案: cover, 填写说明 where the region issues one (新疆's 附件3), and the outline the region's package data
 * gives (新疆's form ending at 十三、其他; 重庆's with the lists its rules ask of a plan), filled with the user's
 * text — headings in 黑体四号, body in 宋体小四, line spacing 1.5, as 新疆's 填写说明 requires.
 */

/** 「实施方案标题统一用黑体四号字，实施方案正文部分统一用宋体小四号字填写。正文（包括标题）行距为1.5倍。」 */
export const planTypography = { heading: styles.planHeading, body: styles.planBody, lineMultiple: 1.5 } as const;

/** The fields the region's 实施方案 is written in, in its outline's order. */
export function planFields(template: RegionTemplate): FieldDef[] {
  return (template.package.implementationPlan?.sections ?? [])
    .map((part) => (part.field ? fieldDef(template, part.field) : undefined))
    .filter((field): field is FieldDef => field !== undefined);
}

export function buildImplementationPlan(template: RegionTemplate, draft: Draft, options: BuildOptions = {}): DocumentModel {
  const title = documentTitle(template, 'implementationPlan');
  const plan = template.package.implementationPlan;
  const line = { multiple: planTypography.lineMultiple };
  const heading = (text: string, outlineLevel: 1 | 2) =>
    paragraph(text, {
      style: outlineLevel === 1 ? planTypography.heading : { ...planTypography.body, bold: true },
      lineSpacing: line,
      keepWithNext: true,
      outlineLevel,
    });
  const body = { style: planTypography.body, lineSpacing: line, firstLineChars: 2, align: 'justify' } as const;
  const blocks: Block[] = [];
  if (plan && plan.instructions.length > 0) {
    blocks.push(
      paragraph('填写说明', { style: styles.pageTitle, align: 'center', spaceAfterPt: 18, outlineLevel: 1 }),
      ...plan.instructions.map((text) => paragraph(text, body)),
    );
  }
  blocks.push(
    paragraph(plan?.outlineTitle ?? title, {
      style: styles.pageTitle,
      align: 'center',
      spaceAfterPt: 12,
      lineSpacing: line,
      outlineLevel: 0,
      pageBreakBefore: blocks.length > 0,
    }),
  );
  for (const part of plan?.sections ?? []) {
    blocks.push(heading(part.heading, part.level));
    if (part.printGuidance && part.guidance) blocks.push(...textParagraphs(part.guidance, body));
    if (!part.field) continue;
    const value = rawValue(draft, part.field);
    blocks.push(...(value === '' ? [paragraph('', body)] : textParagraphs(value, body)));
    for (const image of options.planImages?.[part.field] ?? []) {
      blocks.push(paragraph([image], { align: 'center', lineSpacing: { multiple: 1 }, spaceBeforePt: 6, spaceAfterPt: 6 }));
    }
  }
  if (plan?.closingNote) blocks.push(paragraph(plan.closingNote, { ...body, spaceBeforePt: 6 }));

  const sections = plan ? [coverFromData(template, draft, plan.cover, title, options, 110)] : [];
  return {
    kind: 'implementationPlan',
    title,
    baseStyle: { font: 'song', size: '小四' },
    sections: [...sections, { marginsMm: officialMargins, pageNumbers: 'restart', blocks }],
  };
}
