import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api';
import { parseProjectFile } from '../../../electron/core/project/project-file';
import { startCore, type StartedCore } from '../../../electron/core/start';
import type { Channel, ChannelInput, ChannelResult, ContractHandlers } from '../../../electron/shared/contract';
import { makeTempDir } from '../../helpers/temp-dir';

const root = resolve(__dirname, '../../..');
const sampleText = readFileSync(join(root, 'resources/region-template-sample.json'), 'utf8');
const sample = JSON.parse(sampleText) as Record<string, unknown> & { id: string; version: number; name: string };

let dataDir: string;
let core: StartedCore;
let cleanup = () => {};

beforeEach(async () => {
  const temp = makeTempDir();
  dataDir = temp.dir;
  core = await startCore({ dataDir, host: 'web', appVersion: 'test' });
  cleanup = () => temp.cleanup();
});
afterEach(async () => {
  await core.close();
  cleanup();
});

/** A call as a host makes it: validated by the contract, answered as an envelope. */
async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
  const envelope = await dispatch(core.handlers as ContractHandlers, channel, input);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as ChannelResult<C>;
}

async function refusal(channel: Channel, input: unknown): Promise<string> {
  const envelope = await dispatch(core.handlers as ContractHandlers, channel, input);
  if (envelope.ok) throw new Error(`${channel} was not refused`);
  return envelope.error.message;
}

const load = (text: string, fileName = '示例市地区模板.json') => call('regionFiles.load', { fileName, text });

/** The xinjiang example project's first draft, re-homed into `regionId`. */
function exampleDraftFor(regionId: string) {
  const [draft] = parseProjectFile(readFileSync(join(root, 'resources/examples/xinjiang.json'), 'utf8')).drafts;
  return core.store.createDraft({ regionId, templateVersion: 1, fields: draft.fields, tables: draft.tables });
}

