import { describe, expect, it } from 'vitest';
import type { ParagraphBlock } from '../../../electron/shared/document-model';
import { imageInline, maxImageBytes, plainText } from '../../../electron/shared/document-model';
import {
  buildAnnualSummary,
  buildAttachmentChecklist,
  buildCommitmentLetter,
  buildImplementationPlan,
  buildStampChecklist,
  stampPlaces,
  unitSummaries,
} from '../../../electron/shared/documents';
import { UserError } from '../../../electron/shared/errors';
import { exampleDraft, templateOf, withField, withMembers } from './fixtures';

const paragraphs = (blocks: { kind: string }[]): ParagraphBlock[] => blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph');

/** A PNG data URL of about `bytes` bytes (a valid header and filler: the size is what is checked). */
function pngOfSize(bytes: number): string {
  const header = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  return `data:image/png;base64,${Buffer.concat([header, Buffer.alloc(Math.max(0, bytes - header.length))]).toString('base64')}`;
}

describe('实施方案', () => {
  const template = templateOf('xinjiang');
  const draft = exampleDraft('xinjiang');
  const model = buildImplementationPlan(template, draft);

  it('has its cover lines, its 填写说明 and every section heading of the outline with the user’s text', () => {
    const text = plainText(model);
    for (const label of ['项目名称', '牵头单位', '推荐单位', '申报单位', '负责人']) expect(text).toContain(`${label}：`);
    for (const mark of ['（公章）', '（签章）']) expect(text).toContain(mark);
    expect(text).toContain('二〇二五年三月十八日');
    for (const line of template.package.implementationPlan?.instructions ?? []) expect(text).toContain(line);
    for (const field of template.fields.filter((f) => f.key.startsWith('plan'))) {
      expect(text).toContain(field.heading);
      expect(text).toContain(draft.fields[field.key].split('\n')[0]);
    }
  });

  it('sets headings in 黑体四号 and the body in 宋体小四 with 1.5 line spacing, as its 填写说明 requires', () => {
    const body = paragraphs(model.sections[1].blocks);
    const headings = body.filter((p) => p.outlineLevel === 1 && p.runs.some((r) => r.kind === 'text' && /^[一二三四五六七八九十]+、/.test(r.text)));
    const numbered = (template.package.implementationPlan?.sections ?? []).filter((part) => /^[一二三四五六七八九十]+、/.test(part.heading));
    expect(headings.length).toBe(numbered.length);
    for (const heading of headings) {
      expect(heading.style).toMatchObject({ font: 'hei', size: '四号' });
      expect(heading.lineSpacing).toEqual({ multiple: 1.5 });
    }
    const text = body.find((p) => p.runs.some((r) => r.kind === 'text' && r.text === draft.fields.planOverview));
    expect(text?.style).toMatchObject({ font: 'song', size: '小四' });
    expect(text?.lineSpacing).toEqual({ multiple: 1.5 });
  });

  it('takes pictures under 100 KB and refuses larger ones', () => {
    const small = imageInline(pngOfSize(maxImageBytes - 10), 120, 60, '技术路线图');
    const withPicture = buildImplementationPlan(template, draft, { planImages: { planResearch: [small] } });
    const runs = withPicture.sections[1].blocks.flatMap((b) => (b.kind === 'paragraph' ? b.runs : []));
    expect(runs.filter((r) => r.kind === 'image')).toHaveLength(1);
    expect(() => imageInline(pngOfSize(maxImageBytes + 1024), 120, 60, '大图')).toThrow(UserError);
    expect(() => imageInline('data:text/html;base64,PGI+', 10, 10, 'x')).toThrow(UserError);
  });

  it('is offered to a region whose package leaves it out, from the same fields', () => {
    const text = plainText(buildImplementationPlan(templateOf('neimenggu'), exampleDraft('neimenggu')));
    expect(text).toContain('内蒙古自治区创新联合体实施方案');
    expect(text).toContain(exampleDraft('neimenggu').fields.planOverview);
  });
});

describe('承诺书 / 诚信承诺书', () => {
  it('两江新区: vouches for the package’s documents to the department, for the lead to stamp and sign', () => {
    const template = templateOf('chongqing');
    const draft = exampleDraft('chongqing');
    const text = plainText(buildCommitmentLetter(template, draft));
    expect(text).toContain('诚信承诺书');
    expect(text).toContain(`${template.issuer}：`);
    expect(text).toContain(`《${template.formTitle}》`);
    expect(text).toContain(`《${template.agreementTitle}》`);
    expect(text).toContain('真实、有效、完整');
    expect(text).toContain('承担相应责任');
    expect(text).toContain(`申报单位（公章）：${draft.fields.leadUnit}`);
    expect(text).toContain('法定代表人（签字）');
  });

  it('内蒙古: the 承诺书 of its form, on a page of its own', () => {
    const text = plainText(buildCommitmentLetter(templateOf('neimenggu'), exampleDraft('neimenggu')));
    expect(text).toContain('以本单位作为牵头单位提交的创新联合体备案材料内容可靠，数据真实');
    expect(text).toContain('法定代表人（授权人）签章');
  });
});

