import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreHandlers, dispatch } from '../../electron/core/api';
import { loadRegionTemplates } from '../../electron/core/regions/templates';
import { BackupService } from '../../electron/core/storage/backups';
import { DraftStore } from '../../electron/core/storage/draft-store';
import type { ContractHandlers } from '../../electron/shared/contract';
import type { Draft } from '../../electron/shared/draft';
import { exportFolderName, safeFileName } from '../../electron/shared/documents/export-names';
import { hasXmlInvalid, validateValue } from '../../electron/shared/validation';
import { makeTempDir } from '../helpers/temp-dir';
import {
  deeplyNestedProject,
  hugeText,
  oversizedProject,
  tooLongValueProject,
  tooManyDraftsProject,
  tooManyRowsProject,
} from '../fixtures/bad-input/generators';

/**
 * The hostile-input corpus (tests/fixtures/bad-input/, README there) sent through the same code path the
 * page uses: the contract's `dispatch` with the real core handlers on a real store in a temp folder. Each
 * case ends in a clear Chinese message or in cleaned text, and never in changed or broken data.
 */
const corpus = resolve(__dirname, '../fixtures/bad-input');
const templates = loadRegionTemplates();
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

function setUp() {
  const temp = makeTempDir();
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'));
  const backups = new BackupService(store);
  cleanups.push(() => {
    store.close();
    temp.cleanup();
  });
  const handlers = createCoreHandlers({ store, backups, templates, appVersion: 'test', host: 'web' }) as ContractHandlers;
  const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
  store.setField(draft.id, 'consortiumName', '原有的联合体');
  const [row] = store.addRows(draft.id, 'members', null, [{ name: '原有的单位' }]);
  /** Everything the user could lose, to compare before and after. */
  const snapshot = () => ({
    drafts: store.listDrafts({}).map((d) => store.getDraft(d.id)) as Draft[],
    trashed: store.listDrafts({ trashed: true }),
    revisions: store.revisionCount(),
    backups: existsSync(backups.dir) ? readdirSync(backups.dir) : [],
  });
  return { store, handlers, draftId: draft.id, rowId: row.id, snapshot, dir: temp.dir };
}

const read = (name: string) => readFileSync(join(corpus, name), 'utf8');

describe('hostile text typed or pasted into the form', () => {
  const { cases } = JSON.parse(read('text-values.json')) as { cases: Array<{ name: string; value: string; stored: string }> };

  for (const { name, value, stored } of cases) {
    it(`${name}: saved as ${JSON.stringify(stored)} in fields, new rows and edited cells`, async () => {
      const { store, handlers, draftId, rowId } = setUp();
      expect((await dispatch(handlers, 'drafts.setField', { draftId, key: 'goals', value })).ok).toBe(true);
      const added = await dispatch(handlers, 'rows.add', { draftId, table: 'members', atIndex: null, rows: [{ name: value }] });
      expect(added).toMatchObject({ ok: true, value: [{ values: { name: stored } }] }); // the page shows what was kept
      expect((await dispatch(handlers, 'rows.update', { draftId, table: 'members', rowId, values: { role: value } })).ok).toBe(true);
      const draft = store.getDraft(draftId);
      expect(draft.fields.goals).toBe(stored);
      expect(draft.tables.members.map((row) => row.values)).toEqual([{ name: '原有的单位', role: stored }, { name: stored }]);
      // Whatever was pasted, what is stored can be written into a Word document.
      for (const text of [draft.fields.goals, ...draft.tables.members.flatMap((row) => Object.values(row.values))]) {
        expect(hasXmlInvalid(text)).toBe(false);
      }
    });
  }

  it('a 1 MB paste is refused with 内容过长 and nothing changes', async () => {
    const { handlers, draftId, rowId, snapshot } = setUp();
    const before = snapshot();
    const big = hugeText();
    for (const [channel, payload] of [
      ['drafts.setField', { draftId, key: 'goals', value: big }],
      ['rows.add', { draftId, table: 'members', atIndex: null, rows: [{ name: '甲' }, { name: big }] }],
      ['rows.update', { draftId, table: 'members', rowId, values: { role: big } }],
    ] as const) {
      const answer = await dispatch(handlers, channel, payload);
      expect(answer.ok, channel).toBe(false);
      if (!answer.ok) {
        expect(answer.error.code).toBe('payload.invalid');
        expect(answer.error.message).toMatch(/内容过长/);
      }
    }
    expect(snapshot()).toEqual(before);
  });

  it('numbers where text is expected are refused; text where a number is expected is kept as typed and flagged', async () => {
    const { store, handlers, draftId, snapshot } = setUp();
    const before = snapshot();
    const asNumber = await dispatch(handlers, 'drafts.setField', { draftId, key: 'memberCount', value: 24 });
    expect(asNumber).toMatchObject({ ok: false, error: { code: 'payload.invalid' } });
    if (!asNumber.ok) expect(asNumber.error.message).toMatch(/^请求数据不正确：value/);
    const inRow = await dispatch(handlers, 'rows.add', { draftId, table: 'members', atIndex: null, rows: [{ name: 123 }] });
    expect(inRow.ok).toBe(false);
    const asNull = await dispatch(handlers, 'drafts.setField', { draftId, key: 'goals', value: null });
    expect(asNull.ok).toBe(false);
    expect(snapshot()).toEqual(before);

    // Text in a number field is never lost to a parse: stored as typed, the validator says what is wrong.
    for (const typed of ['十二万', '1e3', '=1+1', '12a']) {
      expect((await dispatch(handlers, 'drafts.setField', { draftId, key: 'registeredCapital', value: typed })).ok).toBe(true);
      expect(store.getDraft(draftId).fields.registeredCapital).toBe(typed);
      expect(validateValue('money', typed)[0]?.severity).toBe('error');
    }
    expect(validateValue('integer', '１２')).toEqual([]); // full-width digits from a Chinese IME are fine
  });

  it('field names outside the contract are refused', async () => {
    const { handlers, draftId, snapshot } = setUp();
    const before = snapshot();
    for (const key of ['__proto__', 'constructor.prototype', '名称', 'a b', '', 'x'.repeat(65), "goals'; DROP TABLE draft;--"]) {
      const answer = await dispatch(handlers, 'drafts.setField', { draftId, key, value: 'x' });
      expect(answer.ok, key).toBe(false);
    }
    expect(snapshot()).toEqual(before);
  });
});

