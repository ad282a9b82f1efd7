import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../electron/core/api';
import { createCoreHandlers, dispatch } from '../../../electron/core/api';
import { parseProjectFile } from '../../../electron/core/project/project-file';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { BackupService } from '../../../electron/core/storage/backups';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import type { Channel, ChannelInput, ChannelResult, ContractHandlers } from '../../../electron/shared/contract';
import type { ApiErrorPayload } from '../../../electron/shared/errors';
import { makeTempDir } from '../../helpers/temp-dir';

const templates = loadRegionTemplates();
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** Real handlers over a real store in a temp folder, called the way the page calls them. */
function setUp(extra: Partial<CoreDeps> = {}) {
  const temp = makeTempDir();
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'));
  const backups = new BackupService(store);
  cleanups.push(() => {
    store.close();
    temp.cleanup();
  });
  const handlers = createCoreHandlers({ store, backups, templates, appVersion: '0.1.0', host: 'web', ...extra }) as ContractHandlers;
  async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
    const answer = await dispatch(handlers, channel, input);
    if (!answer.ok) throw Object.assign(new Error(answer.error.message), { payload: answer.error });
    return answer.value as ChannelResult<C>;
  }
  async function fail<C extends Channel>(channel: C, input: unknown): Promise<ApiErrorPayload> {
    const answer = await dispatch(handlers, channel, input);
    if (answer.ok) throw new Error(`${channel} was expected to fail`);
    return answer.error;
  }
  return { store, backups, call, fail, dir: temp.dir };
}

function sampleDraft(store: DraftStore, name: string, regionId: 'xinjiang' | 'chongqing' = 'xinjiang') {
  const draft = store.createDraft({ regionId, templateVersion: 1 });
  store.setField(draft.id, 'consortiumName', name);
  store.setField(draft.id, 'goals', '突破煤制烯烃关键技术');
  store.addRows(draft.id, 'members', null, [
    { name: '新疆能源集团', uscc: '91650100MA77TEST01', tier: '牵头单位' },
    { name: '新疆大学', unitType: '高校' },
  ]);
  return store.getDraft(draft.id);
}

