import { afterAll, describe, expect, it } from 'vitest';
import { readDocxForImport } from '../../../electron/core/docx-import';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import type { RegionId } from '../../../electron/shared/region-template';

const regionIds = loadRegionTemplates().map((template) => template.id);
import { makeTempDir } from '../../helpers/temp-dir';
import { exampleDraft } from '../../shared/documents/fixtures';
import { convertWithLibreOffice, expectSameValues, exportedForm, read, writeTemp } from './helpers';

const templates = loadRegionTemplates();
const temp = makeTempDir('lianheti-docx-roundtrip-');
afterAll(() => temp.cleanup());

const templateOf = (id: RegionId) => templates.find((t) => t.id === id)!;

describe('an exported application form reads back into the same values', () => {
  const exported = new Map<RegionId, string>();

  it.each(regionIds)('%s: the form as exported, region recognised from its title', async (regionId) => {
    const template = templateOf(regionId);
    const draft = exampleDraft(regionId);
    const path = writeTemp(temp.dir, `${regionId}.docx`, await exportedForm(template, draft));
    exported.set(regionId, path);
    const { preview } = await readDocxForImport(read(path), `${regionId}.docx`, templates);
    expect(preview.regionId).toBe(regionId);
    expect(preview.regionFrom).toBe('title');
    expect(preview.missingFields).toEqual([]);
    expect(preview.counts.errors).toBe(0);
    expectSameValues(template, draft, preview, `${regionId} exported`);
  });

  it('after LibreOffice saves them again as .docx (the XML Word and WPS write) and as .doc', async () => {
    const files = regionIds.map((id) => exported.get(id)!);
    expect(files.every(Boolean)).toBe(true);
    const asDocx = convertWithLibreOffice(files, 'docx', `${temp.dir}/resaved-docx`, `${temp.dir}/profile`);
    const asDoc = convertWithLibreOffice(files, 'doc', `${temp.dir}/resaved-doc`, `${temp.dir}/profile`);
    for (const regionId of regionIds) {
      const source = exported.get(regionId)!;
      const draft = exampleDraft(regionId);
      const template = templateOf(regionId);
      const docx = asDocx.get(source)!;
      // LibreOffice's XML differs from ours: other run splits, styles, table properties.
      expect(read(docx).equals(read(source))).toBe(false);
      const again = await readDocxForImport(read(docx), `${regionId}.docx`, templates);
      expect(again.preview.converted).toBe(false);
      expectSameValues(template, draft, again.preview, `${regionId} re-saved as .docx`);

      const doc = asDoc.get(source)!;
      const old = await readDocxForImport(read(doc), `${regionId}.doc`, templates);
      expect(old.preview.converted).toBe(true);
      expect(old.preview.regionId).toBe(regionId);
      expectSameValues(template, draft, old.preview, `${regionId} re-saved as .doc`);
    }
    // WPS's .wps is the same compound file as a .doc.
    const wps = await readDocxForImport(read(asDoc.get(exported.get('chongqing')!)!), '两江申请表.wps', templates);
    expect(wps.preview.converted).toBe(true);
    expectSameValues(templateOf('chongqing'), exampleDraft('chongqing'), wps.preview, 'chongqing as .wps');
  }, 600_000);
});
