import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreHandlers } from '../../../electron/core/api';
import { parseProjectFile } from '../../../electron/core/project/project-file';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import type { CoreHandlers } from '../../../electron/shared/contract';
import { parseInput } from '../../../electron/shared/contract';
import type { Draft } from '../../../electron/shared/draft';
import { defaultRegionSettings, effectiveTemplate, type RegionSettings } from '../../../electron/shared/region-settings';
import { makeTempDir } from '../../helpers/temp-dir';

const templates = loadRegionTemplates();
const general = templates.find((template) => template.id === 'general');
if (!general) throw new Error('general.json is missing');
const example = parseProjectFile(readFileSync(resolve(__dirname, '../../../resources/examples/general.json'), 'utf8')).drafts[0];
const exampleSettings = example.regionSettings as RegionSettings;

let store: DraftStore;
let api: CoreHandlers;
let cleanup = () => {};
beforeEach(() => {
  const temp = makeTempDir();
  store = DraftStore.open(join(temp.dir, 'drafts.sqlite'));
  api = createCoreHandlers({ store, templates, appVersion: 'test', host: 'web' });
  cleanup = () => {
    store.close();
    temp.cleanup();
  };
});
afterEach(() => cleanup());

function withRule(
  settings: RegionSettings,
  ruleId: string,
  change: { enabled?: boolean; values?: Record<string, number>; required?: boolean },
): RegionSettings {
  const current = settings.rules[ruleId];
  const next = { enabled: change.enabled ?? current.enabled, values: { ...current.values, ...change.values }, required: change.required ?? current.required };
  return { ...settings, rules: { ...settings.rules, [ruleId]: next } };
}

async function createExample(settings: RegionSettings): Promise<Draft> {
  const draft = await api['drafts.create']({ regionId: 'general', regionSettings: settings });
  store.replaceTable(draft.id, 'members', example.tables.members);
  for (const [key, value] of Object.entries(example.fields)) store.setField(draft.id, key, value);
  return store.getDraft(draft.id);
}

describe('其他地区（通用版式）: thresholds the user sets', () => {
  it('flips the member-count rule on the same draft when the minimum moves from 8 to 12 and back, stored through the contract', async () => {
    const members = example.tables.members.length;
    expect(members).toBe(10);
    const draft = await createExample(withRule(exampleSettings, 'minMembers', { enabled: true, values: { min: 8 } }));
    const ruleOf = async () => (await api['checks.run']({ draftId: draft.id })).rules.find((rule) => rule.ruleId === 'minMembers');
    expect((await ruleOf())?.status).toBe('pass');
    expect((await ruleOf())?.title).toBe('成员单位不少于8家（含牵头单位）');

    await api['drafts.setRegionSettings']({ draftId: draft.id, regionSettings: withRule(exampleSettings, 'minMembers', { values: { min: 12 } }) });
    const failed = await ruleOf();
    expect(failed?.status).toBe('fail');
    expect(failed?.title).toBe('成员单位不少于12家（含牵头单位）');
    expect(failed?.clause).toBe('本地区申报通知规定（用户设置）：成员单位不少于12家（含牵头单位）');
  });

  it('drops a rule switched off from the report, and brings it back when switched on', async () => {
    const draft = await createExample(exampleSettings);
    const ids = async () => (await api['checks.run']({ draftId: draft.id })).rules.map((rule) => rule.ruleId);
    expect(await ids()).toContain('enterpriseShare');
    await api['drafts.setRegionSettings']({ draftId: draft.id, regionSettings: withRule(exampleSettings, 'enterpriseShare', { enabled: false }) });
    expect(await ids()).not.toContain('enterpriseShare');
    expect(await ids()).toContain('minMembers');
  });

  it('makes a rule the user marks 必须满足 decide eligibility, and recomputes the home figures after the change', async () => {
    const draft = await createExample(withRule(exampleSettings, 'minMembers', { values: { min: 50 }, required: false }));
    const report = await api['checks.run']({ draftId: draft.id });
    expect(report.rules.find((rule) => rule.ruleId === 'minMembers')).toMatchObject({ status: 'fail', severity: 'warning' });
    const home = async () => (await api['drafts.list']({})).find((summary) => summary.id === draft.id)?.eligible;
    expect(await home()).toBe('pass');
    await api['drafts.setRegionSettings']({ draftId: draft.id, regionSettings: withRule(exampleSettings, 'minMembers', { values: { min: 50 }, required: true }) });
    expect(await home()).toBe('fail');
    expect((await api['checks.run']({ draftId: draft.id })).rules.find((rule) => rule.ruleId === 'minMembers')?.severity).toBe('error');
  });

  it('reads the place the user chose for the rules on registration', async () => {
    const draft = await createExample(withRule(exampleSettings, 'leadRegistered', { enabled: true }));
    const status = async () => (await api['checks.run']({ draftId: draft.id })).rules.find((rule) => rule.ruleId === 'leadRegistered');
    // The example's members are registered in division 45.
    expect((await status())?.status).toBe('pass');
    await api['drafts.setRegionSettings']({
      draftId: draft.id,
      regionSettings: { ...withRule(exampleSettings, 'leadRegistered', { enabled: true }), place: { code: '35', name: '福建省' } },
    });
    const moved = await status();
    expect(moved?.status).toBe('fail');
    expect(moved?.title).toBe('牵头单位在福建省注册');
  });
});

