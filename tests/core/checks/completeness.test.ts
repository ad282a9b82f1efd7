import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDraft, noOtherDrafts } from '../../../electron/core/checks/check-draft';
import { completenessOf } from '../../../electron/core/checks/completeness';
import { parseProjectFile, projectDraftToDraft } from '../../../electron/core/project/project-file';
import { getRegionTemplate, resourcesDir } from '../../../electron/core/regions/templates';
import type { Draft } from '../../../electron/shared/draft';
import { buildDraft } from './builders';

/**
 * 完整度 counts required items, not cells: a required field is one item, a table with required columns is
 * one, and each of its required columns over the filled rows is one more — so pasted rows cannot swamp it.
 */
const xinjiang = getRegionTemplate('xinjiang');

function example(regionId: string): Draft {
  const project = parseProjectFile(readFileSync(join(resourcesDir(), 'examples', `${regionId}.json`), 'utf8'));
  let n = 0;
  return projectDraftToDraft(project.drafts[0], () => `row-${++n}`);
}

const requiredFields = xinjiang.fields.filter((field) => field.required && !field.derived).length;
const tableItems = xinjiang.tables
  .map((table) => table.columns.filter((column) => column.required).length)
  .filter((count) => count > 0)
  .reduce((sum, count) => sum + 1 + count, 0);

const teamRow = (i: number) => ({ name: `成员${i}`, age: '40', postTitle: '主任/研究员', major: '化学工程', workUnit: '某某研究院' });

describe('completeness', () => {
  it('counts a thin draft with 1 000 pasted team rows as thin', () => {
    const draft = buildDraft(xinjiang, {
      fields: { consortiumName: '新疆某某创新联合体' },
      team: Array.from({ length: 1000 }, (_, i) => teamRow(i)),
    });
    const teamColumns = xinjiang.tables.find((table) => table.key === 'team')?.columns.filter((c) => c.required).length ?? 0;
    const satisfied = 1 + 1 + teamColumns; // the name, the team table, each of its required columns
    const expected = Math.floor((satisfied * 100) / (requiredFields + tableItems));
    const started = performance.now();
    const report = checkDraft(xinjiang, draft, noOtherDrafts);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(report.completeness).toBe(expected);
    expect(report.completeness).toBeLessThan(20);
  });

  it('is 100 % for every complete example and falls below it when one required cell is emptied', () => {
    for (const regionId of ['xinjiang', 'guangxi', 'chongqing', 'zhejiang', 'neimenggu']) {
      const template = getRegionTemplate(regionId);
      const draft = example(regionId);
      expect(completenessOf(template, draft), regionId).toBe(100);
      const members = draft.tables.members;
      members[members.length - 1].values.role = '';
      expect(completenessOf(template, draft), regionId).toBeLessThan(100);
    }
  });

  it('rounds down, so one missing field of many never shows 100 %', () => {
    const draft = example('xinjiang');
    draft.fields.planSupport = '';
    const total = requiredFields + tableItems;
    expect(total).toBeGreaterThan(50);
    expect(completenessOf(xinjiang, draft)).toBe(Math.floor(((total - 1) * 100) / total));
    expect(completenessOf(xinjiang, draft)).toBeLessThan(100);
  });

  it('gives a required column one item however many rows lack it', () => {
    const full = example('xinjiang');
    const one = structuredClone(full);
    one.tables.team[0].values.major = '';
    const all = structuredClone(full);
    for (const row of all.tables.team) row.values.major = '';
    expect(completenessOf(xinjiang, one)).toBe(completenessOf(xinjiang, all));
  });

  it('ignores blank rows and counts an empty required table as missing', () => {
    const draft = example('xinjiang');
    const before = completenessOf(xinjiang, draft);
    draft.tables.team.push({ id: 'blank', values: { name: '', age: '' } });
    expect(completenessOf(xinjiang, draft)).toBe(before);
    draft.tables.platforms = [];
    const total = requiredFields + tableItems;
    const platformColumns = xinjiang.tables.find((table) => table.key === 'platforms')?.columns.filter((c) => c.required).length ?? 0;
    expect(completenessOf(xinjiang, draft)).toBe(Math.floor(((total - 1 - platformColumns) * 100) / total));
  });
});
