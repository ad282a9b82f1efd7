import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCoreHandlers } from '../../../electron/core/api';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import type { RevisionSnapshot } from '../../../electron/core/storage/draft-store';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { compareSnapshots, describedRevisions } from '../../../electron/core/storage/revision-changes';
import type { CoreHandlers } from '../../../electron/shared/contract';
import type { Values } from '../../../electron/shared/draft';
import { makeTempDir } from '../../helpers/temp-dir';

let store: DraftStore;
let api: CoreHandlers;
let cleanup = () => {};
let clock = new Date('2026-03-01T08:00:00.000Z');

beforeEach(() => {
  const temp = makeTempDir();
  clock = new Date('2026-03-01T08:00:00.000Z');
  // Automatic revisions off: each test takes the versions it compares.
  store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { now: () => clock, autoRevisionMinutes: 0 });
  api = createCoreHandlers({ store, templates: loadRegionTemplates(), appVersion: 'test', host: 'web' });
  cleanup = () => {
    store.close();
    temp.cleanup();
  };
});
afterEach(() => cleanup());

const stepOf = (key: string) => (({ consortiumName: 'basic', contactName: 'basic', goals: 'texts' }) as const)[key];
const snapshot = (fields: Values, team: Array<[string, Values]> = []): RevisionSnapshot => ({
  regionId: 'xinjiang',
  templateVersion: 1,
  fields,
  tables: { members: [], team: team.map(([id, values]) => ({ id, values })), platforms: [], council: [] },
});

describe('what a revision changed against the one before it', () => {
  it('counts changed fields by step, and added, removed and edited rows by table', () => {
    const before = snapshot({ consortiumName: '甲', contactName: '张三', goals: '' }, [
      ['a', { name: '李四' }],
      ['b', { name: '王五' }],
      ['c', { name: '赵六' }],
    ]);
    const after = snapshot({ consortiumName: '乙', contactName: '张三', goals: '目标', oldKey: 'x' }, [
      ['a', { name: '李四', age: '40' }],
      ['c', { name: '赵六' }],
      ['d', { name: '钱七' }],
      ['e', { name: '孙八' }],
    ]);
    expect(compareSnapshots(before, after, stepOf)).toEqual({
      first: false,
      fields: { basic: 1, texts: 1, other: 1 },
      tables: { team: { added: 2, removed: 1, changed: 1, reordered: false } },
    });
  });

  it('treats a blank value and a missing one as the same, and notices rows only moved', () => {
    const before = snapshot({ consortiumName: '甲', goals: '' }, [
      ['a', { name: '李四', age: '' }],
      ['b', { name: '王五' }],
    ]);
    const after = snapshot({ consortiumName: '甲' }, [
      ['b', { name: '王五' }],
      ['a', { name: '李四' }],
    ]);
    expect(compareSnapshots(before, after, stepOf)).toEqual({
      first: false,
      fields: {},
      tables: { team: { added: 0, removed: 0, changed: 0, reordered: true } },
    });
    expect(compareSnapshots(before, before, stepOf)).toEqual({ first: false, fields: {}, tables: {} });
  });

  it('describes a first revision against an empty draft', () => {
    const first = snapshot({ consortiumName: '甲', goals: '' }, [['a', { name: '李四' }]]);
    expect(compareSnapshots(null, first, stepOf)).toEqual({
      first: true,
      fields: { basic: 1 },
      tables: { team: { added: 1, removed: 0, changed: 0, reordered: false } },
    });
  });
});

