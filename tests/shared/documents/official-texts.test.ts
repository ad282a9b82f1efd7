import { describe, expect, it } from 'vitest';
import type { DocumentModel, TableBlock } from '../../../electron/shared/document-model';
import { cellWidthForMm, fontSizePt, officialMargins, plainText } from '../../../electron/shared/document-model';
import {
  buildAgreement,
  buildApplicationForm,
  buildDocument,
  buildImplementationPlan,
  buildPackage,
  buildStampChecklist,
  filingDocuments,
  listDocuments,
  renderHtml,
  signingOrder,
  stampPlaces,
  unitSummaries,
} from '../../../electron/shared/documents';
import type { Draft } from '../../../electron/shared/draft';
import { allRegions, exampleDraft, templateOf } from './fixtures';

/**
 * Each point an official would object to, checked against what the region's own text says (the seeds in
 * /work/shared/seeds): the wording of signatures, what covers and 填表说明 may claim, how the package is filed,
 * and the typography every package shares.
 */

const tables = (model: DocumentModel): TableBlock[] =>
  model.sections.flatMap((section) => section.blocks.filter((block): block is TableBlock => block.kind === 'table'));
const coverText = (model: DocumentModel) => plainText({ ...model, sections: [model.sections[0]] });
const withField = (draft: Draft, key: string, value: string): Draft => ({ ...draft, fields: { ...draft.fields, [key]: value } });

describe('重庆两江新区', () => {
  const template = templateOf('chongqing');
  const draft = exampleDraft('chongqing');

  it('has the agreement signed by each member’s 法定代表人 — 「必须由成员单位法定代表人共同签署」 — with no letter of authority', () => {
    const text = plainText(buildAgreement(template, draft));
    expect(text).toContain('法定代表人（签字）');
    expect(text).not.toContain('授权代表');
    const checklist = plainText(buildStampChecklist(template, draft));
    expect(checklist).not.toContain('授权书');
    expect(checklist).toContain('须由法定代表人本人签字');
  });

  it('writes a 实施方案 without a 推荐单位 and with the lists its rules ask of a plan', () => {
    const text = plainText(buildImplementationPlan(template, draft));
    expect(text).not.toContain('推荐单位');
    for (const heading of ['重大科学问题清单', '产业共性关键技术清单', '科技成果转化清单', '标志性成果和战略性产品', '拟制定的技术标准、产品标准、行业标准']) {
      expect(text).toContain(heading);
    }
    expect(text).toContain(draft.fields.planStandards);
    // Nobody is sent to fetch a stamp from a recommending body Chongqing does not have.
    expect(stampPlaces(template, draft).some((place) => place.unit === '推荐单位')).toBe(false);
  });
});

describe('内蒙古自治区', () => {
  const template = templateOf('neimenggu');
  const draft = exampleDraft('neimenggu');

  it('has the agreement signed by 「法定代表人或负责人」 and no template note under the signatures', () => {
    const text = plainText(buildAgreement(template, draft));
    expect(text).toContain('法定代表人或负责人（签字）');
    expect(text).not.toContain('授权代表');
    expect(text).not.toContain('此模板仅供参考');
  });

  it('prints the GB/T 4754 name of the chosen 行业类别 code on the agreement’s cover, not the 产业领域', () => {
    const industry = withField(withField(draft, 'industryCode', '3232'), 'industryField', '某某产业领域');
    const names: Record<string, string> = { 3232: '稀土金属冶炼' };
    const cover = coverText(buildAgreement(template, industry, { codeName: (_kind, code) => names[code] ?? null }));
    expect(cover).toContain('行业类别名称：\n稀土金属冶炼');
    expect(cover).not.toContain('某某产业领域');
  });

  it('files online through 蒙科聚: one stamped original scanned and uploaded, never 一式三份', () => {
    const checklist = plainText(buildStampChecklist(template, draft));
    expect(checklist).toContain('蒙科聚');
    expect(checklist).toContain('扫描上传');
    expect(checklist).not.toContain('一式三份');
    expect(checklist).not.toContain('骑缝');
    expect(unitSummaries(template, draft)[0].line).toContain('组建协议 2 处公章、1 处签字');
  });

  it('keeps the 年度工作总结 out of the filing: offered as a later report, not numbered among the documents', () => {
    expect(filingDocuments(template)).toEqual(['applicationForm', 'agreement', 'attachmentChecklist']);
    const summary = listDocuments(template, draft).find((entry) => entry.kind === 'annualSummary');
    expect(summary).toMatchObject({ filed: false, later: true });
    expect(plainText(buildPackage(template, draft))).not.toContain('年度工作总结');
  });
});

