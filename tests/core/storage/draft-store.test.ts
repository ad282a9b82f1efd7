import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { makeTempDir } from '../../helpers/temp-dir';

let dir = '';
let cleanup = () => {};
let clock = new Date('2026-03-01T08:00:00.000Z');
const now = () => clock;
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

beforeEach(() => {
  const temp = makeTempDir();
  dir = temp.dir;
  cleanup = temp.cleanup;
  clock = new Date('2026-03-01T08:00:00.000Z');
});
afterEach(() => cleanup());

const open = (options = {}) => DraftStore.open(join(dir, 'drafts.sqlite'), { now, ...options });

describe('draft store', () => {
  it('keeps every autosaved field and row across closing and reopening the file', () => {
    const store = open();
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    store.setField(draft.id, 'consortiumName', '新疆煤化工创新联合体');
    advance(0.01);
    const updated = store.setField(draft.id, 'goals', '突破煤制烯烃关键技术');
    const [lead] = store.addRows(draft.id, 'members', null, [{ name: '新疆能源集团', uscc: '91650100MA77TEST01' }]);
    store.updateRow(draft.id, 'members', lead.id, { tier: '牵头单位' });
    store.close();

    const reopened = open();
    const saved = reopened.getDraft(draft.id);
    expect(saved.fields).toMatchObject({ consortiumName: '新疆煤化工创新联合体', goals: '突破煤制烯烃关键技术' });
    expect(saved.updatedAt).toBe(updated.updatedAt);
    expect(saved.tables.members).toEqual([
      { id: lead.id, values: { name: '新疆能源集团', uscc: '91650100MA77TEST01', tier: '牵头单位' } },
    ]);
    expect(reopened.listDrafts()[0]).toMatchObject({ name: '新疆煤化工创新联合体', leadUnit: '新疆能源集团', memberCount: 1 });
    reopened.close();
  });

  it('inserts, moves and deletes rows keeping their order', () => {
    const store = open();
    const { id } = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    const [a, b, c] = store.addRows(id, 'team', null, [{ name: '甲' }, { name: '乙' }, { name: '丙' }]);
    store.addRows(id, 'team', 1, [{ name: '插入' }]);
    const names = () => store.getDraft(id).tables.team.map((row) => row.values.name);
    expect(names()).toEqual(['甲', '插入', '乙', '丙']);
    store.moveRow(id, 'team', c.id, 0);
    expect(names()).toEqual(['丙', '甲', '插入', '乙']);
    store.deleteRows(id, 'team', [a.id, b.id]);
    expect(names()).toEqual(['丙', '插入']);
    store.addRows(id, 'team', null, [{ name: '末尾' }]);
    expect(names()).toEqual(['丙', '插入', '末尾']);
    store.close();
  });

  it('strips characters Word cannot hold before saving', () => {
    const store = open();
    const { id } = store.createDraft({ regionId: 'guangxi', templateVersion: 1 });
    store.setField(id, 'goals', 'A\u0001B\u0008C\uFFFF\uD800D\tE');
    expect(store.getDraft(id).fields.goals).toBe('ABCD\tE');
    store.close();
  });

  it('restores any revision and keeps the state it replaces as a revision', () => {
    const store = open();
    const { id } = store.createDraft({ regionId: 'neimenggu', templateVersion: 1 });
    store.setField(id, 'consortiumName', '第一版');
    store.addRows(id, 'members', null, [{ name: '牵头公司' }]);
    const first = store.createRevision(id, 'manual', '提交前');
    store.setField(id, 'consortiumName', '第二版');
    store.addRows(id, 'members', null, [{ name: '新成员' }]);

    const restored = store.restoreRevision(first.id);
    expect(restored.fields.consortiumName).toBe('第一版');
    expect(restored.tables.members.map((row) => row.values.name)).toEqual(['牵头公司']);
    const history = store.listRevisions(id);
    expect(history[0]).toMatchObject({ cause: 'before-restore' });
    // and the replaced state can itself be brought back
    const undone = store.restoreRevision(history[0].id);
    expect(undone.fields.consortiumName).toBe('第二版');
    expect(undone.tables.members).toHaveLength(2);
    store.close();
  });

  it('takes an automatic revision after N minutes of editing, not on every keystroke', () => {
    const store = open({ autoRevisionMinutes: 10 });
    const { id } = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    for (let minute = 0; minute < 25; minute += 1) {
      store.setField(id, 'goals', `第 ${minute} 分钟的内容`);
      advance(1);
    }
    const autos = store.listRevisions(id).filter((revision) => revision.cause === 'auto');
    expect(autos).toHaveLength(2); // at minutes 10 and 20
    store.close();
  });

  it('moves a deleted draft to the trash and restores it with everything in it', () => {
    const store = open();
    const { id } = store.createDraft({ regionId: 'zhejiang', templateVersion: 1 });
    store.setField(id, 'consortiumName', '浙江集成电路创新联合体');
    store.trashDraft(id);
    expect(store.listDrafts()).toHaveLength(0);
    expect(store.listDrafts({ trashed: true })[0]).toMatchObject({ id, name: '浙江集成电路创新联合体' });
    expect(() => store.setField('missing', 'x', 'y')).toThrow(/找不到/);
    store.restoreDraft(id);
    expect(store.listDrafts().map((d) => d.id)).toEqual([id]);
    expect(() => store.purgeDraft(id)).toThrow(/回收站/);
    store.trashDraft(id);
    store.purgeDraft(id);
    expect(store.listDrafts({ trashed: true })).toHaveLength(0);
    store.close();
  });

  it('answers cross-draft questions by credit code with one query', () => {
    const store = open();
    const code = '91450100MA5KTEST0X';
    const make = (regionId: 'guangxi' | 'xinjiang', tier: string) => {
      const draft = store.createDraft({ regionId, templateVersion: 1 });
      store.addRows(draft.id, 'members', null, [{ name: '某公司', uscc: code.toLowerCase(), tier }]);
      return draft.id;
    };
    const first = make('guangxi', '牵头单位');
    make('guangxi', '核心层单位');
    make('guangxi', '紧密合作单位');
    make('xinjiang', '核心层单位');
    const trashed = make('guangxi', '牵头单位');
    store.trashDraft(trashed);
    expect(store.countDraftsWithMember(code, 'guangxi')).toBe(3);
    expect(store.countDraftsWithMember(code, 'guangxi', first)).toBe(2);
    expect(store.countDraftsLedBy(code, 'guangxi')).toBe(1);
    expect(store.countDraftsLedBy(code, 'guangxi', first)).toBe(0);
    // the batched form gives the same answers in one query, and leaves out codes found nowhere else
    const batch = store.countDraftsWithMembers([code, '91450100MA5KNONE00'], 'guangxi', first);
    expect([...batch]).toEqual([[code, 2]]);
    expect(store.queryPlan('SELECT count(*) FROM table_row WHERE uscc = ?', code)).toMatch(/table_row_by_uscc/);
    store.close();
  });

  it('duplicates a draft with its rows under a new id', () => {
    const store = open();
    const { id } = store.createDraft({ regionId: 'chongqing', templateVersion: 1, fields: { consortiumName: '两江智能网联' } });
    store.addRows(id, 'platforms', null, [{ name: '重庆市智能汽车重点实验室' }]);
    const copy = store.duplicateDraft(id);
    expect(copy.id).not.toBe(id);
    expect(copy.fields.consortiumName).toBe('两江智能网联（副本）');
    expect(copy.tables.platforms[0].values.name).toBe('重庆市智能汽车重点实验室');
    expect(copy.tables.platforms[0].id).not.toBe(store.getDraft(id).tables.platforms[0].id);
    store.close();
  });
});
