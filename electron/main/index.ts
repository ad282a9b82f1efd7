import { BrowserWindow, app, dialog, ipcMain, session } from 'electron';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeFailure } from '../core/os-errors';
import { startCore, type StartedCore } from '../core/start';
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
  const logFile = join(dataDir, 'app.log');
  const log = (line: string) => {
    try {
      mkdirSync(dataDir, { recursive: true });
      appendFileSync(logFile, `${line}\n`);
    } catch {
      // A read-only or full data folder cannot take the log either; the app still starts for viewing.
      console.error(line);
    }
  };
  const appRoot = app.getAppPath();
  // In development the Electron-ABI build sits beside the Node one; a packaged app has only the Electron one.
  const devBinding = join(appRoot, 'build', 'electron-native', process.arch, 'better_sqlite3.node');
  let core: StartedCore;
  try {
    // The same start-up as the browser host: damage recovered, a read-only folder opened for viewing.
    core = await startCore({
      dataDir,
      host: 'electron',
      appVersion: app.getVersion(),
      regionsDir: join(appRoot, 'resources', 'regions'),
      nativeBinding: existsSync(devBinding) ? devBinding : undefined,
      log,
    });
  } catch (error) {
    log(`opening the store failed: ${String(error)}`);
    const known = describeFailure(error, { action: '打开数据文件' });
    dialog.showErrorBox('无法打开数据文件', known ? known.message : `无法打开数据文件（${String(error)}）。数据文件夹：${dataDir}`);
    app.quit();
    return;
  }
  app.on('will-quit', () => void core.close());

  const handlers: ContractHandlers = {
    ...core.handlers,
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
