import type { Block, DocumentModel } from '../document-model';
import { officialMargins } from '../document-model';
import type { Draft } from '../draft';
import type { RegionTemplate } from '../region-template';
import type { BuildOptions } from './common';
import { consortiumNameOf, leadNameOf, paragraph, rawValue, textParagraphs, todayOf } from './common';
import { coverSection } from './cover';
import { styles } from './styles';

/**
 * 年度工作总结, on 内蒙古's 提纲 (附件5); also offered to 广西 and 浙江, whose rules ask for yearly reports.
 * Parts the user has written are printed; the others keep the 提纲's guidance, in 楷体, to be written over.
 */

export interface SummaryPart {
  heading: string;
  /** Draft field with the user's text for this part; absent for headings that only group parts. */
  key?: string;
  guidance?: string;
  level: 1 | 2;
}

export const annualSummaryOutline: SummaryPart[] = [
  { heading: '一、创新联合体基本建设情况', level: 1 },
  {
    heading: '（一）牵头单位的基本情况',
    key: 'summaryLeadUnit',
    level: 2,
    guidance:
      '包括所有制性质、职工人数、企业总资产、资产负债率、银行信用等级、销售收入、利润、主导产品及市场占有率、技术来源等。牵头企业在行业中的地位和作用，本产业领域技术创新中的作用和竞争能力。',
  },
  {
    heading: '（二）科研条件和资源建设情况',
    key: 'summaryResources',
    level: 2,
    guidance: '成员单位之间科研仪器、设备等科技资源共享情况，以及研发、检测、试制、中试等功能单元的分别的场地面积及主要条件等。',
  },
  {
    heading: '（三）经费保障情况',
    key: 'summaryFunding',
    level: 2,
    guidance:
      '1.创新联合体成员单位自身投入的研发经费情况。\n2.承担企业委托研发项目情况，包括承担企业委托研发项目数量、经费、以及项目完成情况。\n3.承担科技计划项目情况，包括承担国家、省、市科技计划项目数量及完成情况。',
  },
  {
    heading: '（四）管理体制机制建设情况',
    key: 'summaryManagement',
    level: 2,
    guidance: '1.各项管理制度建设及执行情况。\n2.产学研合作模式、协同创新机制建立情况。',
  },
  { heading: '二、创新联合体取得成果及运行成效', level: 1 },
  {
    heading: '（一）关键技术攻关情况',
    key: 'summaryKeyTechnologies',
    level: 2,
    guidance:
      '创新联合体成员单位协同开展关键技术攻关，破解“卡脖子”难题情况；定期梳理凝练产业关键核心技术，制定产业技术规划、形成战略咨询报告情况。',
  },
  {
    heading: '（二）成果产出情况',
    key: 'summaryOutputs',
    level: 2,
    guidance:
      '包括研究开发的新产品（品种）、新工艺、新技术、新装备等，制订的标准；授权的发明专利、软著等，以及技术水平，并附相关佐证材料。',
  },
  {
    heading: '（三）对外服务情况',
    key: 'summaryServices',
    level: 2,
    guidance:
      '包括大型科学仪器、设备设施对外开放共享情况；为企业提供技术咨询、人员培训、试验、检测等技术服务；为行业提供展览、学术会议等专业化服务情况。附典型案例介绍。',
  },
  {
    heading: '（四）对产业提升带动情况',
    key: 'summaryIndustryImpact',
    level: 2,
    guidance:
      '具体包括科技成果在区内企业转化应用、企业孵化，提升行业和区域相关产业水平、规模和竞争力；联合体成员间交流培养人才情况；招引集聚相关产业人才、带动就业，调动经济和社会效益等情况。附典型案例介绍。',
  },
  { heading: '三、存在的问题和需要政府部门协调解决的事项', key: 'summaryProblems', level: 1 },
  { heading: '四、下一年度发展目标', level: 1 },
  { heading: '（一）下一步研究方向及主要目标', key: 'summaryNextGoals', level: 2 },
  { heading: '（二）关键技术攻关、成果转化、创新平台建设、人才培养等方面的重点工作', key: 'summaryNextWork', level: 2 },
  { heading: '（三）合作模式、协同创新机制', key: 'summaryNextCooperation', level: 2 },
];

export function summaryYear(draft: Draft, options: BuildOptions): string {
  const typed = rawValue(draft, 'summaryYear');
  return /^\d{4}$/.test(typed) ? typed : todayOf(options).slice(0, 4);
}

export function buildAnnualSummary(template: RegionTemplate, draft: Draft, options: BuildOptions = {}): DocumentModel {
  const year = summaryYear(draft, options);
  const name = consortiumNameOf(draft) || `${template.name}××××创新联合体`;
  const line = { multiple: 1.5 };
  const body = { style: styles.planBody, lineSpacing: line, firstLineChars: 2, align: 'justify' } as const;
  const cover = coverSection({
    titleLines: [name, `${year}年度工作总结`],
    lines: [
      { label: '牵头单位', value: leadNameOf(draft), suffix: '（盖章）' },
      { label: '联系人', value: rawValue(draft, 'contactName') },
      { label: '联系电话', value: rawValue(draft, 'contactPhone') },
      { label: '报送日期', value: '　　年　　月　　日' },
    ],
    footLines: [`报送：${template.issuer}`],
  });
  const blocks: Block[] = [
    paragraph(`${name}${year}年度工作总结`, { style: styles.pageTitle, align: 'center', spaceAfterPt: 12, lineSpacing: line, outlineLevel: 0 }),
  ];
  for (const part of annualSummaryOutline) {
    blocks.push(
      paragraph(part.heading, {
        style: part.level === 1 ? styles.planHeading : { ...styles.planBody, bold: true },
        lineSpacing: line,
        keepWithNext: true,
        outlineLevel: part.level,
      }),
    );
    if (!part.key) continue;
    const value = rawValue(draft, part.key);
    if (value !== '') blocks.push(...textParagraphs(value, body));
    else if (part.guidance) blocks.push(...textParagraphs(`（填写提示：${part.guidance}）`, { ...body, style: styles.hint }));
    else blocks.push(paragraph('', body));
  }
  return {
    kind: 'annualSummary',
    title: `${year}年度工作总结`,
    baseStyle: { font: 'song', size: '小四' },
    sections: [cover, { marginsMm: officialMargins, pageNumbers: 'restart', blocks }],
  };
}
