import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createCoreHandlers, dispatch } from '../core/api';
import { loadRegionTemplates } from '../core/regions/templates';
import type { DraftStore } from '../core/storage/draft-store';
import { openStoreSafely } from '../core/storage/open-store';
import type { ContractHandlers, HostHandlers } from '../shared/contract';
import { isChannel } from '../shared/contract';

export interface WebHostOptions {
  dataDir: string;
  /** The built renderer (vite's output). */
  rendererDir: string;
  port?: number;
  appVersion?: string;
  log?: (line: string) => void;
}

export interface WebHost {
  url: string;
  token: string;
  store: DraftStore;
  close(): Promise<void>;
}

const maxBodyBytes = 64 * 1024 * 1024;
const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The browser host: the real renderer and the real core, with the contract carried over HTTP instead of
 * Electron IPC. It listens on 127.0.0.1 only and wants the per-run token on every API call; requests from
 * another origin are refused, so a web page open in the same browser cannot reach the user's drafts.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  mkdirSync(options.dataDir, { recursive: true });
  // A damaged store is moved aside and the newest good backup restored; the page shows the notice.
  const { store, backups, recovered } = await openStoreSafely(options.dataDir, { log: options.log });
  if (recovered) options.log?.(recovered.message);
  const periodicBackups = setInterval(() => {
    backups.maybePeriodic().catch((error: unknown) => options.log?.(`periodic backup failed: ${String(error)}`));
  }, 60_000);
  periodicBackups.unref();
  const token = randomBytes(24).toString('hex');
  const exportDir = join(options.dataDir, '导出');
  const hostHandlers: HostHandlers = {
    // The page prints itself with window.print(): the browser's own dialog sets copies and A4.
    'host.print': () => ({ printed: false, fallback: 'browser' }),
    'host.savePdf': () => ({ file: null, fallback: 'browser' }),
    // A browser cannot pick a folder on this computer: exports go to one fixed folder, shown to the user.
    'host.chooseExportFolder': () => ({ dir: exportDir }),
    'host.openFolder': () => ({ opened: false }),
  };
  const handlers: ContractHandlers = {
    ...createCoreHandlers({
      store,
      templates: loadRegionTemplates(),
      appVersion: options.appVersion ?? '0.0.0',
      host: 'web',
      exportDir,
      log: options.log,
      backups,
      startupNotice: recovered?.message,
    }),
    ...hostHandlers,
  };
  const rendererRoot = resolve(options.rendererDir);
  const indexFile = join(rendererRoot, 'index.html');
  if (!existsSync(indexFile)) {
    clearInterval(periodicBackups);
    await backups.idle();
    store.close();
    throw new Error(`renderer not built: ${indexFile} is missing (run npm run build:renderer)`);
  }

  let origin = '';
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log?.(`web host error: ${String(error)}`);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'internal error');
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A page from another origin (or a DNS-rebinding name) is never served our data.
    const host = request.headers.host ?? '';
    if (host !== new URL(origin).host) return send(response, 403, 'text/plain; charset=utf-8', 'forbidden host');
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'POST only');
      const requestOrigin = request.headers.origin;
      if (requestOrigin !== undefined && requestOrigin !== origin) {
        return send(response, 403, 'text/plain; charset=utf-8', 'forbidden origin');
      }
      if (!tokenMatches(request.headers['x-api-token'], token)) {
        return send(response, 401, 'text/plain; charset=utf-8', 'missing or wrong token');
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      if (!isChannel(channel)) return send(response, 404, 'text/plain; charset=utf-8', 'unknown channel');
      const body = await readBody(request);
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(response, 200, {
          ok: false,
          error: { code: 'payload.invalid', message: '请求数据不是有效的 JSON。', detail: 'bad JSON body' },
        });
      }
      return sendJson(response, 200, await dispatch(handlers, channel, payload, options.log));
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'GET only');
    return serveStatic(url.pathname, response);
  }

  function serveStatic(pathname: string, response: ServerResponse): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    const file = resolve(rendererRoot, relative || 'index.html');
    const inside = file === rendererRoot || file.startsWith(rendererRoot + sep);
    const target = inside && existsSync(file) && statSync(file).isFile() ? file : indexFile;
    if (target === indexFile) {
      // The token travels in the page itself: only a same-origin script can read it.
      const html = readFileSync(indexFile, 'utf8').replace(
        '<head>',
        `<head><meta name="lianheti-api-token" content="${token}">`,
      );
      return send(response, 200, contentTypes['.html'], html);
    }
    send(response, 200, contentTypes[extname(target)] ?? 'application/octet-stream', readFileSync(target));
  }

  await new Promise<void>((resolveListen) => server.listen(options.port ?? 0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    token,
    store,
    close: () =>
      new Promise<void>((resolveClose) => {
        clearInterval(periodicBackups);
        server.closeAllConnections();
        server.close(() => {
          void backups.idle().then(() => {
            store.close();
            resolveClose();
          });
        });
      }),
  };
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function securityHeaders(response: ServerResponse): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  );
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  securityHeaders(response);
  response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}