describe('project files through the contract', () => {
  it('export drafts as a file this app reads back, named after the consortium', async () => {
    const { store, call } = setUp();
    const draft = sampleDraft(store, '新疆现代煤化工创新联合体');
    const trashed = sampleDraft(store, '已删除的草稿');
    store.trashDraft(trashed.id);

    const one = await call('projects.export', { draftIds: [draft.id] });
    expect(one.fileName).toMatch(/^新疆现代煤化工创新联合体-\d{8}\.lhtproj\.json$/);
    expect(one.draftCount).toBe(1);
    const parsed = parseProjectFile(one.json);
    expect(parsed.appVersion).toBe('0.1.0');
    expect(parsed.drafts[0]).toMatchObject({ id: draft.id, regionId: 'xinjiang', fields: draft.fields });
    expect(parsed.drafts[0].tables.members.map((row) => row.name)).toEqual(['新疆能源集团', '新疆大学']);

    sampleDraft(store, '第二个联合体');
    const all = await call('projects.export', { draftIds: 'all' });
    expect(all.draftCount).toBe(2); // the trash stays behind
    expect(all.fileName).toMatch(/^联合体申报草稿（2份）-\d{8}\.lhtproj\.json$/);
  });

  it('round-trip every draft into another computer’s store unchanged', async () => {
    const source = setUp();
    const a = sampleDraft(source.store, '联合体甲');
    const b = sampleDraft(source.store, '联合体乙', 'chongqing');
    const { json } = await source.call('projects.export', { draftIds: 'all' });

    const target = setUp();
    const preview = await target.call('projects.inspect', { json });
    expect(preview.drafts.map((d) => [d.name, d.regionName, d.memberCount, d.sameId, d.overwriteTarget])).toEqual([
      ['联合体乙', '重庆两江新区', 2, null, null],
      ['联合体甲', '新疆维吾尔自治区', 2, null, null],
    ]);
    const imported = await target.call('projects.import', { json, decisions: ['new', 'new'] });
    expect(imported.importedIds.sort()).toEqual([a.id, b.id].sort()); // ids kept when free
    for (const original of [a, b]) {
      const copy = target.store.getDraft(original.id);
      expect(copy.fields).toEqual(original.fields);
      expect(copy.tables.members.map((row) => row.values)).toEqual(original.tables.members.map((row) => row.values));
    }
  });

  it('show what a file would collide with, and never overwrite unless told to', async () => {
    const { store, call } = setUp();
    const existing = sampleDraft(store, '同名联合体');
    const { json } = await call('projects.export', { draftIds: [existing.id] });
    store.setField(existing.id, 'goals', '导出之后又改过的目标');

    const preview = await call('projects.inspect', { json });
    expect(preview.drafts[0].sameId).toMatchObject({ id: existing.id, name: '同名联合体', inTrash: false });
    expect(preview.drafts[0].overwriteTarget?.id).toBe(existing.id);
    expect(store.getDraft(existing.id).fields.goals).toBe('导出之后又改过的目标'); // inspecting changes nothing

    // 'new' never touches the match: the copy gets an id of its own.
    const asNew = await call('projects.import', { json, decisions: ['new'] });
    expect(asNew.importedIds[0]).not.toBe(existing.id);
    expect(store.getDraft(existing.id).fields.goals).toBe('导出之后又改过的目标');
    expect(store.listDrafts()).toHaveLength(2);

    // 'skip' imports nothing.
    expect(await call('projects.import', { json, decisions: ['skip'] })).toEqual({ importedIds: [], skipped: 1 });
    expect(store.listDrafts()).toHaveLength(2);
  });

  it('overwrite only when asked, after a revision of the draft and a backup of the store', async () => {
    const { store, call, backups } = setUp();
    const existing = sampleDraft(store, '要被覆盖的联合体');
    const { json } = await call('projects.export', { draftIds: [existing.id] });
    store.setField(existing.id, 'goals', '本机上改过的目标');
    store.setField(existing.id, 'contactName', '只在本机填写的联系人');
    store.addRows(existing.id, 'team', null, [{ name: '张三' }]);

    const result = await call('projects.import', { json, decisions: ['overwrite'] });
    expect(result.importedIds).toEqual([existing.id]);
    const now = store.getDraft(existing.id);
    expect(now.fields.goals).toBe('突破煤制烯烃关键技术');
    expect(now.fields.contactName ?? '').toBe(''); // a value the file does not have is cleared
    expect(now.tables.team).toEqual([]);
    const revision = store.listRevisions(existing.id).find((r) => r.cause === 'before-import');
    expect(revision).toBeDefined();
    const undone = store.restoreRevision(revision!.id);
    expect(undone.fields.goals).toBe('本机上改过的目标');
    expect(undone.tables.team.map((row) => row.values.name)).toEqual(['张三']);
    expect(backups.list().map((b) => b.cause)).toContain('before-import');
  });

  it('bring a trashed draft back when the file overwrites it', async () => {
    const { store, call } = setUp();
    const existing = sampleDraft(store, '回收站里的联合体');
    const { json } = await call('projects.export', { draftIds: [existing.id] });
    store.trashDraft(existing.id);
    const preview = await call('projects.inspect', { json });
    expect(preview.drafts[0].sameId?.inTrash).toBe(true);
    await call('projects.import', { json, decisions: ['overwrite'] });
    expect(store.getDraft(existing.id).deletedAt).toBeNull();
  });

  it('refuse an overwrite across regions or without a match, and a wrong number of decisions, changing nothing', async () => {
    const { store, call, fail } = setUp();
    const local = sampleDraft(store, '跨地区同名');
    const other = setUp();
    const remote = sampleDraft(other.store, '跨地区同名', 'chongqing');
    const { json } = await other.call('projects.export', { draftIds: [remote.id] });

    const preview = await call('projects.inspect', { json });
    expect(preview.drafts[0].sameName.map((d) => d.id)).toEqual([local.id]);
    expect(preview.drafts[0].overwriteTarget).toBeNull();
    expect(preview.drafts[0].overwriteBlocked).toMatch(/属于新疆维吾尔自治区.*不能覆盖/);
    const before = store.listDrafts();
    expect((await fail('projects.import', { json, decisions: ['overwrite'] })).code).toBe('project.nothingToOverwrite');
    const mismatch = await fail('projects.import', { json, decisions: ['new', 'new'] });
    expect(mismatch.message).toMatch(/文件中有 1 份草稿，收到 2 项选择.*未导入任何草稿/);
    expect(store.listDrafts()).toEqual(before);
  });

  it('import the example projects shipped with the app', async () => {
    const { call } = setUp();
    const json = readFileSync(resolve(__dirname, '../../../resources/examples/xinjiang.json'), 'utf8');
    const preview = await call('projects.inspect', { json });
    expect(preview.drafts.length).toBeGreaterThan(0);
    const result = await call('projects.import', { json, decisions: preview.drafts.map(() => 'new' as const) });
    expect(result.importedIds).toHaveLength(preview.drafts.length);
  });
});

describe('backups and the start-up notice through the contract', () => {
  it('list, create and restore backups by name only', async () => {
    const { store, call, fail, dir } = setUp();
    const draft = sampleDraft(store, '备份前的名称');
    const made = await call('backups.create', {});
    expect(made).toMatchObject({ cause: 'manual', causeLabel: '手动备份' });
    store.setField(draft.id, 'consortiumName', '备份后的名称');
    expect((await call('backups.list', {})).map((b) => b.fileName)).toEqual([made.fileName]);

    for (const fileName of [join(dir, 'drafts.sqlite'), `../${made.fileName}`, `backups/${made.fileName}`]) {
      expect((await fail('backups.restore', { fileName })).code).toBe('backup.notFound');
    }
    expect((await fail('backups.restore', { fileName: '' })).code).toBe('payload.invalid');
    expect(store.getDraft(draft.id).fields.consortiumName).toBe('备份后的名称');

    const restored = await call('backups.restore', { fileName: made.fileName });
    expect(restored.keptCurrentAs.causeLabel).toBe('恢复备份前的当前数据');
    expect(store.getDraft(draft.id).fields.consortiumName).toBe('备份前的名称');
    // The page reads on through the same handlers after the restore.
    expect((await call('drafts.get', { id: draft.id })).fields.consortiumName).toBe('备份前的名称');
  });

  it('tell the page what start-up had to do, or nothing', async () => {
    expect(await setUp().call('app.startupNotice', {})).toEqual({ message: null });
    const notice = '数据文件 drafts.sqlite 已损坏（文件为空，内容已丢失）。';
    expect(await setUp({ startupNotice: notice }).call('app.startupNotice', {})).toEqual({ message: notice });
  });
});
