import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { dispatch } from '../core/api';
import { startCore } from '../core/start';
import type { DraftStore } from '../core/storage/draft-store';
import type { ContractHandlers, HostHandlers } from '../shared/contract';
import { isChannel, maxRequestBytes } from '../shared/contract';

export interface WebHostOptions {
  dataDir: string;
  /** The built renderer (vite's output). */
  rendererDir: string;
  /** The port to listen on; when it is taken, the next free one of the following 20 is used. 0: any. */
  port?: number;
  appVersion?: string;
  log?: (line: string) => void;
  /** Largest request body; defaults to what the contract allows (maxRequestBytes). */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  token: string;
  store: DraftStore;
  /** What the user should know about this start (a recovered or read-only store, another port), or null. */
  notice: string | null;
  close(): Promise<void>;
}

/** How many ports after a taken one are tried. */
const portAttempts = 20;
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
  const rendererRoot = resolve(options.rendererDir);
  const indexFile = join(rendererRoot, 'index.html');
  if (!existsSync(indexFile)) throw new Error(`renderer not built: ${indexFile} is missing (run npm run build:renderer)`);
  const maxBodyBytes = options.maxBodyBytes ?? maxRequestBytes;
  const exportDir = join(options.dataDir, '导出');
  // A damaged store is moved aside and the newest good backup restored; the page shows the notice.
  const core = await startCore({
    dataDir: options.dataDir,
    host: 'web',
    appVersion: options.appVersion ?? '0.0.0',
    exportDir,
    log: options.log,
  });
  const { store } = core;
  const token = randomBytes(24).toString('hex');
  const hostHandlers: HostHandlers = {
    // The page prints itself with window.print(): the browser's own dialog sets copies and A4.
    'host.print': () => ({ printed: false, fallback: 'browser' }),
    'host.savePdf': () => ({ file: null, fallback: 'browser' }),
    // A browser cannot pick a folder on this computer: exports go to one fixed folder, shown to the user.
    'host.chooseExportFolder': () => ({ dir: exportDir }),
    'host.openFolder': () => ({ opened: false }),
  };
  const handlers: ContractHandlers = { ...core.handlers, ...hostHandlers };

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
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // A malformed escape (a stray %) is the request's fault, not ours.
      return send(response, 400, 'text/plain; charset=utf-8', 'malformed URL');
    }
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') return send(response, 405, 'text/plain; charset=utf-8', 'POST only');
      const requestOrigin = request.headers.origin;
      if (requestOrigin !== undefined && requestOrigin !== origin) {
        return send(response, 403, 'text/plain; charset=utf-8', 'forbidden origin');
      }
      if (!tokenMatches(request.headers['x-api-token'], token)) {
        return send(response, 401, 'text/plain; charset=utf-8', 'missing or wrong token');
      }
      const channel = pathname.slice('/api/'.length);
      if (!isChannel(channel)) return send(response, 404, 'text/plain; charset=utf-8', 'unknown channel');
      const body = await readBody(request, maxBodyBytes);
      if (body === null) {
        options.log?.(`${channel}: request body over ${maxBodyBytes} bytes refused`);
        return sendJson(response, 200, {
          ok: false,
          error: {
            code: 'payload.tooLarge',
            message: `请求数据过大（超过 ${Math.floor(maxBodyBytes / 1024 / 1024)} MB），未处理。请选择较小的文件，或分几次导入。`,
            detail: `body over ${maxBodyBytes} bytes`,
          },
        });
      }
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
    return serveStatic(pathname, response);
  }

  function serveStatic(pathname: string, response: ServerResponse): void {
    const relative = normalize(pathname).replace(/^([/\\])+/, '');
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

  let port: number;
  try {
    port = await listenOnFreePort(server, options.port ?? 0);
  } catch (error) {
    await core.close();
    throw error;
  }
  origin = `http://127.0.0.1:${port}`;
  const wanted = options.port ?? 0;
  const portNotice = wanted !== 0 && port !== wanted ? `端口 ${wanted} 已被其他程序占用，已改用端口 ${port}。` : null;
  if (portNotice) options.log?.(`port ${wanted} in use; listening on ${port}`);
  return {
    url: origin,
    token,
    store,
    notice: [core.notice, portNotice].filter((line): line is string => Boolean(line)).join('\n') || null,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => void core.close().then(resolveClose));
      }),
  };
}

/**
 * Listens on 127.0.0.1 at `port`, or, when another program holds it, at the next free one of the following
 * ports. Throws the last listen error (EADDRINUSE …) when all of them are taken.
 */
async function listenOnFreePort(server: Server, port: number): Promise<number> {
  const last = port === 0 ? 0 : Math.min(65_535, port + portAttempts);
  for (let candidate = port; ; candidate++) {
    try {
      await new Promise<void>((resolveListen, reject) => {
        const onError = (error: Error) => {
          server.off('listening', onListening);
          reject(error);
        };
        const onListening = () => {
          server.off('error', onError);
          resolveListen();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(candidate, '127.0.0.1');
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'EADDRINUSE' && code !== 'EACCES') || candidate >= last) throw error;
    }
  }
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/**
 * The request's body, or null when it is over `limit`: the rest is then read and dropped (memory stays
 * bounded) so that the page gets an answer it can show instead of a broken connection.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(size > limit ? null : Buffer.concat(chunks)));
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
