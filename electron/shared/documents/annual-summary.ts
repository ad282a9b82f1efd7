import type { Block, DocumentModel } from '../document-model';
import { officialMargins } from '../document-model';
import type { Draft } from '../draft';
import type { RegionTemplate } from '../region-template';
import type { BuildOptions } from './common';
import { consortiumNameOf, leadNameOf, paragraph, rawValue, textParagraphs } from './common';
import { coverSection } from './cover';
import { styles } from './styles';

/**
 * The yearly report a region asks for after the filing, on the outline its own text gives: 内蒙古's 年度工作总结
 * 提纲 (附件5), 广西's 本年度的总结和下一年度工作计划 (第十二条), 浙江's 上年度实施情况自评报告. The year is
 * the one the user gives (never the clock: a report written in January is about the year before); parts not
 * yet written print empty, so nothing of the guidance goes to the department as if it were the report.
 */

/** The year reported on, from the region's year field; null until the user gives a four-digit year. */
export function summaryYear(template: RegionTemplate, draft: Draft): string | null {
  const field = template.package.annualSummary?.yearField;
  const typed = field ? rawValue(draft, field) : '';
  return /^\d{4}$/.test(typed) ? typed : null;
}

/** The report's title with its year, or with the blank an official would fill (「　　　　年度工作总结」). */
export function summaryTitle(template: RegionTemplate, draft: Draft): string {
  const title = template.package.annualSummary?.title ?? '{year}年度工作总结';
  return title.replace('{year}', summaryYear(template, draft) ?? '　　　　');
}

export function buildAnnualSummary(template: RegionTemplate, draft: Draft, _options: BuildOptions = {}): DocumentModel {
  const report = template.package.annualSummary;
  const title = summaryTitle(template, draft);
  const name = consortiumNameOf(draft) || `${template.name}××××创新联合体`;
  const line = { multiple: 1.5 };
  const body = { style: styles.planBody, lineSpacing: line, firstLineChars: 2, align: 'justify' } as const;
  const cover = coverSection({
    titleLines: [name, title],
    lines: [
      { label: '牵头单位', value: leadNameOf(draft), suffix: '（盖章）' },
      { label: '联系人', value: rawValue(draft, 'contactName') },
      { label: '联系电话', value: rawValue(draft, 'contactPhone') },
      { label: '报送日期', value: '　　年　　月　　日' },
    ],
    footLines: report ? [`报送：${report.submitTo}`] : [],
  });
  const blocks: Block[] = [
    // The consortium's name and the report's title on a line each, as the cover has them, not broken mid-word.
    paragraph(name, { style: styles.pageTitle, align: 'center', lineSpacing: line, outlineLevel: 0 }),
    paragraph(title, { style: styles.pageTitle, align: 'center', spaceAfterPt: 12, lineSpacing: line }),
  ];
  for (const part of report?.outline ?? []) {
    blocks.push(
      paragraph(part.heading, {
        style: part.level === 1 ? styles.planHeading : { ...styles.planBody, bold: true },
        lineSpacing: line,
        keepWithNext: true,
        outlineLevel: part.level,
      }),
    );
    if (part.printGuidance && part.guidance) blocks.push(...textParagraphs(part.guidance, body));
    if (!part.field) continue;
    const value = rawValue(draft, part.field);
    blocks.push(...(value === '' ? [paragraph('', body)] : textParagraphs(value, body)));
  }
  return {
    kind: 'annualSummary',
    title,
    baseStyle: { font: 'song', size: '小四' },
    sections: [cover, { marginsMm: officialMargins, pageNumbers: 'restart', blocks }],
  };
}