describe('hostile or broken project files', () => {
  const expected: Array<[string, () => string, RegExp]> = [
    ['wrong types', () => read('project-wrong-types.lhtproj.json'), /^项目文件格式不正确：drafts\[0\]\.templateVersion 应为数字$/],
    ['a number where text belongs', () => read('project-number-as-value.lhtproj.json'), /^项目文件格式不正确：drafts\[0\]\.fields\.memberCount 应为文本$/],
    ['missing fields', () => read('project-missing-fields.lhtproj.json'), /^项目文件格式不正确：缺少 drafts\[0\]\.fields$/],
    ['extra fields', () => read('project-extra-fields.lhtproj.json'), /^项目文件格式不正确：文件顶层含有不认识的字段：password$/],
    ['a future schema version', () => read('project-future-version.lhtproj.json'), /^该项目文件由更新版本的软件创建（格式版本 2），请升级后再打开$/],
    ['a truncated file', () => read('project-truncated.lhtproj.json'), /^项目文件不是有效的 JSON 文件，可能已损坏或不完整$/],
    ['a JSON file of something else', () => read('project-not-ours.lhtproj.json'), /^这不是联合体申报助手的项目文件$/],
    ['an unknown region', () => read('project-unknown-region.lhtproj.json'), /^项目文件格式不正确：drafts\[0\]\.regionId 不是支持的地区/],
    ['field names that are not field names', () => read('project-bad-field-name.lhtproj.json'), /^项目文件格式不正确：drafts\[0\]\.(fields|tables\.members\[0\]) 含有无效的字段名/],
    ['a huge array of drafts', tooManyDraftsProject, /^项目文件格式不正确：drafts 的条目过多（最多 500 条）$/],
    ['a huge table', tooManyRowsProject, /^项目文件格式不正确：drafts\[0\]\.tables\.members 的条目过多（最多 10000 条）$/],
    ['a value over the length limit', tooLongValueProject, /^项目文件格式不正确：drafts\[0\]\.fields\.goals 过长（最多 200000 个字符）$/],
    ['deep nesting where text belongs', deeplyNestedProject, /^项目文件格式不正确：drafts\[0\]\.fields\.goals 应为文本$/],
    ['an empty file', () => '', /^请求数据不正确：json/],
    ['a byte-order mark and nothing else', () => '\uFEFF', /^项目文件不是有效的 JSON 文件/],
  ];

  for (const [kind, make, message] of expected) {
    it(`${kind}: inspect and import both refuse it with a clear message and change nothing`, async () => {
      const { handlers, snapshot } = setUp();
      const before = snapshot();
      const json = make();
      for (const [channel, payload] of [
        ['projects.inspect', { json }],
        ['projects.import', { json, decisions: ['new'] }],
      ] as const) {
        const answer = await dispatch(handlers, channel, payload);
        expect(answer.ok, `${channel} accepted ${kind}`).toBe(false);
        if (!answer.ok) expect(answer.error.message, channel).toMatch(message);
      }
      expect(snapshot()).toEqual(before);
    });
  }

  it('a file over 50 MB is refused before it is parsed', async () => {
    const { handlers, snapshot } = setUp();
    const before = snapshot();
    const answer = await dispatch(handlers, 'projects.inspect', { json: oversizedProject() });
    expect(answer).toMatchObject({ ok: false, error: { code: 'project.invalid', message: expect.stringMatching(/^项目文件过大（51\.0 MB），超过 50 MB 的上限，未打开$/) } });
    expect(snapshot()).toEqual(before);
  });

  it('hostile text inside a valid file is imported cleaned, never as markup or a formula', async () => {
    const { store, handlers } = setUp();
    const answer = await dispatch(handlers, 'projects.import', { json: read('project-hostile-text.lhtproj.json'), decisions: ['new'] });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const [id] = (answer.value as { importedIds: string[] }).importedIds;
    const draft = store.getDraft(id);
    expect(draft.fields.consortiumName).toBe('控制字符与孤立代理');
    expect(draft.fields.goals).toBe("=cmd|' /C calc'!A0"); // kept as the text it is
    expect(draft.tables.members[0].values).toEqual({ name: '单位名称', role: '<w:p>注入</w:p>' });
  });
});

