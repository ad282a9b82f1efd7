import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckSummaries, createCoreHandlers } from '../../../electron/core/api';
import { parseProjectFile } from '../../../electron/core/project/project-file';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import type { CoreHandlers } from '../../../electron/shared/contract';
import type { RegionId } from '../../../electron/shared/region-template';
import { makeTempDir } from '../../helpers/temp-dir';

let store: DraftStore;
let api: CoreHandlers;
let cleanup = () => {};

beforeEach(() => {
  const temp = makeTempDir();
  store = DraftStore.open(join(temp.dir, 'drafts.sqlite'));
  api = createCoreHandlers({ store, templates: loadRegionTemplates(), appVersion: 'test', host: 'web' });
  cleanup = () => {
    store.close();
    temp.cleanup();
  };
});
afterEach(() => cleanup());

/** Puts a region's example project into the store, as importing the project file would. */
function importExample(regionId: RegionId) {
  const file = parseProjectFile(readFileSync(resolve(__dirname, `../../../resources/examples/${regionId}.json`), 'utf8'));
  const [draft] = file.drafts;
  return store.createDraft({ regionId: draft.regionId, templateVersion: draft.templateVersion, fields: draft.fields, tables: draft.tables });
}

describe('checks over the contract', () => {
  it('pass a complete example and show its figures on the home list', async () => {
    const draft = importExample('xinjiang');
    const report = await api['checks.run']({ draftId: draft.id });
    expect(report.eligible).toBe('pass');
    expect(report.errorCount).toBe(0);
    expect(report.derived.memberCount).toBe(draft.tables.members.length);
    const [summary] = await api['drafts.list']({});
    expect(summary).toMatchObject({ id: draft.id, completeness: report.completeness, eligible: 'pass' });
  });

  it('recompute the home figures after an edit that breaks a rule', async () => {
    const draft = importExample('guangxi');
    expect((await api['drafts.list']({}))[0].eligible).toBe('pass');
    // Guangxi's lead must be 「广西壮族自治区内注册的独立法人企业」: make it a university.
    store.updateRow(draft.id, 'members', draft.tables.members[0].id, { unitType: '高校' });
    expect(store.listDrafts()[0].eligible).toBeNull(); // stale until checked again
    const [summary] = await api['drafts.list']({});
    expect(summary.eligible).toBe('fail');
    const report = await api['checks.run']({ draftId: draft.id });
    const rule = report.rules.find((r) => r.status === 'fail');
    expect(rule?.clause).toContain('独立法人企业');
    expect(rule?.numbers).toMatchObject({ 牵头单位类型: '高校' });
  });

  it('count a member led elsewhere: a lead may lead only one consortium in a region', async () => {
    const first = importExample('xinjiang');
    const second = importExample('xinjiang');
    const report = await api['checks.run']({ draftId: second.id });
    expect(report.eligible).toBe('fail');
    expect(report.rules.find((r) => r.status === 'fail')?.message).toMatch(/牵头/);
    store.trashDraft(first.id);
    expect((await api['checks.run']({ draftId: second.id })).eligible).toBe('pass');
  });

  it('copy a draft to another region, showing first what is dropped and added', async () => {
    const draft = importExample('xinjiang');
    const plan = await api['drafts.copyPlan']({ id: draft.id, regionId: 'neimenggu' });
    expect(plan.added.map((field) => field.key)).toContain('legalRepIdCard');
    expect(plan.carried).toContain('consortiumName');
    const copy = await api['drafts.copyToRegion']({ id: draft.id, regionId: 'neimenggu' });
    expect(copy.regionId).toBe('neimenggu');
    expect(copy.fields.consortiumName).toBe(draft.fields.consortiumName);
    expect(copy.tables.members).toHaveLength(draft.tables.members.length);
    expect(store.getDraft(draft.id).regionId).toBe('xinjiang');
  });
});

describe('the summary an edit answers with', () => {
  it('checks the state written, at most once a second while typing; checks.summary gives the last state', async () => {
    let now = 10_000;
    const templates = loadRegionTemplates();
    const summaries = new CheckSummaries(store, templates, undefined, 2000, 1000, () => now);
    const handlers = createCoreHandlers({ store, templates, appVersion: 'test', host: 'web', summaries });
    const draft = importExample('xinjiang');

    const broken = await handlers['drafts.setField']({ draftId: draft.id, key: 'contactPhone', value: '电话待定' });
    expect(broken.summary).toMatchObject({ checkedAt: broken.updatedAt, eligible: 'pass' });
    expect(broken.summary?.errorsByStep.basic).toBe(1);
    expect(broken.summary?.errorCount).toBe((await handlers['checks.run']({ draftId: draft.id })).errorCount);

    now += 300;
    const fixed = await handlers['drafts.setField']({ draftId: draft.id, key: 'contactPhone', value: '0991-2356781' });
    expect(fixed.summary).toBeNull();
    const latest = await handlers['checks.summary']({ draftId: draft.id });
    expect(latest.checkedAt).toBe(store.draftUpdatedAt(draft.id));
    expect(latest.errorsByStep.basic ?? 0).toBe(0);

    now += 1000;
    const [member] = draft.tables.members;
    const cell = await handlers['rows.update']({ draftId: draft.id, table: 'members', rowId: member.id, values: { uscc: '123' } });
    expect(cell.summary?.checkedAt).toBe(cell.updatedAt);
    expect(cell.summary?.errorsByStep.members).toBeGreaterThan(0);
    summaries.flush();
  });
});
