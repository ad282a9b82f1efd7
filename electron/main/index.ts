import { BrowserWindow, app, ipcMain, session } from 'electron';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCoreHandlers } from '../core/api';
import { storeFileName } from '../core/paths';
import { loadRegionTemplates } from '../core/regions/templates';
import { DraftStore } from '../core/storage/draft-store';
import type { ContractHandlers } from '../shared/contract';
import { isAppFrameUrl, registerContractHandlers } from './ipc';
import { installMenu } from './menu';
import { createHostHandlers } from './printing';
import { registerAppScheme, serveRenderer } from './protocol';
import { appOrigin, denyAllPermissions, hardenWebContents, mainWindowOptions } from './security';

// The Electron main process is a thin shell: window, menu, printing and IPC over the Node core.
registerAppScheme();
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.whenReady().then(start).catch((error: unknown) => {
    console.error(error);
    app.quit();
  });
  app.on('window-all-closed', () => app.quit());
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  mkdirSync(dataDir, { recursive: true });
  const logFile = join(dataDir, 'app.log');
  const log = (line: string) => appendFileSync(logFile, `${line}\n`);
  const appRoot = app.getAppPath();
  // In development the Electron-ABI build sits beside the Node one; a packaged app has only the Electron one.
  const devBinding = join(appRoot, 'build', 'electron-native', process.arch, 'better_sqlite3.node');
  const store = DraftStore.open(join(dataDir, storeFileName), {
    nativeBinding: existsSync(devBinding) ? devBinding : undefined,
  });
  app.on('will-quit', () => store.close());

  const handlers: ContractHandlers = {
    ...createCoreHandlers({
      store,
      templates: loadRegionTemplates(join(appRoot, 'resources', 'regions')),
      appVersion: app.getVersion(),
      host: 'electron',
      log,
    }),
    ...createHostHandlers(() => mainWindow?.webContents ?? null),
  };
  registerContractHandlers(
    ipcMain,
    handlers,
    (event) => event.sender === mainWindow?.webContents && isAppFrameUrl(event.senderFrame?.url),
    log,
  );

  serveRenderer(join(appRoot, 'out', 'renderer'));
  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  installMenu(dataDir);

  mainWindow = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  await mainWindow.loadURL(`${appOrigin}/index.html`);
}
