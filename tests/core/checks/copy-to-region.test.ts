import { describe, expect, it } from 'vitest';
import {
  copyDraftToRegion,
  joinPostTitle,
  planRegionCopy,
  splitPostTitle,
} from '../../../electron/core/checks/copy-to-region';
import { getRegionTemplate } from '../../../electron/core/regions/templates';
import type { Draft } from '../../../electron/shared/draft';
import { buildDraft, lead, member } from './builders';

const xinjiang = getRegionTemplate('xinjiang');
const chongqing = getRegionTemplate('chongqing');
const neimenggu = getRegionTemplate('neimenggu');
const zhejiang = getRegionTemplate('zhejiang');

let nextId = 1;
const idFactory = () => `id-${nextId++}`;

function xinjiangDraft(): Draft {
  return buildDraft(xinjiang, {
    fields: {
      consortiumName: '新疆煤化工创新联合体',
      industryField: '煤炭煤电煤化工',
      chiefScientist: '王五',
      chiefScientistTitle: '总工程师/教授级高工',
      leadRevenue: '600000',
      leadRdStaff: '120',
      goals: '突破煤制烯烃关键技术。',
      cooperationBasis: '长期合作。',
    },
    members: [
      lead('新疆某能源集团有限公司'),
      member('核心企业', { tier: '核心层单位' }),
      member('紧密企业', { tier: '紧密合作单位' }),
      member('协作企业', { tier: '一般协作层单位' }),
    ],
    team: [{ name: '张三', age: '45', postTitle: '副总经理/研究员', major: '化工', workUnit: '新疆某能源集团有限公司' }],
    platforms: [{ name: '自治区煤化工重点实验室', field: '化工', level: '省级', builtAt: '2019-06', hostUnit: '新疆某能源集团有限公司' }],
  });
}

describe('Xinjiang → Chongqing', () => {
  const draft = xinjiangDraft();
  const plan = planRegionCopy(xinjiang, chongqing, draft);
  const copy = copyDraftToRegion(xinjiang, chongqing, draft, idFactory, '2024-06-01T00:00:00.000Z');

  it('carries the shared fields and lists the lost ones with their values', () => {
    expect(plan.carried).toEqual(expect.arrayContaining(['consortiumName', 'industryField', 'chiefScientist', 'goals']));
    expect(plan.dropped).toEqual(
      expect.arrayContaining([
        { key: 'leadRevenue', label: expect.any(String), value: '600000' },
        { key: 'leadRdStaff', label: expect.any(String), value: '120' },
        { key: 'cooperationBasis', label: expect.any(String), value: '长期合作。' },
      ]),
    );
    expect(plan.added.map((f) => f.key)).toEqual(expect.arrayContaining(['leadInLiangjiang', 'buildMode', 'platformCount']));
    expect(copy.fields.consortiumName).toBe('新疆煤化工创新联合体');
    expect(copy.fields.leadRevenue).toBeUndefined();
  });

  it('maps 紧密合作单位 and 一般协作层单位 to 合作单位', () => {
    expect(copy.tables.members.map((row) => row.values.tier)).toEqual(['牵头单位', '核心层单位', '合作单位', '合作单位']);
    expect(plan.valueChanges).toEqual([
      expect.objectContaining({ table: 'members', rowNumber: 3, column: 'tier', from: '紧密合作单位', to: '合作单位' }),
      expect.objectContaining({ table: 'members', rowNumber: 4, column: 'tier', from: '一般协作层单位', to: '合作单位' }),
    ]);
  });

  it('makes a new draft of the new region and leaves the original alone', () => {
    expect(copy).toMatchObject({
      regionId: 'chongqing',
      templateVersion: chongqing.version,
      createdAt: '2024-06-01T00:00:00.000Z',
      deletedAt: null,
    });
    expect(copy.id).not.toBe(draft.id);
    expect(new Set(copy.tables.members.map((row) => row.id)).size).toBe(4);
    expect(draft.tables.members[2].values.tier).toBe('紧密合作单位');
    expect(draft.regionId).toBe('xinjiang');
  });

  it('keeps the team’s 职务/职称 column, which both regions share', () => {
    expect(copy.tables.team[0].values.postTitle).toBe('副总经理/研究员');
    expect(plan.conversions).toEqual([]);
  });
});