describe('region settings validation', () => {
  it('refuses a draft of the general region without settings, in Chinese', async () => {
    await expect(async () => api['drafts.create']({ regionId: 'general' })).rejects.toThrow(/请先填写.*地区设置/);
  });

  it('refuses empty names and out-of-range numbers with a Chinese message, storing nothing', async () => {
    expect(() => parseInput('drafts.create', { regionId: 'general', regionSettings: { ...exampleSettings, programmeName: ' ' } })).toThrow(
      /请填写专项\/计划名称/,
    );
    await expect(async () =>
      api['drafts.create']({ regionId: 'general', regionSettings: withRule(exampleSettings, 'minMembers', { values: { min: 0 } }) }),
    ).rejects.toThrow(/成员单位不少于」应在 2–100家 之间/);
    await expect(async () =>
      api['drafts.create']({ regionId: 'general', regionSettings: { ...exampleSettings, rules: { ...exampleSettings.rules, unknownRule: { enabled: true, values: {} } } } }),
    ).rejects.toThrow(/不认识的规则/);
    await expect(async () =>
      api['drafts.create']({ regionId: 'general', regionSettings: { ...exampleSettings, place: { code: '99', name: '某地' } } }),
    ).rejects.toThrow(/不是省级行政区划代码/);
    expect(store.listDrafts()).toHaveLength(0);
  });

  it('keeps built-in regions on their own rules: no settings stored, and changing them is refused in Chinese', async () => {
    const draft = await api['drafts.create']({ regionId: 'xinjiang', regionSettings: exampleSettings });
    expect(draft.regionSettings).toBeNull();
    await expect(async () => api['drafts.setRegionSettings']({ draftId: draft.id, regionSettings: exampleSettings })).rejects.toThrow(
      /新疆维吾尔自治区的申报条件依据其发布的原文内置/,
    );
    expect(store.getDraft(draft.id).regionSettings).toBeNull();
  });
});

describe('the effective template', () => {
  it('prints the programme and department everywhere a built-in region prints its own, and lists only the documents chosen', () => {
    const settings: RegionSettings = { ...defaultRegionSettings(general), programmeName: '福建省创新联合体建设专项', department: '福建省科学技术厅', copies: 2, documents: ['commitmentLetter'] };
    const template = effectiveTemplate(general, settings);
    expect(template.formTitle).toBe('福建省创新联合体建设专项组建申请表');
    expect(template.issuer).toBe('福建省科学技术厅');
    expect(template.package.applicationForm.cover.footLines).toEqual(['福建省科学技术厅制']);
    expect(template.package.filing).toMatchObject({ copies: 2, submitTo: '福建省科学技术厅' });
    expect(template.documents).not.toContain('implementationPlan');
    expect(template.package.filed).toEqual(['applicationForm', 'agreement', 'commitmentLetter']);
    const text = JSON.stringify({ ...template, userSettings: undefined });
    expect(text).not.toMatch(/\{(programmeName|department|placeName|placeCode|min|minPercent|minTotal|max)\}/);
    expect(text).not.toMatch(/新疆|重庆|广西|浙江|内蒙古|自治区|两江/);
  });

  it('leaves a built-in region as it is', () => {
    const xinjiang = templates.find((template) => template.id === 'xinjiang');
    expect(xinjiang && effectiveTemplate(xinjiang, exampleSettings)).toBe(xinjiang);
  });
});

describe('copy to and from the general region', () => {
  it('gives a copy into the general region default settings, and drops them on the way out', async () => {
    const xinjiang = store.createDraft({ regionId: 'xinjiang', templateVersion: 1, fields: { consortiumName: '某创新联合体' } });
    const into = await api['drafts.copyToRegion']({ id: xinjiang.id, regionId: 'general' });
    expect(into.regionSettings).toMatchObject({ programmeName: '', department: '', rules: defaultRegionSettings(general).rules });
    expect((await api['checks.run']({ draftId: into.id })).rules.map((rule) => rule.ruleId)).toContain('minMembers');
    const back = await api['drafts.copyToRegion']({ id: into.id, regionId: 'guangxi' });
    expect(back.regionSettings).toBeNull();
    expect(back.fields.consortiumName).toBe('某创新联合体');
  });

  it('copies into the general region with the settings given', async () => {
    const xinjiang = store.createDraft({ regionId: 'xinjiang', templateVersion: 1, fields: {} });
    const into = await api['drafts.copyToRegion']({ id: xinjiang.id, regionId: 'general', regionSettings: exampleSettings });
    expect(into.regionSettings?.programmeName).toBe('南宁市创新联合体建设专项');
  });
});

describe('project files carry the settings', () => {
  it('exports a general draft with its settings and imports it back with them; a file without them is refused in Chinese', async () => {
    const draft = await createExample(withRule(exampleSettings, 'minMembers', { values: { min: 9 } }));
    const exported = await api['projects.export']({ draftIds: [draft.id] });
    const file = JSON.parse(exported.json) as { drafts: Array<{ regionSettings?: RegionSettings }> };
    expect(file.drafts[0].regionSettings?.rules.minMembers.values.min).toBe(9);

    const { importedIds } = await api['projects.import']({ json: exported.json, decisions: ['new'] });
    const imported = store.getDraft(importedIds[0]);
    expect(imported.id).not.toBe(draft.id);
    expect(imported.regionSettings).toEqual(store.getDraft(draft.id).regionSettings);

    delete file.drafts[0].regionSettings;
    await expect(async () => api['projects.import']({ json: JSON.stringify(file), decisions: ['new'] })).rejects.toThrow(/请先填写.*地区设置/);
    expect(store.listDrafts()).toHaveLength(2);
  });
});
