import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../electron/core/api';
import { createCoreHandlers, dispatch } from '../../../electron/core/api';
import { requireSystemTools } from '../../helpers/system-tools';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import type { Channel, ChannelInput, ChannelResult, ContractHandlers } from '../../../electron/shared/contract';
import type { ApiErrorPayload } from '../../../electron/shared/errors';
import { tableIds } from '../../../electron/shared/region-template';
import { makeTempDir } from '../../helpers/temp-dir';
import { exampleDraft } from '../../shared/documents/fixtures';

const templates = loadRegionTemplates();
let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** Real handlers over a real store, called the way the page calls them; the browser host's fixed export folder. */
function setUp(extra: Partial<CoreDeps> = {}) {
  const temp = makeTempDir('lianheti-doc-api-');
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
  cleanups.push(() => {
    store.close();
    temp.cleanup();
  });
  const exportDir = join(temp.dir, '导出');
  const handlers = createCoreHandlers({ store, templates, appVersion: '0.1.0', host: 'web', exportDir, ...extra }) as ContractHandlers;
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
  const example = exampleDraft('xinjiang');
  const draft = store.createDraft({
    regionId: 'xinjiang',
    templateVersion: example.templateVersion,
    fields: example.fields,
    tables: Object.fromEntries(tableIds.map((t) => [t, example.tables[t].map((row) => row.values)])),
  });
  return { store, call, fail, draft, exportDir, dir: temp.dir };
}

describe('documents over the contract', () => {
  it('documents.list: the package with each document’s readiness', async () => {
    const { call, draft } = setUp();
    const entries = await call('documents.list', { draftId: draft.id });
    expect(entries.map((entry) => entry.kind)).toEqual(['applicationForm', 'agreement', 'implementationPlan', 'stampChecklist', 'memberWorkbook']);
    expect(entries.every((entry) => entry.ready)).toBe(true);
    expect(entries[0]).toMatchObject({ title: '新疆维吾尔自治区创新联合体组建申请表', inPackage: true, filed: true, format: 'docx' });
  });

  it('documents.preview: one document or the whole filing as a print view, the user’s text escaped', async () => {
    const { call, store, draft } = setUp();
    store.setField(draft.id, 'consortiumName', '煤化工<创新>联合体');
    const form = await call('documents.preview', { draftId: draft.id, kind: 'applicationForm' });
    expect(form.title).toBe('新疆维吾尔自治区创新联合体组建申请表');
    expect(form.html).toContain('煤化工&lt;创新&gt;联合体');
    expect(form.html).toContain('@page');
    const filing = await call('documents.preview', { draftId: draft.id, kind: 'package' });
    expect(filing.title).toBe('煤化工<创新>联合体申报材料');
    expect(filing.html.length).toBeGreaterThan(form.html.length);
  });

  it('documents.preview refuses a document the region does not have, and an unknown kind', async () => {
    const { fail, draft } = setUp();
    expect((await fail('documents.preview', { draftId: draft.id, kind: 'attachmentChecklist' })).code).toBe('documents.notOffered');
    expect((await fail('documents.preview', { draftId: draft.id, kind: 'memberWorkbook' })).code).toBe('payload.invalid');
  });

  it('documents.export: writes the package into the host’s export folder and takes a revision', async () => {
    const { call, store, draft, exportDir } = setUp();
    const result = await call('documents.export', { draftId: draft.id, dir: exportDir, pdf: false });
    expect(result.folder).toBe(join(exportDir, draft.fields.consortiumName));
    expect(readdirSync(result.folder).sort()).toEqual(result.files.map((file) => file.name).sort());
    expect(result.files.map((file) => file.format)).toEqual(['docx', 'docx', 'docx', 'docx', 'xlsx']);
    expect(store.listRevisions(draft.id)[0].cause).toBe('before-export');
  });

  it('documents.export with one PDF per document, named as the Word files are', async () => {
    requireSystemTools('soffice-writer', 'poppler');
    const { call, draft, exportDir } = setUp();
    const result = await call('documents.export', { draftId: draft.id, dir: exportDir, pdf: true, pdfMode: 'perDocument' });
    const docx = result.files.filter((file) => file.format === 'docx').map((file) => file.name.replace(/\.docx$/, ''));
    const pdfs = result.files.filter((file) => file.format === 'pdf').map((file) => file.name.replace(/\.pdf$/, ''));
    expect(pdfs).toEqual(docx);
    const plan = result.files.find((file) => file.format === 'pdf' && file.kind === 'implementationPlan')!;
    const text = execFileSync('pdftotext', [join(result.folder, plan.name), '-'], { encoding: 'utf8' });
    expect(text).toContain('创新联合体建设实施方案');
    expect(readdirSync(result.folder).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('documents.export: the browser host writes nowhere but its export folder', async () => {
    const { fail, draft, dir } = setUp();
    const outside = join(dir, 'elsewhere');
    const error = await fail('documents.export', { draftId: draft.id, dir: outside, pdf: false });
    expect(error.code).toBe('export.folder');
    expect(existsSync(outside)).toBe(false);
    expect((await fail('documents.export', { draftId: draft.id, dir: 'relative/dir', pdf: false })).code).toBe('export.folder');
  });

  it('documents.export: Electron writes into the folder the user chose', async () => {
    const { call, draft, dir } = setUp({ exportDir: undefined, host: 'electron' });
    const chosen = join(dir, '我的文档');
    const result = await call('documents.export', { draftId: draft.id, dir: chosen, pdf: false });
    expect(result.folder.startsWith(chosen)).toBe(true);
  });
});