describe('Chongqing → Xinjiang', () => {
  const there = copyDraftToRegion(xinjiang, chongqing, xinjiangDraft(), idFactory);
  there.tables.platforms[0].values.level = '市级';
  const plan = planRegionCopy(chongqing, xinjiang, there);
  const back = copyDraftToRegion(chongqing, xinjiang, there, idFactory);

  it('maps 合作单位 to 紧密合作单位', () => {
    expect(back.tables.members.map((row) => row.values.tier)).toEqual(['牵头单位', '核心层单位', '紧密合作单位', '紧密合作单位']);
  });

  it('translates the platform level into Xinjiang’s words (市级 → 省级)', () => {
    expect(back.tables.platforms[0].values.level).toBe('省级');
    expect(plan.valueChanges).toContainEqual(
      expect.objectContaining({ table: 'platforms', column: 'level', from: '市级', to: '省级' }),
    );
  });

  it('does not bring back what the first copy dropped', () => {
    expect(back.fields.leadRevenue).toBeUndefined();
    expect(back.fields.consortiumName).toBe('新疆煤化工创新联合体');
  });
});

describe('职务/职称 between one column and two', () => {
  it('splits into 职务 and 职称 for Inner Mongolia and joins them back', () => {
    const draft = xinjiangDraft();
    draft.tables.team.push({ id: 't2', values: { name: '李四', postTitle: '教授' } });
    const plan = planRegionCopy(xinjiang, neimenggu, draft);
    const copy = copyDraftToRegion(xinjiang, neimenggu, draft, idFactory);
    expect(copy.tables.team.map((row) => [row.values.post, row.values.title])).toEqual([
      ['副总经理', '研究员'],
      ['', '教授'],
    ]);
    expect(plan.conversions).toContainEqual({
      table: 'team',
      from: [{ key: 'postTitle', label: '职务/职称' }],
      to: [
        { key: 'post', label: '职务' },
        { key: 'title', label: '职称' },
      ],
    });

    const back = copyDraftToRegion(neimenggu, xinjiang, copy, idFactory);
    expect(back.tables.team.map((row) => row.values.postTitle)).toEqual(['副总经理/研究员', '教授']);
  });

  it('splits on the first slash and guesses a lone value', () => {
    expect(splitPostTitle('院长 / 教授')).toEqual({ post: '院长', title: '教授' });
    expect(splitPostTitle('总经理')).toEqual({ post: '总经理', title: '' });
    expect(splitPostTitle('高级工程师')).toEqual({ post: '', title: '高级工程师' });
    expect(joinPostTitle('', '教授')).toBe('教授');
  });

  it('lists platform columns Inner Mongolia adds and Xinjiang’s that it lacks', () => {
    const plan = planRegionCopy(xinjiang, neimenggu, xinjiangDraft());
    expect(plan.columnsAdded.platforms.map((c) => c.key)).toEqual(
      expect.arrayContaining(['industryCode', 'disciplineCode', 'techField', 'category']),
    );
    expect(plan.columnsDropped.platforms).toEqual([{ key: 'field', label: expect.any(String), filledRows: 1 }]);
  });
});

describe('tables the new region does not have', () => {
  it('lists Zhejiang’s 理事会 as dropped when copying to Xinjiang', () => {
    const draft = buildDraft(zhejiang, {
      members: [lead('浙江某公司')],
      council: [{ name: '张三', unit: '浙江某公司', councilRole: '理事长', post: '董事长' }],
    });
    const plan = planRegionCopy(zhejiang, xinjiang, draft);
    expect(plan.tablesDropped).toEqual([{ table: 'council', label: expect.any(String), rows: 1 }]);
    expect(copyDraftToRegion(zhejiang, xinjiang, draft, idFactory).tables.council).toEqual([]);
  });
});