describe('region files in the app', () => {
  it('load the sample into the store, list it beside the built-ins and make drafts with it', async () => {
    const loaded = await load(sampleText);
    expect(loaded).toMatchObject({ replacedVersion: null, unchanged: false });
    expect(loaded.region).toMatchObject({ id: 'shili', name: '示例市', version: 1, fromFile: true, fileName: '示例市地区模板.json', drafts: [] });

    const list = await call('regionFiles.list', {});
    expect(list.filter((entry) => !entry.fromFile).map((entry) => entry.id)).toEqual(
      expect.arrayContaining(['xinjiang', 'chongqing', 'guangxi', 'zhejiang', 'neimenggu']),
    );
    expect(list[list.length - 1].id).toBe('shili');
    expect((await call('regions.list', {})).map((region) => region.id)).toContain('shili');

    const draft = await call('drafts.create', { regionId: 'shili' });
    expect(draft).toMatchObject({ regionId: 'shili', templateVersion: 1, regionFile: '示例市地区模板.json' });
    const builtIn = await call('drafts.create', { regionId: 'xinjiang' });
    expect(builtIn.regionFile).toBeNull();
    const home = await call('drafts.list', {});
    expect(home.find((entry) => entry.id === draft.id)).toMatchObject({ regionFile: '示例市地区模板.json', templateVersion: 1 });
    expect((await call('regionFiles.list', {})).find((entry) => entry.id === 'shili')?.drafts).toEqual([
      { id: draft.id, name: '', templateVersion: 1, inTrash: false },
    ]);
  });

  it('keep a loaded region across restarts without the file, and check its drafts with its own rules', async () => {
    await load(sampleText);
    const draft = exampleDraftFor('shili');
    await core.close();
    core = await startCore({ dataDir, host: 'web', appVersion: 'test' });
    expect(core.templates.map((template) => template.id)).toContain('shili');
    const report = await call('checks.run', { draftId: draft.id });
    expect(report.eligible).not.toBeNull();
    // The sample's own rules and wording, not the built-in's.
    const titles = report.rules.map((rule) => rule.title);
    expect(titles).toContain('牵头单位在示例市境内注册');
    expect(titles.join('')).not.toContain('新疆');
  });

  it('replace a loaded region by a newer version; drafts keep working and say which version made them', async () => {
    await load(sampleText);
    const old = await call('drafts.create', { regionId: 'shili' });
    const newer = { ...sample, version: 2, name: '示例市（第二版）' };
    const replaced = await load(JSON.stringify(newer), '示例市-v2.json');
    expect(replaced).toMatchObject({ replacedVersion: 1, region: { version: 2, name: '示例市（第二版）', fileName: '示例市-v2.json' } });
    expect((await call('regions.list', {})).find((region) => region.id === 'shili')?.name).toBe('示例市（第二版）');
    expect((await call('regions.list', {})).filter((region) => region.id === 'shili')).toHaveLength(1);

    const fresh = await call('drafts.create', { regionId: 'shili' });
    expect(fresh).toMatchObject({ templateVersion: 2, regionFile: '示例市-v2.json' });
    // The old draft opens and is checked with the new version, and still says it was made with version 1 from the first file.
    expect(await call('drafts.get', { id: old.id })).toMatchObject({ templateVersion: 1, regionFile: '示例市地区模板.json' });
    expect((await call('checks.run', { draftId: old.id })).errorCount).toBeGreaterThan(0);
    const uses = (await call('regionFiles.list', {})).find((entry) => entry.id === 'shili')?.drafts ?? [];
    expect(uses.map((use) => use.templateVersion).sort()).toEqual([1, 2]);

    // The same file again changes nothing; an older or a same-numbered different one is refused.
    expect(await load(JSON.stringify(newer), '示例市-v2.json')).toMatchObject({ unchanged: true, region: { version: 2 } });
    expect(await refusal('regionFiles.load', { fileName: 'old.json', text: sampleText })).toMatch(/version 应大于已载入的版本 2/);
    expect(await refusal('regionFiles.load', { fileName: 'same.json', text: JSON.stringify({ ...newer, summary: '改过' }) })).toMatch(
      /version 应大于已载入的版本 2/,
    );
  });

  it('remove a region only when no draft uses it, naming the drafts that still do', async () => {
    await load(sampleText);
    const draft = exampleDraftFor('shili');
    expect(await refusal('regionFiles.remove', { id: 'shili' })).toMatch(/还有 1 份草稿在使用：「新疆.*创新联合体」/);
    await call('drafts.trash', { id: draft.id });
    expect(await refusal('regionFiles.remove', { id: 'shili' })).toMatch(/（在回收站中）/);
    await call('drafts.purge', { id: draft.id });
    await call('regionFiles.remove', { id: 'shili' });
    expect((await call('regions.list', {})).map((region) => region.id)).not.toContain('shili');
    expect(await refusal('drafts.create', { regionId: 'shili' })).toBe('不支持的地区模板。');
    expect(await refusal('regionFiles.remove', { id: 'xinjiang' })).toMatch(/软件自带的地区，不能删除/);
    // and it stays removed after a restart
    await core.close();
    core = await startCore({ dataDir, host: 'web', appVersion: 'test' });
    expect(core.templates.map((template) => template.id)).not.toContain('shili');
  });

  it('follow the store when a backup is restored: its region files are the ones offered', async () => {
    const before = await call('backups.create', {});
    await load(sampleText);
    const withFile = await call('backups.create', {});
    await call('backups.restore', { fileName: before.fileName });
    expect((await call('regions.list', {})).map((region) => region.id)).not.toContain('shili');
    await call('backups.restore', { fileName: withFile.fileName });
    expect((await call('regionFiles.list', {})).find((entry) => entry.id === 'shili')).toMatchObject({ fromFile: true, version: 1 });
    expect((await call('drafts.create', { regionId: 'shili' })).regionFile).toBe('示例市地区模板.json');
  });

  it('copy drafts into and out of a loaded region', async () => {
    await load(sampleText);
    const source = exampleDraftFor('xinjiang');
    const plan = await call('drafts.copyPlan', { id: source.id, regionId: 'shili' });
    expect(plan).toBeTruthy();
    const into = await call('drafts.copyToRegion', { id: source.id, regionId: 'shili' });
    expect(into).toMatchObject({ regionId: 'shili', regionFile: '示例市地区模板.json' });
    expect(into.tables.members).toHaveLength(source.tables.members.length);
    const out = await call('drafts.copyToRegion', { id: into.id, regionId: 'chongqing' });
    expect(out).toMatchObject({ regionId: 'chongqing', regionFile: null });
    expect(out.tables.members.map((row) => row.values.name)).toEqual(source.tables.members.map((row) => row.values.name));
  });

  it.each([
    ['broken JSON', '{"id": "shili",', /地区文件「bad\.json」不是有效的 JSON 文件/],
    ['the wrong shape', JSON.stringify({ ...sample, tiers: '牵头单位' }), /格式不正确：tiers 类型不对，应为 array/],
    ['a rule of an unknown kind', JSON.stringify({ ...sample, rules: [{ ...(sample.rules as object[])[0], check: { kind: 'noSuchRule' } }] }), /rules\[0\]\.check/],
    ['a key reaching the prototype', sampleText.replace('"shortName"', '"__proto__": {"polluted": true}, "shortName"'), /__proto__ 是不允许使用的项名/],
    ['a nested constructor key', JSON.stringify({ ...sample, package: { ...(sample.package as object), constructor: { prototype: {} } } }), /package\.constructor 是不允许使用的项名/],
    ['an id of a built-in region', JSON.stringify({ ...sample, id: 'xinjiang' }), /id 「xinjiang」与内置地区「新疆维吾尔自治区」重复/],
    ['inconsistent', JSON.stringify({ ...sample, unitTypes: ['企业', '高校'] }), /内容前后不一致：tables \(members\): the unitType column options must equal unitTypes/],
    ['nesting a million levels deep', `{"id": "shili", "summary": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`, /格式不正确：version 缺少此项（应为 number）/],
    ['over 2 MB', JSON.stringify({ ...sample, summary: '说明'.repeat(400_000) }), /过大（\d+ KB），地区文件不应超过 2 MB/],
  ])('refuse a file with %s, in Chinese naming the problem, and keep nothing', async (_label, text, message) => {
    expect(await refusal('regionFiles.load', { fileName: 'bad.json', text })).toMatch(message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await call('regionFiles.list', {})).some((entry) => entry.fromFile)).toBe(false);
    expect(core.store.listRegionFiles()).toEqual([]);
  });

  it('refuse a request far over the size limit at the contract', async () => {
    expect(await refusal('regionFiles.load', { fileName: 'huge.json', text: 'x'.repeat(3 * 1024 * 1024) })).toMatch(/地区模板文件过大/);
  });
});
