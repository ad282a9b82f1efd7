import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPackage } from '../../../electron/core/documents/export-package';
import { convertToPdf, findSoffice } from '../../../electron/core/documents/libreoffice';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { printedMembers } from '../../../electron/shared/derive';
import type { Draft } from '../../../electron/shared/draft';
import type { DocumentKind, RegionId } from '../../../electron/shared/region-template';
import { tableIds } from '../../../electron/shared/region-template';
import { requireSystemTools } from '../../helpers/system-tools';
import { makeTempDir } from '../../helpers/temp-dir';
import { allRegions, exampleDraft, longText, templateOf, withField, withMembers } from '../../shared/documents/fixtures';

/**
 * The exported .docx files opened by another office suite: LibreOffice converts every document of every
 * region's example (and a 60-member draft with long texts) to PDF in one run, and pdftotext reads them back.
 * What the user typed must be there, whole, on a plausible number of pages.
 */


interface Converted {
  text: string;
  pages: number;
}

describe('exported documents read back through LibreOffice', () => {
  const temp = makeTempDir('lianheti-lo-test-');
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
  const pdfs = new Map<string, Converted>();
  const drafts = new Map<string, Draft>();
  const goals = longText(500, '目标');
  const cv = longText(1800, '简历');

  const save = (regionId: RegionId, draft: Draft) =>
    store.createDraft({
      regionId,
      templateVersion: draft.templateVersion,
      fields: draft.fields,
      tables: Object.fromEntries(tableIds.map((t) => [t, draft.tables[t].map((row) => row.values)])),
    });

  beforeAll(async () => {
    requireSystemTools('soffice-writer', 'poppler', 'fonts-cjk');
    const soffice = findSoffice();
    if (!soffice) throw new Error('LibreOffice (soffice) not found');
    const flat = join(temp.dir, 'convert');
    mkdirSync(flat);
    const cases: [string, RegionId, Draft][] = allRegions.map((regionId) => [regionId, regionId, exampleDraft(regionId)]);
    cases.push(['big', 'xinjiang', withField(withField(withMembers('xinjiang', 60, { markMain: 0 }), 'goals', goals), 'chiefScientistCv', cv)]);
    const sources: string[] = [];
    for (const [name, regionId, draft] of cases) {
      const saved = save(regionId, draft);
      drafts.set(name, saved);
      const result = await exportPackage({ template: templateOf(regionId), draft: saved, store, outDir: join(temp.dir, name), pdf: false });
      // Only what the tests below read: each LibreOffice page costs time on a 2-core CI machine.
      const wanted = (kind: DocumentKind) =>
        kind === 'applicationForm' || kind === 'agreement' || (name === 'xinjiang' && (kind === 'implementationPlan' || kind === 'stampChecklist'));
      for (const file of result.files.filter((f) => f.format === 'docx' && f.kind !== 'package' && wanted(f.kind))) {
        const source = join(flat, `${name}-${file.kind}.docx`);
        copyFileSync(join(result.folder, file.name), source);
        sources.push(source);
      }
    }
    // One LibreOffice start for everything: each start costs seconds.
    const converted = await convertToPdf(sources, flat, { soffice, timeoutMs: 300_000 });
    for (const pdf of converted) {
      const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? 0);
      pdfs.set(pdf.replace(/^.*[\\/]/, '').replace(/\.pdf$/, ''), { text, pages });
    }
  }, 360_000);

  afterAll(() => {
    store.close();
    temp.cleanup();
  });

  const pdf = (name: string, kind: DocumentKind): Converted => {
    const found = pdfs.get(`${name}-${kind}`);
    if (!found) throw new Error(`${name}-${kind} was not converted`);
    return found;
  };
  /** Text as a reader compares it: page numbers, line breaks inside table cells and justified lines do not count. */
  const compact = (text: string) => text.replace(/^\s*—\s*\d+\s*—\s*$/gm, '').replace(/\s+/g, '');

  for (const regionId of allRegions) {
    it(`${regionId}: the form shows the consortium, its lead, its first 20 members, team, platforms and goals`, () => {
      const template = templateOf(regionId);
      const draft = drafts.get(regionId)!;
      const form = pdf(regionId, 'applicationForm');
      const text = compact(form.text);
      expect(text).toContain(compact(draft.fields.consortiumName));
      expect(text).toContain(compact(draft.fields.leadUnit));
      for (const member of printedMembers(template, draft).slice(0, 20)) {
        expect(text, member.values.name).toContain(compact(member.values.name));
        expect(text).toContain(member.values.uscc);
      }
      expect(text).toContain(compact(draft.tables.team[0].values.name));
      expect(text).toContain(compact(draft.tables.platforms[0].values.name));
      expect(text).toContain(compact(draft.fields.goals));
      // Cover, instructions, then the table over a few pages.
      expect(form.pages).toBeGreaterThanOrEqual(4);
      expect(form.pages).toBeLessThanOrEqual(10);
    });

    it(`${regionId}: the agreement lists every member and carries the user’s sections`, () => {
      const draft = drafts.get(regionId)!;
      const agreement = pdf(regionId, 'agreement');
      const text = compact(agreement.text);
      for (const member of draft.tables.members) expect(text).toContain(compact(member.values.name));
      expect(text).toContain(compact(draft.fields.agreementGoals));
      expect(text).toContain('八、所有成员单位签章');
      expect(agreement.pages).toBeGreaterThanOrEqual(3);
      expect(agreement.pages).toBeLessThanOrEqual(12);
    });
  }

  it('xinjiang: the stamp checklist tells each unit what it stamps and signs', () => {
    const draft = drafts.get('xinjiang')!;
    const checklist = compact(pdf('xinjiang', 'stampChecklist').text);
    for (const member of draft.tables.members.slice(1)) {
      expect(checklist).toContain(compact(`${member.values.name}：组建协议 3 处公章、3 处签字`));
    }
  });

  it('xinjiang: the 实施方案 carries every section the user wrote', () => {
    const draft = drafts.get('xinjiang')!;
    const plan = pdf('xinjiang', 'implementationPlan');
    const text = compact(plan.text);
    for (const key of Object.keys(draft.fields).filter((k) => k.startsWith('plan'))) expect(text).toContain(compact(draft.fields[key]));
    expect(plan.pages).toBeGreaterThanOrEqual(3);
  });

  it('keeps every 身份证号, phone number and credit code whole on one line, as LibreOffice lays them out', () => {
    // The pages after the cover: the cover has room to spare, the table's cells do not.
    const lines = (name: string) => {
      const text = pdf(name, 'applicationForm').text;
      return text.slice(text.indexOf('填表说明')).split('\n');
    };
    const neimenggu = drafts.get('neimenggu')!;
    const printed = lines('neimenggu');
    for (const key of ['legalRepIdCard', 'contactIdCard', 'legalRepPhone', 'contactPhone']) {
      expect(printed.some((line) => line.includes(neimenggu.fields[key])), key).toBe(true);
    }
    for (const regionId of allRegions) {
      const draft = drafts.get(regionId)!;
      const text = lines(regionId);
      const phones = templateOf(regionId).package.applicationForm.coverOnlyFields.includes('contactPhone') ? '' : draft.fields.contactPhone;
      for (const phone of phones.split(/[、，,；;\s]+/).filter(Boolean)) {
        expect(text.some((line) => line.includes(phone)), `${regionId} ${phone}`).toBe(true);
      }
      for (const member of printedMembers(templateOf(regionId), draft)) {
        expect(text.some((line) => line.includes(member.values.uscc)), `${regionId} ${member.values.uscc}`).toBe(true);
      }
    }
  });

  it('prints GB/T 9704 page numbers 「— N —」 on the numbered pages', () => {
    expect(pdf('xinjiang', 'agreement').text).toMatch(/^\s*—\s*1\s*—\s*$/m);
  });

  it('a 500-字 goal and a long CV flow over the pages whole', () => {
    const form = pdf('big', 'applicationForm');
    const text = compact(form.text);
    expect(text).toContain(goals);
    expect(text).toContain(cv);
    expect(form.pages).toBeGreaterThanOrEqual(6);
  });

  it('a 60-member consortium: 20 on the form, all 60 signing the agreement under a repeated header', () => {
    const template = templateOf('xinjiang');
    const draft = drafts.get('big')!;
    const formText = compact(pdf('big', 'applicationForm').text);
    const printed = printedMembers(template, draft);
    expect(printed).toHaveLength(20);
    for (const member of draft.tables.members.slice(20)) expect(formText).not.toContain(member.values.uscc);

    const agreement = pdf('big', 'agreement');
    const text = compact(agreement.text);
    const signatures = text.slice(text.lastIndexOf('八、所有成员单位签章'));
    for (const member of draft.tables.members) expect(signatures).toContain(compact(member.values.name));
    // 60 rows tall enough for a seal run over several pages, each opening with the column labels again.
    expect(agreement.pages).toBeGreaterThanOrEqual(9);
    expect(signatures.split('法定代表人或授权代表（签字）').length - 1).toBeGreaterThanOrEqual(5);
  });
});