describe('revisions.list', () => {
  it('gives each version what it changed against the version before it in the list', async () => {
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    store.setField(draft.id, 'consortiumName', '新疆煤化工创新联合体');
    const [lead] = store.addRows(draft.id, 'members', null, [{ name: '新疆能源集团' }]);
    await api['revisions.create']({ draftId: draft.id });

    store.setField(draft.id, 'consortiumName', '新疆现代煤化工创新联合体');
    store.setField(draft.id, 'contactPhone', '13800000000');
    store.setField(draft.id, 'goals', '突破关键技术');
    store.addRows(draft.id, 'members', null, [{ name: '新疆大学' }, { name: '中科院新疆理化所' }]);
    store.updateRow(draft.id, 'members', lead.id, { unitType: '企业' });
    const [member] = store.addRows(draft.id, 'team', null, [{ name: '张三' }]);
    await api['revisions.create']({ draftId: draft.id, label: '第二稿' });

    store.deleteRows(draft.id, 'team', [member.id]);
    await api['revisions.create']({ draftId: draft.id });

    const [third, second, first] = await api['revisions.list']({ draftId: draft.id });
    expect(first.changes).toEqual({
      first: true,
      fields: { basic: 1 },
      tables: { members: { added: 1, removed: 0, changed: 0, reordered: false } },
    });
    expect(second).toMatchObject({ label: '第二稿' });
    expect(second.changes).toEqual({
      first: false,
      fields: { basic: 2, texts: 1 },
      tables: {
        members: { added: 2, removed: 0, changed: 1, reordered: false },
        team: { added: 1, removed: 0, changed: 0, reordered: false },
      },
    });
    expect(third.changes).toEqual({ first: false, fields: {}, tables: { team: { added: 0, removed: 1, changed: 0, reordered: false } } });

    // A restore keeps the current state first: that version equals the newest one before it.
    await api['revisions.restore']({ revisionId: first.id });
    const [beforeRestore] = await api['revisions.list']({ draftId: draft.id });
    expect(beforeRestore).toMatchObject({ cause: 'before-restore', changes: { first: false, fields: {}, tables: {} } });
  });

  it(`stays quick on a draft with 60 members and 1000 team rows, describing the newest ${describedRevisions} versions`, async () => {
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    const members = Array.from({ length: 60 }, (_, index) => ({
      name: `成员单位${index + 1}有限公司`,
      uscc: `91650100MA77${String(index).padStart(6, '0')}`,
      unitType: '企业',
      tier: index === 0 ? '牵头单位' : '核心层',
      contactName: '联系人',
      contactPhone: '13800000000',
    }));
    const team = Array.from({ length: 1000 }, (_, index) => ({
      name: `研究人员${index + 1}`,
      age: String(30 + (index % 30)),
      postTitle: '研究员',
      major: '化学工程与技术',
      workUnit: `成员单位${(index % 60) + 1}有限公司`,
    }));
    store.addRows(draft.id, 'members', null, members);
    const teamRows = store.addRows(draft.id, 'team', null, team);
    const versions = describedRevisions + 10;
    for (let index = 0; index < versions; index += 1) {
      store.updateRow(draft.id, 'team', teamRows[index].id, { postTitle: '副研究员' });
      store.createRevision(draft.id, 'auto', '定时自动保存的版本');
    }

    const started = performance.now();
    const listed = await api['revisions.list']({ draftId: draft.id });
    const firstListMs = performance.now() - started;
    const again = performance.now();
    await api['revisions.list']({ draftId: draft.id });
    const secondListMs = performance.now() - again;
    console.info(`revisions.list, ${versions} versions of 60 members + 1000 team rows: first ${firstListMs.toFixed(0)} ms, again ${secondListMs.toFixed(0)} ms`);

    expect(listed).toHaveLength(versions);
    expect(listed[0].changes).toEqual({ first: false, fields: {}, tables: { team: { added: 0, removed: 0, changed: 1, reordered: false } } });
    expect(listed.filter((revision) => revision.changes !== undefined)).toHaveLength(describedRevisions);
    expect(listed.at(-1)?.changes).toBeUndefined();
    // Generous bounds for a slow shared machine; what matters is that a listing does not re-read snapshots.
    expect(firstListMs).toBeLessThan(8000);
    expect(secondListMs).toBeLessThan(Math.max(200, firstListMs / 5));
  });
});
