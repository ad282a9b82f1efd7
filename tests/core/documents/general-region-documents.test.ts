import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreHandlers } from '../../../electron/core/api';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import type { Values } from '../../../electron/shared/draft';
import type { RegionSettings } from '../../../electron/shared/region-settings';
import { tableIds } from '../../../electron/shared/region-template';
import { makeTempDir } from '../../helpers/temp-dir';
import { requireSystemTools } from '../../helpers/system-tools';
import { exampleDraft } from '../../shared/documents/fixtures';

/** The names of the built-in regions, none of which may reach a general-region document. */
const builtInNames = /新疆|重庆|两江|广西|浙江|内蒙古|自治区/;

/** The example's own words name its place; a user from elsewhere would have typed theirs. */
const relocate = (values: Values): Values =>
  Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value.replace(/广西壮族自治区|广西/g, '福建').replace(/自治区/g, '省').replace(/柳州/g, '福州')]));

let cleanup = () => {};
afterEach(() => cleanup());

function setUp() {
  const temp = makeTempDir('lianheti-general-docs-');
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
  const exportDir = join(temp.dir, 'exports');
  const api = createCoreHandlers({ store, templates: loadRegionTemplates(), appVersion: 'test', host: 'web', exportDir });
  cleanup = () => {
    store.close();
    temp.cleanup();
  };
  const example = exampleDraft('general');
  const settings: RegionSettings = {
    ...(example.regionSettings as RegionSettings),
    programmeName: '福建省创新联合体建设专项',
    department: '福建省科学技术厅',
    place: { code: '35', name: '福建省' },
    copies: 2,
  };
  const draft = store.createDraft({
    regionId: 'general',
    templateVersion: 1,
    regionSettings: settings,
    fields: relocate(example.fields),
    tables: Object.fromEntries(tableIds.map((table) => [table, example.tables[table].map((row) => relocate({ ...row.values, registrationPlace: '' }))])),
  });
  return { api, store, draft, exportDir, settings };
}

describe('documents of the general region', () => {
  it('print the user’s programme and department in every document, and no built-in region’s name (Word → PDF → text)', async () => {
    requireSystemTools('soffice-writer', 'poppler');
    const { api, draft, exportDir } = setUp();
    const result = await api['documents.export']({ draftId: draft.id, dir: exportDir, pdf: true, pdfMode: 'perDocument' });
    const pdfs = result.files.filter((file) => file.format === 'pdf');
    expect(pdfs.map((file) => file.kind)).toEqual(['applicationForm', 'agreement', 'implementationPlan', 'commitmentLetter', 'stampChecklist']);
    const texts = Object.fromEntries(
      pdfs.map((file) => [file.kind, execFileSync('pdftotext', [join(result.folder, file.name), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')]),
    );
    // Cover, title and "……制" line of the form and the agreement; the department's opinion block.
    expect(texts.applicationForm).toContain('福建省创新联合体建设专项组建申请表');
    expect(texts.applicationForm).toContain('福建省科学技术厅制');
    expect(texts.applicationForm).toContain('福建省科学技术厅审核意见');
    expect(texts.agreement).toContain('福建省创新联合体建设专项组建协议');
    expect(texts.implementationPlan).toContain('福建省创新联合体建设专项实施方案');
    expect(texts.commitmentLetter).toContain('福建省科学技术厅：');
    // The checklist: the copies and the 报送 line are the user's.
    expect(texts.stampChecklist).toContain('报福建省科学技术厅');
    expect(texts.stampChecklist).toContain('2份');
    // Documents are named by the cover's last title line, not cut inside the user's programme name.
    expect(texts.stampChecklist).toContain('组建申请表');
    expect(texts.stampChecklist).not.toContain('建设专项组建申请表');
    for (const [kind, text] of Object.entries(texts)) {
      expect(text.match(new RegExp(`.{0,30}(${builtInNames.source}).{0,10}`))?.[0], kind).toBeUndefined();
      expect(text, kind).not.toMatch(/\{[a-zA-Z]+\}|（专项\/计划名称）|（主管部门）/);
    }
  });

  it('leave an optional document out of the package when the user unticks it, and follow a later change of names', async () => {
    const { api, draft, settings } = setUp();
    const before = await api['documents.list']({ draftId: draft.id });
    expect(before.find((item) => item.kind === 'implementationPlan')?.inPackage).toBe(true);
    await api['drafts.setRegionSettings']({ draftId: draft.id, regionSettings: { ...settings, documents: ['commitmentLetter'], programmeName: '厦门市科技计划' } });
    const after = await api['documents.list']({ draftId: draft.id });
    // Still offered to print on its own, but no longer part of the package.
    expect(after.find((item) => item.kind === 'implementationPlan')?.inPackage ?? false).toBe(false);
    const form = await api['documents.preview']({ draftId: draft.id, kind: 'applicationForm' });
    expect(form.title).toBe('厦门市科技计划组建申请表');
    expect(form.html.match(new RegExp(`.{0,40}(${builtInNames.source}).{0,10}`))?.[0]).toBeUndefined();
  });
});