describe('广西 and 浙江: rules without a form', () => {
  for (const regionId of ['guangxi', 'zhejiang']) {
    const template = templateOf(regionId);
    const draft = exampleDraft(regionId);

    it(`${regionId}: says it uses the common layout, claims no 「……科学技术厅制」 and no procedure its text lacks`, () => {
      const form = buildApplicationForm(template, draft);
      const text = plainText(form);
      expect(template.commonLayout).toBe(true);
      expect(text).toContain('通用申请表版式');
      expect(text).not.toContain('科学技术厅制');
      expect(coverText(buildAgreement(template, draft))).not.toContain('科学技术厅制');
      expect(text).not.toContain('一式三份');
      expect(text).not.toContain('两份报');
      expect(plainText(buildStampChecklist(template, draft))).not.toContain('一式三份');
    });
  }

  it('浙江: prints the 3-year strategic goals its text requires (「明确3年战略目标」)', () => {
    const template = templateOf('zhejiang');
    const draft = withField(exampleDraft('zhejiang'), 'strategicGoals3y', '第一年突破单元技术，第二年完成样机，第三年实现产业化。');
    const text = plainText(buildApplicationForm(template, draft));
    expect(text).toContain('技术创新3年战略目标');
    expect(text).toContain('第一年突破单元技术，第二年完成样机，第三年实现产业化。');
  });
});

describe('新疆维吾尔自治区', () => {
  const template = templateOf('xinjiang');
  const draft = exampleDraft('xinjiang');

  it('labels the contact’s number 「电话」 in the table, as the form does, and 「联系电话」 on the cover', () => {
    const form = buildApplicationForm(template, draft);
    expect(coverText(form)).toContain('联系电话：');
    const main = plainText({ ...form, sections: form.sections.slice(1) });
    expect(main).toContain('联系人\n');
    expect(main).toMatch(/\n电话\n/);
    expect(main).not.toContain('联系电话');
  });

  it('carries 附件1, 附件2, 附件3 on the covers and 「自治区科学技术厅」 on the 实施方案’s', () => {
    expect(coverText(buildApplicationForm(template, draft))).toMatch(/^附件1\n/);
    expect(coverText(buildAgreement(template, draft))).toMatch(/^附件2\n/);
    const plan = coverText(buildImplementationPlan(template, draft));
    expect(plan).toMatch(/^附件3\n/);
    expect(plan).toContain('\n自治区科学技术厅\n');
    expect(plan).not.toContain('新疆维吾尔自治区科学技术厅');
  });

  it('numbers the 实施方案’s sections as the form does, ending at 十三、其他', () => {
    const text = plainText(buildImplementationPlan(template, draft));
    expect(text).toContain('七、主要研发内容和技术路线');
    expect(text).toContain('十三、其他');
    expect(text).not.toContain('十四、');
    expect(text.trim().endsWith('（实施方案须包含但不限于以上内容）')).toBe(true);
  });
});

