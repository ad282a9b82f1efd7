import { describe, expect, it } from 'vitest';
import { coreBuildOptions } from '../../../electron/core/documents/export-package';
import { writeDocx } from '../../../electron/core/documents/docx';
import { readDocxForImport } from '../../../electron/core/docx-import';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { buildAgreement, buildApplicationForm } from '../../../electron/shared/documents';
import type { DocumentModel } from '../../../electron/shared/document-model';

const regionIds = loadRegionTemplates().map((template) => template.id);
import { exampleDraft } from '../../shared/documents/fixtures';

const templates = loadRegionTemplates();

/** The application form with the 组建协议 after it in one file, as many lead units hand them in. */
function formAndAgreement(regionId: string): DocumentModel {
  const template = templates.find((t) => t.id === regionId)!;
  const draft = exampleDraft(regionId);
  const form = buildApplicationForm(template, draft, coreBuildOptions());
  const agreement = buildAgreement(template, draft, coreBuildOptions());
  return { ...form, sections: [...form.sections, ...agreement.sections] };
}

describe('an application form with its agreement', () => {
  it.each(regionIds)('%s: the agreement gives every member its tier and its texts are read whole', async (regionId) => {
    const draft = exampleDraft(regionId);
    const template = templates.find((t) => t.id === regionId)!;
    const { preview } = await readDocxForImport(await writeDocx(formAndAgreement(regionId)), `${regionId}.docx`, templates);
    expect(preview.documents).toEqual(['applicationForm', 'agreement']);
    for (const field of template.fields.filter((f) => f.step === 'agreement')) {
      const found = preview.fields.find((f) => f.key === field.key);
      expect(found?.value, field.key).toBe((draft.fields[field.key] ?? '').trim());
      expect(found?.source.part).toBe('agreement');
    }
    const members = preview.tables.find((t) => t.table === 'members')!;
    const tierOf = new Map(members.rows.map((row) => [row.values.name, row.values.tier]));
    // Every member of the draft: those the form lists get their tier, those only the agreement lists are added.
    for (const row of draft.tables.members) expect(tierOf.get(row.values.name), row.values.name).toBe(row.values.tier);
    expect(members.rows).toHaveLength(draft.tables.members.length);
  });

  it('an agreement on its own: its cover, its texts and its members by tier make the draft', async () => {
    const template = templates.find((t) => t.id === 'chongqing')!;
    const draft = exampleDraft('chongqing');
    const bytes = await writeDocx(buildAgreement(template, draft, coreBuildOptions()));
    const { preview } = await readDocxForImport(bytes, '组建协议.docx', templates);
    expect(preview.regionId).toBe('chongqing');
    expect(preview.documents).toEqual(['agreement']);
    const name = preview.fields.find((f) => f.key === 'consortiumName');
    expect(name?.value).toBe(draft.fields.consortiumName);
    expect(name?.source.part).toBe('agreement');
    const members = preview.tables.find((t) => t.table === 'members')!;
    expect(members.rows.map((row) => [row.values.name, row.values.tier])).toEqual(
      template.tiers.flatMap((tier) => draft.tables.members.filter((row) => row.values.tier === tier).map((row) => [row.values.name, tier])),
    );
  });
});
