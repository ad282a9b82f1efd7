import { homedir } from 'node:os';
import { join } from 'node:path';

export const productName = '联合体申报助手';
export const storeFileName = 'drafts.sqlite';

/**
 * The folder Electron's app.getPath('userData') gives for our product name, computed without Electron so
 * that the browser host and the CLI use the same store as the desktop app. LIANHETI_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.LIANHETI_DATA_DIR) return env.LIANHETI_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), productName);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', productName);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), productName);
}
