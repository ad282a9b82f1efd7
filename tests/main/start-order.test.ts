import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../electron/shared/contract';
import { makeTempDir } from '../helpers/temp-dir';

/**
 * electron/main/index.ts run for real against a recording stand-in for the `electron` module (Electron itself
 * cannot be launched here): what the shell registers, in which order, and that each guard is in place before
 * the window exists and the page can make its first request.
 */
type Listener = (...args: unknown[]) => unknown;
type IpcHandler = (event: unknown, payload: unknown) => Promise<unknown>;

const electron = vi.hoisted(() => {
  const calls: string[] = [];
  const record = (name: string) => calls.push(name);
  const appListeners = new Map<string, Listener>();
  const ipcHandlers = new Map<string, IpcHandler>();
  const state = {
    lock: true,
    userData: '',
    appPath: '',
    ready: undefined as unknown as () => void,
    loaded: undefined as unknown as () => void,
    schemes: [] as unknown[],
    permissionRequest: undefined as unknown as Listener,
    permissionCheck: undefined as unknown as Listener,
    windowOptions: [] as unknown[],
    loadedUrls: [] as string[],
    webContents: { id: 1 },
  };
  const whenLoaded = new Promise<void>((done) => (state.loaded = done));

  class BrowserWindow {
    webContents = state.webContents;
    constructor(options: unknown) {
      record('new BrowserWindow');
      state.windowOptions.push(options);
    }
    once(name: string) {
      record(`window.once:${name}`);
    }
    on(name: string) {
      record(`window.on:${name}`);
    }
    async loadURL(url: string) {
      record('window.loadURL');
      state.loadedUrls.push(url);
      state.loaded();
    }
    static fromWebContents() {
      return null;
    }
  }

  const module = {
    app: {
      requestSingleInstanceLock: () => (record('app.requestSingleInstanceLock'), state.lock),
      quit: () => record('app.quit'),
      on: (name: string, listener: Listener) => {
        record(`app.on:${name}`);
        appListeners.set(name, listener);
      },
      whenReady: () => {
        record('app.whenReady');
        return new Promise<void>((done) => (state.ready = done));
      },
      getPath: (name: string) => (record(`app.getPath:${name}`), state.userData),
      getAppPath: () => state.appPath,
      getVersion: () => '9.9.9',
      getName: () => '联合体申报助手',
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        record('protocol.registerSchemesAsPrivileged');
        state.schemes.push(...schemes);
      },
      handle: (scheme: string) => record(`protocol.handle:${scheme}`),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => {
          record('session.setPermissionRequestHandler');
          state.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: Listener) => {
          record('session.setPermissionCheckHandler');
          state.permissionCheck = handler;
        },
      },
    },
    ipcMain: {
      handle: (channel: string, handler: IpcHandler) => {
        record(`ipcMain.handle:${channel}`);
        ipcHandlers.set(channel, handler);
      },
      on: (channel: string) => record(`ipcMain.on:${channel}`),
      once: (channel: string) => record(`ipcMain.once:${channel}`),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => (record('Menu.buildFromTemplate'), template),
      setApplicationMenu: () => record('Menu.setApplicationMenu'),
    },
    dialog: { showErrorBox: (title: string, message: string) => record(`dialog.showErrorBox:${title}:${message}`) },
    shell: { openPath: async () => '' },
    BrowserWindow,
  };
  return { module, calls, appListeners, ipcHandlers, state, whenLoaded };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const root = resolve(__dirname, '../..');
const temp = makeTempDir('lianheti-main-');
const { calls, state } = electron;
const at = (name: string) => {
  const index = calls.indexOf(name);
  expect(index, `${name} was not called; calls: ${calls.join(', ')}`).toBeGreaterThanOrEqual(0);
  return index;
};
let callsBeforeReady: string[] = [];

beforeAll(async () => {
  state.userData = join(temp.dir, 'userData');
  // An app folder with the real region templates and no Electron-ABI build of better-sqlite3 (this is Node).
  state.appPath = join(temp.dir, 'app');
  mkdirSync(state.appPath);
  symlinkSync(join(root, 'resources'), join(state.appPath, 'resources'));
  await import('../../electron/main/index');
  // Let whatever the module chains on `whenReady` settle: nothing of it may run before 'ready'.
  await new Promise((done) => setTimeout(done, 20));
  callsBeforeReady = [...calls];
  state.ready();
  await electron.whenLoaded;
});

