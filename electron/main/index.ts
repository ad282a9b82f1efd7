import { BrowserWindow, app, dialog, ipcMain, session } from 'electron';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCoreHandlers } from '../core/api';
import { loadRegionTemplates } from '../core/regions/templates';
import { openStoreSafely, type OpenedStore } from '../core/storage/open-store';
import type { ContractHandlers } from '../shared/contract';
import { UserError } from '../shared/errors';
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
  let opened: OpenedStore;
  try {
    // A damaged store is moved aside and the newest good backup restored; a newer one is refused untouched.
    opened = await openStoreSafely(dataDir, { nativeBinding: existsSync(devBinding) ? devBinding : undefined, log });
  } catch (error) {
    log(`opening the store failed: ${String(error)}`);
    const message = error instanceof UserError ? error.message : `无法打开数据文件（${String(error)}）。数据文件夹：${dataDir}`;
    dialog.showErrorBox('无法打开数据文件', message);
    app.quit();
    return;
  }
  const { store, backups, recovered } = opened;
  if (recovered) log(recovered.message);
  const periodicBackups = setInterval(() => {
    backups.maybePeriodic().catch((error: unknown) => log(`periodic backup failed: ${String(error)}`));
  }, 60_000);
  app.on('will-quit', () => {
    clearInterval(periodicBackups);
    store.close();
  });

  const handlers: ContractHandlers = {
    ...createCoreHandlers({
      store,
      templates: loadRegionTemplates(join(appRoot, 'resources', 'regions')),
      appVersion: app.getVersion(),
      host: 'electron',
      log,
      backups,
      startupNotice: recovered?.message,
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
