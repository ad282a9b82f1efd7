import type { IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreHandlers } from '../../electron/core/api';
import { DraftStore } from '../../electron/core/storage/draft-store';
import { isAppFrameUrl, registerContractHandlers } from '../../electron/main/ipc';
import type { ContractHandlers, Envelope } from '../../electron/shared/contract';
import { channels } from '../../electron/shared/contract';
import { makeTempDir } from '../helpers/temp-dir';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<Envelope<unknown>>;
let cleanup = () => {};
afterEach(() => cleanup());

/** Registers the real handlers over a real store, on a recorder standing in for ipcMain. */
function setUp() {
  const temp = makeTempDir();
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'));
  cleanup = () => {
    store.close();
    temp.cleanup();
  };
  const handlers: ContractHandlers = {
    ...createCoreHandlers({ store, templates: [], appVersion: 'test', host: 'electron' }),
    'host.print': () => ({ printed: true }),
    'host.savePdf': () => ({ file: null }),
    'host.chooseExportFolder': () => ({ dir: null }),
    'host.openFolder': () => ({ opened: false }),
  };
  const registered = new Map<string, Handler>();
  const logs: string[] = [];
  registerContractHandlers(
    { handle: (channel: string, handler: Handler) => void registered.set(channel, handler) } as never,
    handlers,
    (event) => isAppFrameUrl(event.senderFrame?.url),
    (line) => logs.push(line),
  );
  const eventFrom = (url: string) => ({ senderFrame: { url } }) as unknown as IpcMainInvokeEvent;
  return { registered, logs, eventFrom, store };
}

describe('main process IPC', () => {
  it('registers exactly the contract channels', () => {
    const { registered } = setUp();
    expect([...registered.keys()].sort()).toEqual([...channels].sort());
  });

  it('runs a valid call from the app page against the core', async () => {
    const { registered, eventFrom, store } = setUp();
    const created = await registered.get('drafts.create')!(eventFrom('app://renderer/index.html'), {
      regionId: 'xinjiang',
    });
    // With no templates loaded the core refuses the unknown region, in Chinese.
    expect(created).toMatchObject({ ok: false, error: { code: 'region.unknown', message: '不支持的地区模板。' } });
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    const saved = await registered.get('drafts.setField')!(eventFrom('app://renderer/index.html'), {
      draftId: draft.id,
      key: 'consortiumName',
      value: '测试联合体',
    });
    expect(saved.ok).toBe(true);
    expect(store.getDraft(draft.id).fields.consortiumName).toBe('测试联合体');
  });

  it('rejects an invalid payload with a clear message and changes nothing', async () => {
    const { registered, eventFrom, store } = setUp();
    const draft = store.createDraft({ regionId: 'xinjiang', templateVersion: 1 });
    const app = eventFrom('app://renderer/index.html');
    const wrongType = await registered.get('drafts.setField')!(app, { draftId: draft.id, key: 'goals', value: 42 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'payload.invalid' } });
    if (!wrongType.ok) expect(wrongType.error.message).toMatch(/^请求数据不正确：value/);
    const tooLong = await registered.get('drafts.setField')!(app, { draftId: draft.id, key: 'goals', value: 'x'.repeat(1_000_000) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'payload.invalid' } });
    if (!tooLong.ok) expect(tooLong.error.message).toMatch(/内容过长/);
    const extra = await registered.get('drafts.get')!(app, { id: draft.id, sql: 'DROP TABLE draft' });
    expect(extra.ok).toBe(false);
    expect(store.getDraft(draft.id).fields).toEqual({});
  });

  it('refuses calls from any other page or frame', async () => {
    const { registered, eventFrom, logs, store } = setUp();
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', '']) {
      const answer = await registered.get('drafts.create')!(eventFrom(url), { regionId: 'xinjiang' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'sender.refused' } });
    }
    expect(store.listDrafts()).toHaveLength(0);
    expect(logs.filter((line) => line.startsWith('refused drafts.create'))).toHaveLength(4);
  });
});
