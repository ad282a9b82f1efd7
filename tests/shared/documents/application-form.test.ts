import { describe, expect, it } from 'vitest';
import { printedMembers } from '../../../electron/shared/derive';
import type { Block, DocumentModel, TableBlock } from '../../../electron/shared/document-model';
import { officialMargins, plainText, textWidthMm } from '../../../electron/shared/document-model';
import { buildApplicationForm, opinionBlocks } from '../../../electron/shared/documents';
import { memberKeys } from '../../../electron/shared/draft';
import { allRegions, exampleDraft, templateOf, withField, withMembers } from './fixtures';

const tables = (model: DocumentModel): TableBlock[] =>
  model.sections.flatMap((section) => section.blocks).filter((block: Block): block is TableBlock => block.kind === 'table');

/** The text of a model with its whitespace removed, as a reader compares it. */
const compact = (model: DocumentModel) => plainText(model).replace(/\s+/g, '');

describe('组建申请表 / 备案申请登记表', () => {
  for (const regionId of allRegions) {
    describe(regionId, () => {
      const template = templateOf(regionId);
      const draft = exampleDraft(regionId);
      const model = buildApplicationForm(template, draft);
      const text = compact(model);

      it('prints the values the user entered: name, lead, members, team, platforms, goals', () => {
        expect(text).toContain(draft.fields.consortiumName);
        expect(text).toContain(draft.fields.leadUnit);
        for (const member of printedMembers(template, draft)) {
          expect(text).toContain(member.values[memberKeys.name]);
          expect(text).toContain(member.values[memberKeys.uscc]);
        }
        expect(text).toContain(draft.tables.team[0].values.name);
        expect(text).toContain(draft.tables.platforms[0].values.name);
        expect(text).toContain(draft.fields.goals.replace(/\s+/g, ''));
      });

      it('uses the template’s labels, headings and instructions, not copies of its own', () => {
        // Cover-only fields, and 内蒙古's 「Q其他」, which is printed inside the chosen 「Q.其他（…）」.
        const notInTable = ['fillDate', 'contactName', 'contactPhone', 'techFieldOther'];
        for (const field of template.fields) {
          if (field.step === 'basic' && !field.extra && !notInTable.includes(field.key)) {
            expect(text, field.key).toContain(field.label.replace(/\s+/g, ''));
          }
          if (field.step === 'texts' && !field.extra && !field.key.startsWith('plan') && field.heading) {
            expect(text, field.key).toContain(field.heading);
          }
        }
        for (const table of template.tables) if (table.heading) expect(text, table.key).toContain(table.heading);
        for (const line of template.instructions) expect(text).toContain(line.replace(/\s+/g, ''));
      });

      it('opens with a cover bearing the issuer where the region issues a form, and numbers the pages after it', () => {
        const [cover, body] = model.sections;
        expect(cover.pageNumbers).toBe('none');
        expect(body.pageNumbers).toBe('restart');
        const coverText = plainText({ ...model, sections: [cover] });
        // 广西 and 浙江 issue no form: a cover 「……科学技术厅制」 would claim one.
        if (template.commonLayout) expect(coverText).not.toContain(template.issuer);
        else expect(coverText).toContain(template.issuer);
      });

      it('ends with its opinion blocks, each with a stamp or signature line and 年 月 日', () => {
        for (const block of opinionBlocks(template)) {
          expect(text).toContain(block.title);
          expect(text).toContain(block.signer.replace(/\s+/g, ''));
        }
        expect(text.match(/年月日/g)?.length ?? 0).toBeGreaterThanOrEqual(opinionBlocks(template).length);
      });

      it('gives every table explicit column widths that fill the text width', () => {
        for (const table of tables(model)) {
          expect(table.columnsMm.every((mm) => mm > 0)).toBe(true);
          if (table.borders === 'grid') {
            expect(table.columnsMm.reduce((a, b) => a + b, 0)).toBeCloseTo(textWidthMm(officialMargins), 0);
          }
        }
      });

      it('repeats the title and column labels of the team, platform and member tables on every page', () => {
        const listTables = tables(model).filter((table) => (table.headerRows ?? 0) > 0);
        expect(listTables.length).toBeGreaterThanOrEqual(3);
        for (const table of listTables) expect(table.headerRows).toBe(2);
      });

      it('lets only long free text split across pages', () => {
        const goalsRow = tables(model)
          .flatMap((table) => table.rows)
          .find((row) => row.cells.some((cell) => cell.blocks.some((b) => b.runs.some((r) => r.kind === 'text' && draft.fields.goals.startsWith(r.text.slice(0, 20))))));
        expect(goalsRow?.allowSplit).toBe(true);
        const memberRows = tables(model).find((table) => compact({ ...model, sections: [{ ...model.sections[1], blocks: [table] }] }).includes('序号'));
        expect(memberRows?.rows.slice(2).every((row) => !row.allowSplit)).toBe(true);
      });
    });
  }

  it('lists at most 20 members, the lead first, then those marked 主要成员单位', () => {
    const template = templateOf('xinjiang');
    const draft = withMembers('xinjiang', 30, { markMain: 12 });
    const text = compact(buildApplicationForm(template, draft));
    const printed = printedMembers(template, draft);
    expect(printed).toHaveLength(13);
    expect(printed[0].values.tier).toBe('牵头单位');
    // By credit code: a member's name may also appear as a team member's or platform's unit.
    for (const member of draft.tables.members.slice(13)) expect(text).not.toContain(member.values.uscc);
    for (const member of draft.tables.members.slice(0, 13)) expect(text).toContain(member.values.uscc);
    expect(text).toContain('注：若成员单位超过20家，则只需填写主要成员单位的有关情况。');
  });

  it('prints 20 members when none is marked and there are 60', () => {
    const template = templateOf('xinjiang');
    const draft = withMembers('xinjiang', 60, { markMain: 0 });
    const model = buildApplicationForm(template, draft);
    const memberTable = tables(model).find((table) => table.columnsMm.length === 3 && (table.headerRows ?? 0) === 2);
    expect(memberTable?.rows.length).toBe(2 + 20);
  });

  it('keeps the blank rows of the official form when the user has fewer', () => {
    const template = templateOf('xinjiang');
    const draft = exampleDraft('xinjiang');
    const model = buildApplicationForm(template, { ...draft, tables: { ...draft.tables, team: draft.tables.team.slice(0, 2) } });
    const team = tables(model).find((table) => table.columnsMm.length === 5 && plainText({ ...model, sections: [{ ...model.sections[1], blocks: [table] }] }).includes('姓名'));
    expect(team?.rows.length).toBe(2 + 8);
  });

  it('prints a date not given as the form’s blanks', () => {
    const template = templateOf('xinjiang');
    const text = plainText(buildApplicationForm(template, withField(exampleDraft('xinjiang'), 'agreementDate', '')));
    expect(text).toContain('　　年　　月　　日');
  });

  describe('内蒙古 备案申请登记表', () => {
    const template = templateOf('neimenggu');
    const draft = exampleDraft('neimenggu');

    it('carries the 承诺书 with 公章 and 法定代表人（授权人）签章, and the lead marked in row 1', () => {
      const text = compact(buildApplicationForm(template, draft));
      expect(text).toContain('六、承诺书');
      expect(text).toContain('本单位承诺：以本单位作为牵头单位提交的创新联合体备案材料内容可靠，数据真实。');
      expect(text).toContain('（公章）');
      expect(text).toContain('法定代表人（授权人）签章');
      expect(text).toContain(`（牵头单位）${draft.tables.members[0].values.name}`);
      expect(text).toContain('2023年制');
    });

    it('prints ID numbers, codes with their names, and technical fields with their labels', () => {
      const text = compact(
        buildApplicationForm(template, draft, { codeName: (kind, code) => (kind === 'industry' && code === '3232' ? '稀土金属冶炼' : null) }),
      );
      expect(text).toContain(draft.fields.legalRepIdCard);
      expect(text).toContain(draft.fields.contactIdCard);
      expect(text).toContain('代码3232');
      expect(text).toContain('名称：稀土金属冶炼');
      expect(text).toContain('C.新材料；O.冶金建材；Q.其他（稀土资源综合利用与回收）');
    });

    it('lists every member: its form sets no limit', () => {
      const many = withMembers('neimenggu', 26);
      const text = compact(buildApplicationForm(template, many));
      for (const member of many.tables.members) expect(text).toContain(member.values.name);
    });
  });

  it('prints 广西’s 注册地 under each member, as its instructions ask, with the place named', () => {
    const template = templateOf('guangxi');
    const draft = exampleDraft('guangxi');
    const text = compact(buildApplicationForm(template, draft, { placeName: (code) => (code === '450205' ? '广西壮族自治区柳州市柳北区' : null) }));
    expect(text).toContain('注册地：广西壮族自治区柳州市柳北区（450205）');
  });

  it('prints 浙江’s 理事会 table after the numbered texts', () => {
    const template = templateOf('zhejiang');
    const draft = exampleDraft('zhejiang');
    const text = compact(buildApplicationForm(template, draft));
    expect(text.indexOf('七、理事会组成情况')).toBeGreaterThan(text.indexOf('六、联合体已具备的合作基础'));
    expect(text).toContain(draft.tables.council[0].values.name);
  });

  it('leaves 两江新区’s contact off the table, as its form has no such row, but keeps it on the cover', () => {
    const template = templateOf('chongqing');
    const draft = exampleDraft('chongqing');
    const model = buildApplicationForm(template, draft);
    expect(plainText({ ...model, sections: [model.sections[0]] })).toContain(draft.fields.contactPhone);
    expect(plainText({ ...model, sections: [model.sections[1]] })).not.toContain(draft.fields.contactPhone);
    expect(compact(model)).toContain('专家组意见');
  });
});