describe('every region', () => {
  for (const regionId of allRegions) {
    const template = templateOf(regionId);
    const draft = exampleDraft(regionId);

    it(`${regionId}: one GB/T 9704 margin set (37/35/28/26 mm) for every section of the package and of each document`, () => {
      const models = [buildPackage(template, draft), ...listDocuments(template, draft)
        .filter((entry) => entry.format === 'docx')
        .map((entry) => buildDocument(entry.kind as Exclude<typeof entry.kind, 'memberWorkbook'>, template, draft))];
      for (const model of models) for (const section of model.sections) expect(section.marginsMm).toEqual(officialMargins);
    });

    it(`${regionId}: signature rows fit a 42 mm seal, and the checklist lists units in signature-row order`, () => {
      const signatures = tables(buildAgreement(template, draft)).at(-1)!;
      for (const row of signatures.rows.slice(1)) expect(row.minHeightMm ?? 0).toBeGreaterThanOrEqual(42);
      expect(signatures.columnsMm[1]).toBeGreaterThanOrEqual(42);
      const order = signingOrder(template, draft).map((member) => member.values.name);
      const units = unitSummaries(template, draft).map((summary) => summary.unit);
      expect(units).toEqual(order);
    });

    it(`${regionId}: narrow headers (序号, 骑缝章, 公章) have room for their characters`, () => {
      const size = fontSizePt['五号'];
      for (const table of tables(buildStampChecklist(template, draft))) {
        const header = plainText({ ...buildStampChecklist(template, draft), sections: [{ marginsMm: officialMargins, pageNumbers: 'none', blocks: [{ ...table, rows: [table.rows[0]] }] }] }).split('\n');
        // Short headers must not wrap (序/号, 骑缝/章); longer ones wrap by design over the width they are given.
        header.forEach((label, i) => {
          if ([...label].length <= 3) expect(table.columnsMm[i], label).toBeGreaterThanOrEqual(cellWidthForMm(label, size) - 0.01);
        });
      }
      for (const table of tables(buildApplicationForm(template, draft))) {
        if (table.columnsMm.length === 3 && table.rows.some((row) => plainText({ ...buildApplicationForm(template, draft), sections: [{ marginsMm: officialMargins, pageNumbers: 'none', blocks: [{ ...table, rows: [row] }] }] }).startsWith('序号'))) {
          expect(table.columnsMm[0]).toBeGreaterThanOrEqual(cellWidthForMm('序号', size));
        }
      }
    });
  }

  it('keeps the 「若成员单位超过20家……」 and 理事会 notes with their tables', () => {
    for (const regionId of ['xinjiang', 'zhejiang']) {
      const form = buildApplicationForm(templateOf(regionId), exampleDraft(regionId));
      const blocks = form.sections[1].blocks;
      const notes = blocks
        .map((block, index) => ({ block, index }))
        .filter(({ block }) => block.kind === 'paragraph' && block.runs.some((run) => run.kind === 'text' && run.text.startsWith('注：')));
      expect(notes.length, regionId).toBeGreaterThan(0);
      for (const { index } of notes) {
        const before = blocks[index - 1];
        expect(before.kind).toBe('table');
        if (before.kind === 'table') expect(before.rows.at(-1)?.keepWithNext, regionId).toBe(true);
      }
      expect(renderHtml(form)).toMatch(/break-after: avoid">[^]*?注：若成员单位超过20家/);
    }
  });

  it('never breaks an 18-digit 身份证号 or a phone number: kept on one line, in columns wide enough', () => {
    const template = templateOf('neimenggu');
    const draft = exampleDraft('neimenggu');
    const form = buildApplicationForm(template, draft);
    const html = renderHtml(form);
    for (const key of ['legalRepIdCard', 'contactIdCard', 'legalRepPhone', 'contactPhone']) {
      const value = draft.fields[key];
      expect(html).toContain(`white-space: nowrap">${value}</span>`);
    }
    const people = tables(form).find((table) => table.borders === 'grid')!;
    expect(people.columnsMm[3]).toBeGreaterThanOrEqual(cellWidthForMm(draft.fields.legalRepIdCard, fontSizePt['五号']));
    expect(people.columnsMm[5]).toBeGreaterThanOrEqual(cellWidthForMm(draft.fields.legalRepPhone, fontSizePt['五号']));
  });
});