afterAll(() => {
  // As Electron does on quit: the store closes and the periodic backup timer stops.
  electron.appListeners.get('will-quit')?.();
  temp.cleanup();
});

describe('the Electron shell starting up', () => {
  it('registers the privileged app:// scheme at load time, before asking for ready, and does nothing else before ready', () => {
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('app.whenReady'));
    expect(state.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(callsBeforeReady).toEqual([
      'protocol.registerSchemesAsPrivileged',
      'app.requestSingleInstanceLock',
      'app.on:second-instance',
      'app.whenReady',
      'app.on:window-all-closed',
    ]);
  });

  it('puts every guard in place before the window exists: IPC, app:// content, permissions, web-contents hardening', () => {
    const window = at('new BrowserWindow');
    for (const channel of channels) expect(at(`ipcMain.handle:${channel}`), channel).toBeLessThan(window);
    expect(at('protocol.handle:app')).toBeLessThan(window);
    expect(at('session.setPermissionRequestHandler')).toBeLessThan(window);
    expect(at('session.setPermissionCheckHandler')).toBeLessThan(window);
    expect(at('app.on:web-contents-created')).toBeLessThan(window);
    expect(at('Menu.setApplicationMenu')).toBeLessThan(window);
    // The page is loaded last, once everything above is there.
    expect(at('window.loadURL')).toBe(calls.length - 1);
  });

  it('registers each contract channel exactly once, through ipcMain.handle only', () => {
    const handled = calls.filter((call) => call.startsWith('ipcMain.handle:')).map((call) => call.slice('ipcMain.handle:'.length));
    expect(handled.sort()).toEqual([...channels].sort());
    expect(calls.filter((call) => /^ipcMain\.(on|once):/.test(call))).toEqual([]);
  });

  it('denies every permission request and check', () => {
    let granted: boolean | undefined;
    state.permissionRequest(null, 'media', (answer: boolean) => (granted = answer));
    expect(granted).toBe(false);
    expect(state.permissionCheck(null, 'clipboard-read')).toBe(false);
  });

  it('hardens every web contents created: navigation, redirects, webviews and new windows refused', () => {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener | undefined;
    electron.appListeners.get('web-contents-created')!(
      {},
      { on: (name: string, listener: Listener) => listeners.set(name, listener), setWindowOpenHandler: (handler: Listener) => (openHandler = handler) },
    );
    expect([...listeners.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    let prevented = false;
    listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, 'https://example.com/');
    expect(prevented).toBe(true);
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('creates the window with the hardened options and loads only app://renderer/index.html', async () => {
    const { mainWindowOptions } = await import('../../electron/main/security');
    expect(state.windowOptions).toHaveLength(1);
    const [options] = state.windowOptions as ReturnType<typeof mainWindowOptions>[];
    expect(options).toEqual(mainWindowOptions(options.webPreferences!.preload!));
    expect(options.webPreferences?.preload).toMatch(/preload[/\\]index\.js$/);
    expect(state.loadedUrls).toEqual(['app://renderer/index.html']);
  });

  it('answers only its own window’s top frame loaded from app://, with the store opened in the user-data folder', async () => {
    const handler = electron.ipcHandlers.get('app.info')!;
    const own = { sender: state.webContents, senderFrame: { url: 'app://renderer/index.html' } };
    expect(await handler(own, {})).toEqual({ ok: true, value: { version: '9.9.9', dataFile: join(state.userData, 'drafts.sqlite'), host: 'electron' } });
    const refused = { ok: false, error: { code: 'sender.refused', message: '拒绝了来自未知页面的请求。' } };
    // Another web contents, even on our origin.
    expect(await handler({ sender: { id: 2 }, senderFrame: { url: 'app://renderer/index.html' } }, {})).toEqual(refused);
    // Our window, but a frame from elsewhere.
    expect(await handler({ sender: state.webContents, senderFrame: { url: 'https://example.com/' } }, {})).toEqual(refused);
    expect(await handler({ sender: state.webContents, senderFrame: null }, {})).toEqual(refused);
  });
});

describe('a second copy of the app', () => {
  it('quits at once, having registered nothing but the scheme: the first copy keeps the data file', async () => {
    calls.length = 0;
    state.lock = false;
    vi.resetModules();
    await import('../../electron/main/index');
    expect(calls).toEqual(['protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock', 'app.quit']);
  });
});
