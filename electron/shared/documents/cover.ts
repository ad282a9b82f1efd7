import type { Block, Section, TableBlock } from '../document-model';
import { fontSizePt, officialMargins, textWidthMm } from '../document-model';
import type { Draft } from '../draft';
import { fieldKeys } from '../draft';
import type { CoverData, RegionTemplate } from '../region-template';
import type { BuildOptions } from './common';
import { cell, cellOf, chineseNumeralDate, coverLineValue, coverTitleLines, paragraph, rawValue, row, textParagraphs } from './common';
import { styles } from './styles';

/**
 * The cover page (封面) the official forms open with: the title in two lines, the filled-in lines
 * (名称, 产业领域, 牵头单位（盖章）…) each on an underline, and the issuing department's 「……制」 at the foot.
 */

export interface CoverLine {
  label: string;
  value: string;
  /** Printed after the line: 「（盖章）」, 「（公章）」, 「（签章）」. */
  suffix?: string;
}

export interface CoverSpec {
  /** 「附件1」, top left, as the issued form carries it. */
  attachmentLabel?: string;
  titleLines: string[];
  /** A smaller line under the title (「（供参考）」 is not printed on a filled-in document; 「（试行）」 would be). */
  subtitle?: string;
  lines: CoverLine[];
  /** Lines at the foot of the page: 「新疆维吾尔自治区科学技术厅制」, or department and date. */
  footLines: string[];
  /** Space above the title, in points: taller title blocks start higher. */
  topSpacePt?: number;
}

const mmPerPt = 25.4 / 72;

export function coverSection(spec: CoverSpec): Section {
  const width = textWidthMm(officialMargins);
  const charMm = fontSizePt[styles.coverField.size] * mmPerPt;
  const longestLabel = Math.max(...spec.lines.map((line) => [...line.label].length + 1));
  const hasSuffix = spec.lines.some((line) => line.suffix);
  // Room for the cell margins and for fonts a little wider than 宋体 (LibreOffice falls back to Noto CJK).
  const labelMm = Math.min(62, Math.ceil(longestLabel * charMm + 6));
  const suffixMm = hasSuffix ? Math.ceil(4 * charMm + 4) : 0;
  // The block of lines is centred as on the official covers: a margin column on each side, given up where a long
  // name (「某某集团股份有限公司」) would otherwise wrap before its （盖章）.
  const longestValue = Math.max(0, ...spec.lines.filter((line) => line.suffix).map((line) => [...line.value].length));
  const sideMm = Math.max(0, Math.min(4, (width - labelMm - suffixMm - (longestValue * charMm + 4)) / 2));
  const valueMm = Math.round((width - 2 * sideMm - labelMm - suffixMm) * 10) / 10;
  const columnsMm = [sideMm, labelMm, valueMm, ...(hasSuffix ? [suffixMm] : []), sideMm];

  const lines: TableBlock = {
    kind: 'table',
    borders: 'none',
    columnsMm,
    style: styles.coverField,
    rows: spec.lines.map((line) =>
      row(
        [
          cell(''),
          cellOf([paragraph(`${line.label}：`, { align: 'distribute' })], { vAlign: 'bottom' }),
          // A line without a suffix runs on under the suffix's column: long names then fit on one line.
          cellOf(line.value === '' ? [paragraph('')] : textParagraphs(line.value, { align: 'center' }), {
            vAlign: 'bottom',
            borders: { bottom: true },
            colSpan: hasSuffix && !line.suffix ? 2 : 1,
          }),
          ...(hasSuffix && line.suffix ? [cell(line.suffix, { vAlign: 'bottom', align: 'left' })] : []),
          cell(''),
        ],
        { minHeightMm: 12 },
      ),
    ),
  };

  const blocks: Block[] = [
    ...(spec.attachmentLabel ? [paragraph(spec.attachmentLabel, { style: styles.attachmentLabel })] : []),
    paragraph([], { spaceBeforePt: (spec.topSpacePt ?? 96) - (spec.attachmentLabel ? 16 : 0) }),
    ...spec.titleLines.map((line, i) =>
      paragraph(line, {
        style: styles.coverTitle,
        align: 'center',
        lineSpacing: { multiple: 1.5 },
        outlineLevel: i === 0 ? 0 : undefined,
      }),
    ),
    ...(spec.subtitle ? [paragraph(spec.subtitle, { style: styles.coverField, align: 'center' })] : []),
    paragraph([], { spaceBeforePt: 72 }),
    lines,
    paragraph([], { spaceBeforePt: Math.max(60, 270 - spec.lines.length * 34 - spec.footLines.length * 16) }),
    ...spec.footLines.map((line) =>
      paragraph(line, { style: styles.coverIssuer, align: 'center', lineSpacing: { multiple: 1.5 } }),
    ),
  ];
  return { marginsMm: officialMargins, pageNumbers: 'none', blocks };
}

/**
 * A cover from the region's package data: its lines filled from the draft, 「{date}」 in a foot line written as
 * the 实施方案's cover writes its date (二〇二五年三月十四日).
 */
export function coverFromData(
  template: RegionTemplate,
  draft: Draft,
  data: CoverData,
  title: string,
  options: BuildOptions,
  topSpacePt?: number,
): Section {
  const date = chineseNumeralDate(rawValue(draft, fieldKeys.fillDate));
  return coverSection({
    attachmentLabel: data.attachmentLabel,
    titleLines: data.titleLines ?? coverTitleLines(title),
    lines: data.lines.map((line) => ({ label: line.label, value: coverLineValue(template, draft, line.value, options), suffix: line.suffix })),
    footLines: data.footLines.map((line) => line.replace('{date}', date)),
    topSpacePt,
  });
}