describe('附件材料清单', () => {
  it('ticks the items the user has ready and leaves the others open', () => {
    const template = templateOf('neimenggu');
    const attachmentItems = template.package.attachmentChecklist?.items ?? [];
    const model = buildAttachmentChecklist(template, withField(exampleDraft('neimenggu'), 'attachmentsReady', '1,3'));
    const text = plainText(model);
    for (const item of attachmentItems) expect(text).toContain(item.title);
    const rows = text.split('\n');
    const tick = (title: string) => rows[rows.indexOf(title) + (title === attachmentItems[0].title ? 2 : 1)];
    expect(tick(attachmentItems[0].title)).toBe('☑');
    expect(tick(attachmentItems[1].title)).toBe('☐');
    expect(tick(attachmentItems[2].title)).toBe('☑');
  });
});

describe('yearly reports', () => {
  it('广西: 本年度的总结和下一年度工作计划 with the items of its 第十二条, the year from its field', () => {
    const template = templateOf('guangxi');
    const draft = withField(withField(exampleDraft('guangxi'), 'summaryYear', '2025'), 'reportProblems', '中试平台用地审批周期较长。');
    const text = plainText(buildAnnualSummary(template, draft));
    expect(text).toContain(`${draft.fields.consortiumName}\n2025年度总结和下一年度工作计划`);
    for (const heading of [
      '（一）内部制度建设情况',
      '（二）核心技术攻关、创新平台设置实施情况',
      '（三）承担市场化成果转化或企业孵化情况',
      '（四）新技术、新产品应用推广情况',
      '二、当前存在的问题和需要政府部门协调解决的事项',
      '三、下一年度工作计划',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('中试平台用地审批周期较长。');
    // Not Inner Mongolia's outline, and no grey guidance printed as if it were the report.
    expect(text).not.toContain('创新联合体基本建设情况');
    expect(text).not.toContain('填写提示');
  });

  it('浙江: 上年度实施情况自评报告 on 战略目标实施 and 重大项目任务执行完成情况', () => {
    const template = templateOf('zhejiang');
    const draft = withField(exampleDraft('zhejiang'), 'summaryYear', '2025');
    const text = plainText(buildAnnualSummary(template, draft));
    expect(text).toContain('2025年度实施情况自评报告');
    expect(text).toContain('一、战略目标实施情况');
    expect(text).toContain('二、重大项目任务执行完成情况');
    expect(text).not.toContain('年度工作总结');
  });

  it('takes the year from its field, never from the clock: unfilled, the year is left blank', () => {
    const template = templateOf('neimenggu');
    const draft = withField(exampleDraft('neimenggu'), 'summaryYear', '');
    const text = plainText(buildAnnualSummary(template, draft));
    expect(text).toContain('　　　　年度工作总结');
    expect(text).not.toMatch(/20\d\d年度工作总结/);
    expect(text).not.toContain('填写提示');
    expect(plainText(buildAnnualSummary(template, withField(draft, 'summaryYear', '2024')))).toContain('2024年度工作总结');
  });
});

describe('盖章清单', () => {
  const template = templateOf('xinjiang');
  const draft = exampleDraft('xinjiang');

  it('sums up per unit what it stamps and signs across the three copies', () => {
    const lines = unitSummaries(template, draft).map((summary) => summary.line);
    const member = draft.tables.members[1].values.name;
    expect(lines).toContain(`${member}：组建协议 3 处公章、3 处签字`);
    const lead = lines.find((line) => line.startsWith(draft.tables.members[0].values.name));
    expect(lead).toContain('组建申请表 6 处公章、3 处骑缝章');
    expect(lead).toContain('组建协议 6 处公章、3 处签字、3 处骑缝章');
    expect(lead).toContain('实施方案 3 处公章、3 处签字、3 处骑缝章');
    expect(lines).toHaveLength(draft.tables.members.length);
  });

  it('names every place a stamp goes, and who fills the department’s own blocks', () => {
    const places = stampPlaces(template, draft);
    expect(places.some((p) => p.where.includes('牵头单位（盖章）') && p.document === 'applicationForm')).toBe(true);
    expect(places.some((p) => p.unit === '推荐单位' && p.party === 'outside')).toBe(true);
    expect(places.some((p) => p.unit === '受理部门' && p.note?.includes('申报时留空'))).toBe(true);
    const text = plainText(buildStampChecklist(template, draft));
    expect(text).toContain('骑缝章');
    expect(text).toContain(`全部成员单位（共 ${draft.tables.members.length} 家，按签章行顺序逐家办理）`);
  });

  it('grows with the members: 60 members, 60 unit lines', () => {
    const many = withMembers('xinjiang', 60);
    expect(unitSummaries(template, many)).toHaveLength(60);
  });

  it('for 内蒙古 counts the 承诺书’s 公章 and signature on the form, and for 两江新区 the 诚信承诺书', () => {
    // Filed online: one stamped original, scanned page by page, so no seam seal and no 一式三份.
    const neimenggu = unitSummaries(templateOf('neimenggu'), exampleDraft('neimenggu'))[0].line;
    expect(neimenggu).toContain('备案申请登记表 2 处公章、1 处签字');
    expect(neimenggu).not.toContain('骑缝章');
    const chongqing = unitSummaries(templateOf('chongqing'), exampleDraft('chongqing'))[0].line;
    expect(chongqing).toContain('诚信承诺书 3 处公章、3 处签字');
  });
});
