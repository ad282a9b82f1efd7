import { join } from 'node:path';
import { createCoreHandlers, dispatch } from '../../../electron/core/api';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { DraftStore } from '../../../electron/core/storage/draft-store';
import { channels, type Channel, type ContractHandlers, type Envelope } from '../../../electron/shared/contract';
import { makeTempDir } from '../../helpers/temp-dir';

type Bridge = NonNullable<Window['api']>;

/**
 * One page's connection to the core: what the preload gives the page (`window.api.<namespace>.<method>`),
 * wired straight to the real core instead of through Electron's IPC. `connected = false` makes every call
 * fail the way the page sees a host that stopped answering, so a test can fail saves without touching the
 * store; a closed page keeps its connection, dead, as a reloaded page gets a new one.
 */
export interface Connection {
  bridge: Bridge;
  calls: Channel[];
  connected: boolean;
}

/** The real core over a real SQLite file in a temp folder. */
export function openCore() {
  const temp = makeTempDir('lianheti-renderer-');
  const store = DraftStore.open(join(temp.dir, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
  const handlers = createCoreHandlers({ store, templates: loadRegionTemplates(), appVersion: 'test', host: 'web' }) as ContractHandlers;
  const connect = (): Connection => {
    const connection: Connection = { bridge: {}, calls: [], connected: true };
    for (const channel of channels) {
      const [namespace, method] = channel.split('.');
      connection.bridge[namespace] ??= {};
      connection.bridge[namespace][method] = async (input: unknown): Promise<Envelope<unknown>> => {
        // A macrotask, as IPC is: the page never gets its answer in the same tick.
        await new Promise((done) => setTimeout(done, 1));
        if (!connection.connected) return { ok: false, error: { code: 'transport', message: '无法连接到本机服务，请确认程序仍在运行。' } };
        connection.calls.push(channel);
        return dispatch(handlers, channel, input);
      };
    }
    return connection;
  };
  return {
    store,
    connect,
    cleanup: () => {
      store.close();
      temp.cleanup();
    },
  };
}
