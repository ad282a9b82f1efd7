import { describe, expect, it } from 'vitest';
import {
  ProjectFileError,
  draftToProjectDraft,
  makeProjectFile,
  maxProjectFileBytes,
  parseProjectFile,
  projectDraftToDraft,
  stringifyProjectFile,
} from '../../../electron/core/project/project-file';
import type { Draft } from '../../../electron/shared/draft';
import { UserError } from '../../../electron/shared/errors';
import { projectLimits } from '../../../electron/shared/project-file';

const draft: Draft = {
  id: 'd1',
  regionId: 'xinjiang',
  templateVersion: 1,
  createdAt: '2024-05-01T00:00:00.000Z',
  updatedAt: '2024-05-02T00:00:00.000Z',
  deletedAt: null,
  fields: { consortiumName: '新疆某创新联合体', goals: '目标\n第二行' },
  tables: {
    members: [
      { id: 'r1', values: { name: '甲公司', tier: '牵头单位' } },
      { id: 'r2', values: { name: '乙大学', tier: '核心层单位' } },
    ],
    team: [],
    platforms: [{ id: 'p1', values: { name: '重点实验室' } }],
    council: [],
  },
};

function validFile(): Record<string, unknown> {
  return JSON.parse(stringifyProjectFile(makeProjectFile([draft], '0.1.0', '2024-06-01T00:00:00.000Z')));
}

/** The error parseProjectFile throws for this text. */
function errorFor(text: string): ProjectFileError {
  try {
    parseProjectFile(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ProjectFileError);
    return error as ProjectFileError;
  }
  throw new Error('expected parseProjectFile to throw');
}

const errorForData = (data: unknown) => errorFor(JSON.stringify(data));

describe('round trip', () => {
  it('writes and reads back the same drafts, with new row ids', () => {
    const text = stringifyProjectFile(makeProjectFile([draft], '0.1.0', '2024-06-01T00:00:00.000Z'));
    expect(text.endsWith('\n')).toBe(true);
    const file = parseProjectFile(text);
    expect(file).toMatchObject({ format: 'lianheti-project', schemaVersion: 1, appVersion: '0.1.0' });
    let n = 0;
    const back = projectDraftToDraft(file.drafts[0], () => `new-${++n}`);
    expect(back.id).toBe('d1');
    expect(back.fields).toEqual(draft.fields);
    expect(back.tables.members.map((row) => row.values)).toEqual(draft.tables.members.map((row) => row.values));
    expect(back.tables.members.map((row) => row.id)).toEqual(['new-1', 'new-2']);
    expect(back.deletedAt).toBeNull();
  });

  it('fills what a hand-written file may leave out', () => {
    const file = parseProjectFile(
      JSON.stringify({
        format: 'lianheti-project',
        schemaVersion: 1,
        exportedAt: '2024-06-01',
        drafts: [{ regionId: 'guangxi', templateVersion: 1, fields: {}, tables: {} }],
      }),
    );
    const back = projectDraftToDraft(file.drafts[0], () => 'generated', '2024-06-02T00:00:00.000Z');
    expect(back).toMatchObject({ id: 'generated', createdAt: '2024-06-02T00:00:00.000Z', tables: { members: [], council: [] } });
  });

  it('leaves row ids and the trash mark out of the file', () => {
    const projectDraft = draftToProjectDraft({ ...draft, deletedAt: '2024-06-01T00:00:00.000Z' });
    expect(projectDraft.tables.members[0]).toEqual({ name: '甲公司', tier: '牵头单位' });
    expect(projectDraft).not.toHaveProperty('deletedAt');
  });

  it('accepts a UTF-8 byte order mark and reads the drafts after it', () => {
    const file = parseProjectFile(`\uFEFF${JSON.stringify(validFile())}`);
    expect(file.drafts).toHaveLength(1);
    const back = projectDraftToDraft(file.drafts[0], () => 'row');
    expect(back).toMatchObject({ id: 'd1', regionId: 'xinjiang', fields: draft.fields });
    expect(back.tables.members.map((row) => row.values)).toEqual(draft.tables.members.map((row) => row.values));
    expect(back.tables.platforms.map((row) => row.values)).toEqual([{ name: '重点实验室' }]);
  });

  it('refuses to make a file of no drafts', () => {
    expect(() => makeProjectFile([])).toThrow(ProjectFileError);
  });
});

