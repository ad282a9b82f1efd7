import { describe, expect, it } from 'vitest';
import { plainText } from '../../../electron/shared/document-model';
import {
  buildDocument,
  buildPackage,
  renderHtml,
  exportFolderName,
  filingDocuments,
  listDocuments,
  offeredDocuments,
  safeFileName,
  unnamedConsortium,
} from '../../../electron/shared/documents';
import type { Draft } from '../../../electron/shared/draft';
import { tableIds } from '../../../electron/shared/region-template';
import { allRegions, exampleDraft, templateOf } from './fixtures';

const emptyDraft = (regionId: Draft['regionId']): Draft => ({
  id: 'empty',
  regionId,
  templateVersion: 1,
  createdAt: '',
  updatedAt: '',
  deletedAt: null,
  fields: {},
  tables: Object.fromEntries(tableIds.map((t) => [t, []])) as unknown as Draft['tables'],
});

describe('a draft’s package', () => {
  for (const regionId of allRegions) {
    it(`${regionId}: lists the region’s documents, and those offered besides, with what each still needs`, () => {
      const template = templateOf(regionId);
      const entries = listDocuments(template, exampleDraft(regionId));
      expect(entries.filter((e) => e.inPackage).map((e) => e.kind)).toEqual(
        offeredDocuments(template).filter((kind) => template.documents.includes(kind)),
      );
      // The examples are complete filings: every document that goes to the department is ready.
      for (const entry of entries.filter((e) => e.inPackage && e.filed && e.kind !== 'attachmentChecklist')) {
        expect(entry.missing, `${regionId} ${entry.kind}`).toEqual([]);
        expect(entry.ready).toBe(true);
      }
      const empty = listDocuments(template, emptyDraft(regionId));
      for (const entry of empty) {
        expect(entry.ready, `${regionId} ${entry.kind}`).toBe(false);
        expect(entry.missing.length).toBeGreaterThan(0);
      }
      expect(empty.find((e) => e.kind === 'agreement')?.missing).toContain('成员单位');
    });
  }

  it('builds and renders every document of every region for a draft with nothing filled in yet', () => {
    for (const regionId of allRegions) {
      const template = templateOf(regionId);
      for (const kind of offeredDocuments(template)) {
        if (kind === 'memberWorkbook') continue;
        const html = renderHtml(buildDocument(kind, template, emptyDraft(regionId)));
        expect(html, `${regionId} ${kind}`).toContain('</html>');
      }
      expect(plainText(buildPackage(template, emptyDraft(regionId)))).toContain('　　年　　月　　日');
    }
  });

  it('offers the 实施方案 and a stand-alone 承诺书 to 内蒙古, outside its package', () => {
    const entries = listDocuments(templateOf('neimenggu'), exampleDraft('neimenggu'));
    expect(entries.find((e) => e.kind === 'implementationPlan')).toMatchObject({ inPackage: false });
    expect(entries.find((e) => e.kind === 'commitmentLetter')).toMatchObject({ inPackage: false });
    // The example has the three required attachments ticked; untick one and the checklist is not ready.
    expect(entries.find((e) => e.kind === 'attachmentChecklist')).toMatchObject({ inPackage: true, ready: true });
    const missing = exampleDraft('neimenggu');
    missing.fields.attachmentsReady = '1,3';
    const entry = listDocuments(templateOf('neimenggu'), missing).find((e) => e.kind === 'attachmentChecklist');
    expect(entry).toMatchObject({ inPackage: true, ready: false });
  });

  it('prints the filing in package order, without our stamp checklist or next year’s report', () => {
    const template = templateOf('guangxi');
    const model = buildPackage(template, exampleDraft('guangxi'));
    expect(filingDocuments(template)).toEqual(['applicationForm', 'agreement', 'implementationPlan']);
    const text = plainText(model);
    const order = ['填表说明', '签署联合组建协议', '创新联合体建设实施方案'].map((marker) => text.indexOf(marker));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).not.toContain('盖章清单');
    expect(text).not.toContain('年度工作总结');
  });
});

describe('export folder names', () => {
  it('are the consortium’s name with what file systems refuse replaced', () => {
    expect(exportFolderName('新疆维吾尔自治区现代煤化工创新联合体')).toBe('新疆维吾尔自治区现代煤化工创新联合体');
    expect(exportFolderName('A/B\\C:D*E?F"G<H>I|J')).toBe('A_B_C_D_E_F_G_H_I_J');
    // invisible control characters are dropped, as the store drops them
    expect(exportFolderName('联合体\u0001\u001f名')).toBe('联合体名');
    expect(exportFolderName('联合体（一期）. . ')).toBe('联合体（一期）');
  });

  it('never climb out of the chosen folder, and avoid Windows’ device names', () => {
    expect(exportFolderName('..')).toBe(unnamedConsortium);
    expect(exportFolderName('.')).toBe(unnamedConsortium);
    expect(exportFolderName('../../etc')).toBe('_.._etc');
    expect(exportFolderName('CON')).toBe('_CON');
    expect(exportFolderName('lpt1.txt')).toBe('_lpt1.txt');
    expect(exportFolderName('COM10')).toBe('COM10');
  });

  it('fall back when nothing is left, and stay short', () => {
    expect(exportFolderName('')).toBe(unnamedConsortium);
    expect(exportFolderName('   ')).toBe(unnamedConsortium);
    // Cut to fit 255 bytes with a suffix and a temporary .part, ending in a hash of the whole name.
    const long = safeFileName('长'.repeat(200), 'x');
    expect(long).toMatch(/^长{60}-[0-9a-f]{8}$/);
    expect([...exportFolderName('长'.repeat(200))].length).toBe(80);
  });
});
