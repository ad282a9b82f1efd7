import { resolve } from 'node:path';
import { startWebHost, type WebHost } from '../../electron/webhost/server';
import { makeTempDir } from './temp-dir';

export const rendererDir = resolve(__dirname, '../../out/renderer');

/** The browser host over a fresh data folder, as `npm run web` runs it. */
export async function startTestHost(): Promise<WebHost & { dataDir: string; stop: () => Promise<void> }> {
  const temp = makeTempDir('lianheti-web-');
  const host = await startWebHost({ dataDir: temp.dir, rendererDir, appVersion: 'test' });
  return {
    ...host,
    dataDir: temp.dir,
    stop: async () => {
      await host.close();
      temp.cleanup();
    },
  };
}
