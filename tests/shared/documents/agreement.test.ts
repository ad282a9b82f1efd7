import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../../electron/shared/document-model';
import { plainText } from '../../../electron/shared/document-model';
import { agreementPreamble, buildAgreement, signatureColumns, signatureHeading } from '../../../electron/shared/documents';
import { allRegions, exampleDraft, templateOf, withField, withMembers } from './fixtures';

const signatureTable = (model: ReturnType<typeof buildAgreement>): TableBlock => {
  const blocks = model.sections[1].blocks;
  const table = blocks.find((block): block is TableBlock => block.kind === 'table');
  if (!table) throw new Error('no signature table');
  return table;
};

describe('组建协议', () => {
  for (const regionId of allRegions) {
    it(`${regionId}: fills the preamble, lists members by tier, and carries the user’s sections 二 to 七`, () => {
      const template = templateOf(regionId);
      const draft = exampleDraft(regionId);
      const model = buildAgreement(template, draft);
      const text = plainText(model);

      const preamble = agreementPreamble(template, draft);
      expect(preamble).not.toContain('****');
      expect(preamble).toContain(draft.fields.consortiumName);
      expect(preamble).toContain(draft.fields.industryField);
      expect(text).toContain(preamble);

      // 一、参与单位: each tier in the template's order, each member under its own tier.
      const tierPositions = template.tiers.map((tier) => text.indexOf(tier, text.indexOf('一、参与单位')));
      expect(tierPositions.every((position) => position > 0)).toBe(true);
      expect([...tierPositions].sort((a, b) => a - b)).toEqual(tierPositions);
      for (const member of draft.tables.members) {
        const tierIndex = template.tiers.indexOf(member.values.tier);
        const at = text.indexOf(member.values.name, text.indexOf('一、参与单位'));
        expect(at, member.values.name).toBeGreaterThan(tierPositions[tierIndex]);
        if (tierIndex + 1 < tierPositions.length) expect(at).toBeLessThan(tierPositions[tierIndex + 1]);
      }

      for (const field of template.fields.filter((f) => f.step === 'agreement')) {
        expect(text).toContain(field.heading);
        expect(text.replace(/\s+/g, '')).toContain(draft.fields[field.key].replace(/\s+/g, ''));
      }
      expect(text).toContain(signatureHeading);
    });
  }

  it('has one signature row per member — 60 members, 60 rows — under a header repeated on every page', () => {
    const template = templateOf('xinjiang');
    const draft = withMembers('xinjiang', 60);
    const table = signatureTable(buildAgreement(template, draft));
    expect(table.headerRows).toBe(1);
    expect(plainText({ kind: 'agreement', title: '', baseStyle: { font: 'song', size: '五号' }, sections: [{ marginsMm: { top: 0, bottom: 0, left: 0, right: 0 }, pageNumbers: 'none', blocks: [{ ...table, rows: [table.rows[0]] }] }] })).toBe(
      signatureColumns(template).join('\n'),
    );
    expect(table.rows).toHaveLength(61);
    const names = table.rows.slice(1).map((row) => plainText({ kind: 'agreement', title: '', baseStyle: { font: 'song', size: '五号' }, sections: [{ marginsMm: { top: 0, bottom: 0, left: 0, right: 0 }, pageNumbers: 'none', blocks: [{ ...table, rows: [row] }] }] }));
    for (const member of draft.tables.members) expect(names.some((line) => line.includes(member.values.name))).toBe(true);
    // Rows stay whole (a seal must not be split across two pages) and leave room for it.
    expect(table.rows.every((row) => !row.allowSplit)).toBe(true);
    expect(table.rows.slice(1).every((row) => (row.minHeightMm ?? 0) >= 44)).toBe(true);
  });

  it('uses each region’s own wording: 两江新区 numbers tiers （一）, 浙江 signs a 组建意向书, 内蒙古 its own preamble', () => {
    expect(plainText(buildAgreement(templateOf('chongqing'), exampleDraft('chongqing')))).toContain('（一）牵头单位');
    expect(agreementPreamble(templateOf('zhejiang'), exampleDraft('zhejiang'))).toContain('签署组建意向书');
    expect(agreementPreamble(templateOf('xinjiang'), exampleDraft('xinjiang'))).toContain('自治区煤炭煤电煤化工重大科技专项要求');
    expect(agreementPreamble(templateOf('neimenggu'), exampleDraft('neimenggu'))).toContain('优势互补、分工明确、成果共享、风险共担');
  });

  it('keeps the placeholders visible where the user has not named the industry', () => {
    const preamble = agreementPreamble(templateOf('xinjiang'), withField(exampleDraft('xinjiang'), 'industryField', ''));
    expect(preamble).toContain('新疆维吾尔自治区____科技创新');
  });

  it('puts the lead first under 牵头单位 even when its tier cell says otherwise', () => {
    const template = templateOf('xinjiang');
    const draft = exampleDraft('xinjiang');
    const members = draft.tables.members.map((row, i) => (i === 0 ? { ...row, values: { ...row.values, tier: '' } } : row));
    const text = plainText(buildAgreement(template, { ...draft, tables: { ...draft.tables, members } }));
    expect(text.indexOf(members[0].values.name, text.indexOf('1.牵头单位'))).toBeLessThan(text.indexOf('2.核心层单位'));
  });
});
