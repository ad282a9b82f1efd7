import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreHandlers, dispatch } from '../../../electron/core/api';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import type { Channel, ChannelInput, ChannelResult, ContractHandlers } from '../../../electron/shared/contract';
import type { ApiErrorPayload } from '../../../electron/shared/errors';
import { makeTempDir } from '../../helpers/temp-dir';
import { exampleDraft } from '../../shared/documents/fixtures';
import { exportedForm } from './helpers';

const templates = loadRegionTemplates();
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** Real handlers over a real SQLite store, called the way the page calls them. */
function setUp() {
  const temp = makeTempDir('lianheti-docx-api-');
  const file = join(temp.dir, 'drafts.sqlite');
  const store = DraftStore.open(file, { autoRevisionMinutes: 0 });
  cleanups.push(() => {
    store.close();
    temp.cleanup();
  });
  const handlers = createCoreHandlers({ store, templates, appVersion: '0.1.0', host: 'web' }) as ContractHandlers;
  async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> {
    const answer = await dispatch(handlers, channel, input);
    if (!answer.ok) throw new Error(`${channel}: ${answer.error.message} (${answer.error.detail ?? ''})`);
    return answer.value as ChannelResult<C>;
  }
  async function fail(channel: Channel, input: unknown): Promise<ApiErrorPayload> {
    const answer = await dispatch(handlers, channel, input);
    if (answer.ok) throw new Error(`${channel} was expected to fail`);
    return answer.error;
  }
  return { store, call, fail, file };
}

async function xinjiangForm(): Promise<string> {
  const template = templates.find((t) => t.id === 'xinjiang')!;
  return (await exportedForm(template, exampleDraft('xinjiang'))).toString('base64');
}

describe('docxImport over the contract', () => {
  it('previews without writing anything, then makes a new draft when confirmed', async () => {
    const { call, fail } = setUp();
    const dataBase64 = await xinjiangForm();
    const preview = await call('docxImport.preview', { fileName: '申请表.docx', dataBase64 });
    expect(preview.regionId).toBe('xinjiang');
    expect(preview.fields.find((f) => f.key === 'consortiumName')?.source).toMatchObject({ part: 'form', row: 0, cell: 1 });
    expect(await call('drafts.list', {})).toHaveLength(0);

    const summary = await call('docxImport.apply', { importId: preview.importId, target: { kind: 'new' } });
    expect(summary.created).toBe(true);
    const draft = await call('drafts.get', { id: summary.draftId });
    expect(draft.regionId).toBe('xinjiang');
    expect(draft.fields.consortiumName).toBe(exampleDraft('xinjiang').fields.consortiumName);
    expect(draft.tables.members[0].values.tier).toBe('牵头单位');
    expect(draft.tables.team).toHaveLength(exampleDraft('xinjiang').tables.team.length);
    // A preview is used once.
    expect((await fail('docxImport.apply', { importId: preview.importId, target: { kind: 'new' } })).code).toBe('import.expired');
  });

  it('merges into an open draft: append fills only what is empty, update overwrites, replace makes the lists the file\'s', async () => {
    const { call, store } = setUp();
    const dataBase64 = await xinjiangForm();
    const draft = await call('drafts.create', { regionId: 'xinjiang' });
    await call('drafts.setField', { draftId: draft.id, key: 'consortiumName', value: '我的联合体' });
    await call('rows.add', { draftId: draft.id, table: 'team', atIndex: null, rows: [{ name: '自己加的人', workUnit: '某单位' }] });

    const first = await call('docxImport.preview', { fileName: 'a.docx', dataBase64, draftId: draft.id });
    const appended = await call('docxImport.apply', { importId: first.importId, target: { kind: 'merge', draftId: draft.id, mode: 'append' } });
    expect(appended.revisionId).not.toBeNull();
    let now = store.getDraft(draft.id);
    expect(now.fields.consortiumName).toBe('我的联合体');
    expect(now.fields.industryField).toBe(exampleDraft('xinjiang').fields.industryField);
    const teamSize = exampleDraft('xinjiang').tables.team.length;
    expect(now.tables.team).toHaveLength(teamSize + 1);
    expect((await call('revisions.list', { draftId: draft.id })).some((r) => r.cause === 'before-import')).toBe(true);

    const second = await call('docxImport.preview', { fileName: 'a.docx', dataBase64, draftId: draft.id });
    const updated = await call('docxImport.apply', { importId: second.importId, target: { kind: 'merge', draftId: draft.id, mode: 'update' } });
    now = store.getDraft(draft.id);
    expect(now.fields.consortiumName).toBe(exampleDraft('xinjiang').fields.consortiumName);
    expect(updated.rowsAdded).toBe(0);
    expect(updated.rowsUpdated).toBeGreaterThanOrEqual(teamSize);
    expect(now.tables.team).toHaveLength(teamSize + 1);

    const third = await call('docxImport.preview', { fileName: 'a.docx', dataBase64, draftId: draft.id });
    await call('docxImport.apply', { importId: third.importId, target: { kind: 'merge', draftId: draft.id, mode: 'replace' } });
    now = store.getDraft(draft.id);
    expect(now.tables.team).toHaveLength(teamSize);
    expect(now.tables.team.some((r) => r.values.name === '自己加的人')).toBe(false);
  });

  it('reads a file into an open draft as that draft\'s region, and says when its title names another', async () => {
    const { call } = setUp();
    const draft = await call('drafts.create', { regionId: 'guangxi' });
    const preview = await call('docxImport.preview', { fileName: 'x.docx', dataBase64: await xinjiangForm(), regionId: 'neimenggu', draftId: draft.id });
    expect(preview.regionId).toBe('guangxi');
    expect(preview.notes.join('')).toContain('文件标题是新疆维吾尔自治区的申请表');
  });

  it('refuses a broken file in Chinese and leaves the store as it was', async () => {
    const { call, fail } = setUp();
    const error = await fail('docxImport.preview', { fileName: '坏文件.docx', dataBase64: Buffer.from('not a document').toString('base64') });
    expect(error.code).toBe('docx.notWord');
    expect(error.message).toContain('坏文件.docx');
    expect(await call('drafts.list', {})).toHaveLength(0);
  });
});
