import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { maxRequestBytes } from '../../electron/shared/contract';
import { maxProjectJsonChars } from '../../electron/shared/contract/safety';
import { startWebHost, type WebHost } from '../../electron/webhost/server';
import { makeTempDir } from '../helpers/temp-dir';
import { rendererDir } from '../helpers/web-host';

/** The browser host under conditions a user runs into: big files, odd URLs, a taken port, a bad data folder. */
const root = resolve(__dirname, '../..');
let cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function host(options: { port?: number; maxBodyBytes?: number } = {}): Promise<WebHost> {
  const temp = makeTempDir('lianheti-web-');
  const started = await startWebHost({ dataDir: temp.dir, rendererDir, appVersion: 'test', ...options });
  cleanups.push(async () => {
    await started.close();
    temp.cleanup();
  });
  return started;
}

const post = (started: WebHost, channel: string, body: string) =>
  fetch(`${started.url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Api-Token': started.token }, body });

describe('the browser host', () => {
  it('accepts every request the contract allows: a 66 MB body reaches the core and is answered by it', async () => {
    expect(maxRequestBytes).toBeGreaterThan(2 * maxProjectJsonChars);
    const started = await host();
    // 33 million quotes: a short text as the contract counts it, 66 MB once escaped in the request.
    const response = await post(started, 'projects.inspect', JSON.stringify({ json: '"'.repeat(33_000_000) }));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { ok: boolean; error?: { message: string } };
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^项目文件/) } });
  }, 60_000);

  it('answers a body over its limit in Chinese, after reading and dropping it, and keeps serving', async () => {
    const started = await host({ maxBodyBytes: 1024 * 1024 });
    const response = await post(started, 'projects.inspect', JSON.stringify({ json: 'x'.repeat(3 * 1024 * 1024) }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'payload.tooLarge', message: expect.stringMatching(/^请求数据过大（超过 1 MB），未处理/) } });
    expect(await (await post(started, 'drafts.list', '{}')).json()).toMatchObject({ ok: true });
  });

  it('answers a malformed % in a URL with 400, not 500', async () => {
    const started = await host();
    for (const path of ['/%E0%A4%A', '/api/drafts.list%', '/assets/%zz.js']) {
      const response = await fetch(`${started.url}${path}`, {
        method: path.startsWith('/api/') ? 'POST' : 'GET',
        headers: { 'X-Api-Token': started.token },
      });
      expect(response.status, path).toBe(400);
    }
  });

  it('moves to the next free port when its port is taken, and says so', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolveListen) => blocker.listen(0, '127.0.0.1', resolveListen));
    cleanups.push(() => new Promise<void>((resolveClose) => blocker.close(() => resolveClose())));
    const taken = (blocker.address() as { port: number }).port;
    const started = await host({ port: taken });
    expect(Number(new URL(started.url).port)).toBeGreaterThan(taken);
    expect(started.notice).toBe(`端口 ${taken} 已被其他程序占用，已改用端口 ${new URL(started.url).port}。`);
    expect(await (await post(started, 'drafts.list', '{}')).json()).toMatchObject({ ok: true });
  });

  it('starting with a folder where the data file belongs ends in one Chinese sentence, not a stack', () => {
    const temp = makeTempDir();
    cleanups.push(temp.cleanup);
    mkdirSync(join(temp.dir, 'drafts.sqlite'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/webhost/start.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LIANHETI_DATA_DIR: temp.dir, PORT: '0' },
    });
    expect(run.status).toBe(1);
    const [first] = run.stderr.split('\n');
    expect(first).toMatch(/^无法打开数据文件：.*drafts\.sqlite 是一个文件夹/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