describe('hostile names used for exported files', () => {
  const { names } = JSON.parse(read('file-names.json')) as { names: string[] };
  // eslint-disable-next-line no-control-regex -- control characters are what must not reach a file name
  const forbidden = /[\u0000-\u001f<>:"/\\|?*]/;
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

  for (const name of names) {
    it(`${JSON.stringify(name)} becomes one safe file name inside the chosen folder`, async () => {
      const stem = safeFileName(name, '未命名草稿');
      expect(stem).not.toMatch(forbidden);
      expect(stem).not.toMatch(reserved);
      expect(stem).not.toMatch(/^[.\s]|[.\s]$/);
      expect(stem.length).toBeGreaterThan(0);
      expect(Array.from(stem).length).toBeLessThanOrEqual(80);
      expect(hasXmlInvalid(stem)).toBe(false);

      // The consortium name is what names a project export: the file lands in the folder, nowhere else.
      const { store, handlers, draftId, dir } = setUp();
      store.setField(draftId, 'consortiumName', name);
      const answer = await dispatch(handlers, 'projects.export', { draftIds: [draftId] });
      expect(answer.ok).toBe(true);
      if (!answer.ok) return;
      const { fileName, json } = answer.value as { fileName: string; json: string };
      expect(basename(fileName)).toBe(fileName);
      expect(fileName).not.toMatch(forbidden);
      expect(fileName.split('.')[0]).not.toMatch(reserved);
      const target = join(dir, '导出', fileName);
      expect(dirname(target)).toBe(join(dir, '导出'));
      mkdirSync(join(dir, '导出'), { recursive: true });
      writeFileSync(target, json);
      expect(readdirSync(join(dir, '导出'))).toEqual([fileName]);
    });

    it(`${JSON.stringify(name)} as a consortium name gives an export folder inside the chosen one`, async () => {
      // The documents export names its folder after the stored consortium name (exportFolderName).
      const { store, handlers, draftId, dir } = setUp();
      expect((await dispatch(handlers, 'drafts.setField', { draftId, key: 'consortiumName', value: name })).ok).toBe(true);
      const folder = exportFolderName(store.getDraft(draftId).fields.consortiumName);
      expect(folder).not.toMatch(forbidden);
      expect(folder).not.toMatch(reserved);
      expect(folder).not.toMatch(/[.\s]$/);
      expect(folder === '.' || folder === '..' || folder === '').toBe(false);
      expect(Array.from(folder).length).toBeLessThanOrEqual(80);
      expect(hasXmlInvalid(folder)).toBe(false);
      const chosen = join(dir, '选择的文件夹');
      mkdirSync(join(chosen, folder), { recursive: true });
      expect(readdirSync(chosen)).toEqual([folder]);
    });
  }
});
