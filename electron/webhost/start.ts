import { resolve } from 'node:path';
import { describeFailure } from '../core/os-errors';
import { defaultDataDir } from '../core/paths';
import { UserError } from '../shared/errors';
import { startWebHost } from './server';

/** `npm run web`: the app in a browser, on this computer only, with the same store as the desktop app. */
async function main(): Promise<void> {
  const dataDir = defaultDataDir();
  const port = Number(process.env.PORT ?? 5780);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UserError('web.port', `端口设置不正确（PORT=${process.env.PORT ?? ''}），应为 0–65535 之间的整数。`, `bad PORT ${process.env.PORT ?? ''}`);
  }
  const host = await startWebHost({
    dataDir,
    rendererDir: resolve(__dirname, '../../out/renderer'),
    port,
    appVersion: process.env.npm_package_version,
    log: (line) => console.error(line),
  });
  if (host.notice) console.log(host.notice);
  console.log(`联合体申报助手（浏览器版）已启动：${host.url}`);
  console.log(`数据文件：${host.store.file}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // The user reads one sentence; the precise error goes to the log line after it.
  const known = describeFailure(error, { action: '启动浏览器版' });
  console.error(known ? known.message : `无法启动浏览器版：${error instanceof Error ? error.message : String(error)}`);
  console.error(`detail: ${known?.detail ?? (error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
  process.exit(1);
});