describe('parse errors', () => {
  it('reports bad JSON in Chinese, with the parser’s words in detail', () => {
    const error = errorFor('{"format": "lianheti-project", ');
    expect(error.message).toBe('项目文件不是有效的 JSON 文件，可能已损坏或不完整');
    expect(error.detail).toBeTruthy();
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('project.invalid');
  });

  it('recognises a file that is not a project file', () => {
    expect(errorFor('[1, 2]').message).toBe('这不是联合体申报助手的项目文件');
    expect(errorForData({ format: 'other', drafts: [] }).message).toBe('这不是联合体申报助手的项目文件');
  });

  it('names an unsupported region with its path', () => {
    const data = validFile();
    (data.drafts as Record<string, unknown>[])[0].regionId = 'beijing';
    const error = errorForData(data);
    expect(error.message).toMatch(/^项目文件格式不正确：drafts\[0\]\.regionId 不是支持的地区/);
    expect(error.detail).toContain('drafts[0].regionId');
  });

  it('names wrong types', () => {
    const data = validFile();
    (data.drafts as Record<string, unknown>[])[0].templateVersion = '1';
    expect(errorForData(data).message).toBe('项目文件格式不正确：drafts[0].templateVersion 应为数字');
    const cell = validFile();
    ((cell.drafts as { tables: { members: Record<string, unknown>[] } }[])[0].tables.members[1]).name = 42;
    expect(errorForData(cell).message).toBe('项目文件格式不正确：drafts[0].tables.members[1].name 应为文本');
  });

  it('names missing fields', () => {
    const data = validFile();
    delete (data.drafts as Record<string, unknown>[])[0].fields;
    expect(errorForData(data).message).toBe('项目文件格式不正确：缺少 drafts[0].fields');
    const top = validFile();
    delete top.exportedAt;
    expect(errorForData(top).message).toBe('项目文件格式不正确：缺少 exportedAt');
  });

  it('names extra fields and unknown tables', () => {
    expect(errorForData({ ...validFile(), password: 'x' }).message).toBe('项目文件格式不正确：文件顶层含有不认识的字段：password');
    const data = validFile();
    (data.drafts as { tables: Record<string, unknown> }[])[0].tables.budget = [];
    expect(errorForData(data).message).toMatch(/^项目文件格式不正确：drafts\[0\]\.tables 含有不认识的表格：budget/);
  });

  it('refuses huge arrays by their limit, not by running out of memory', () => {
    const data = validFile();
    const drafts = data.drafts as unknown[];
    data.drafts = Array.from({ length: projectLimits.maxDrafts + 1 }, () => drafts[0]);
    expect(errorForData(data).message).toBe(`项目文件格式不正确：drafts 的条目过多（最多 ${projectLimits.maxDrafts} 条）`);

    const rows = validFile();
    (rows.drafts as { tables: { members: unknown[] } }[])[0].tables.members = Array.from(
      { length: projectLimits.maxRowsPerTable + 1 },
      () => ({ name: '甲' }),
    );
    expect(errorForData(rows).message).toBe(
      `项目文件格式不正确：drafts[0].tables.members 的条目过多（最多 ${projectLimits.maxRowsPerTable} 条）`,
    );
  });

  it('refuses a file over 50 MB before parsing it', () => {
    const text = `{"format":"lianheti-project","pad":"${'x'.repeat(maxProjectFileBytes)}"}`;
    const error = errorFor(text);
    expect(error.message).toMatch(/^项目文件过大（50\.0 MB），超过 50 MB 的上限/);
  });

  it('counts bytes, not characters, against the limit', () => {
    // 18 M Chinese characters are 54 MB in UTF-8.
    const text = `{"p":"${'字'.repeat(18 * 1024 * 1024)}"}`;
    expect(errorFor(text).message).toMatch(/^项目文件过大/);
  });

  it('asks for an upgrade for a newer schema version, even if the rest is unknown to it', () => {
    const error = errorForData({ ...validFile(), schemaVersion: 2, newThing: {} });
    expect(error.message).toBe('该项目文件由更新版本的软件创建（格式版本 2），请升级后再打开');
  });

  it('names too many fields in a draft and over-long keys', () => {
    const data = validFile();
    const fields = Object.fromEntries(Array.from({ length: projectLimits.maxKeys + 1 }, (_, i) => [`k${i}`, '']));
    (data.drafts as Record<string, unknown>[])[0].fields = fields;
    expect(errorForData(data).message).toBe('项目文件格式不正确：drafts[0].fields 字段数量过多');
  });

  it('rejects a zero schema version', () => {
    expect(errorForData({ ...validFile(), schemaVersion: 0 }).message).toBe('项目文件格式不正确：schemaVersion 应为正数');
  });
});
