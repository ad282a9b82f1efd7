import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost } from '../helpers/web-host';

let host: Awaited<ReturnType<typeof startTestHost>>;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => host.stop());

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
type Answer = any;
const json = async (response: Response): Promise<Answer> => response.json();
const call = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Api-Token': host.token, ...headers },
    body: JSON.stringify(body),
  });

describe('browser host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('serves the renderer with the per-run token in the page and a strict CSP', async () => {
    const response = await fetch(`${host.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain(`<meta name="lianheti-api-token" content="${host.token}">`);
    expect(html).toContain('联合体申报助手');
  });

  it('answers contract calls with the token', async () => {
    const created = await json(await call('drafts.create', { regionId: 'neimenggu' }));
    expect(created.ok).toBe(true);
    expect(created.value.regionId).toBe('neimenggu');
    const listed = await json(await call('drafts.list', {}));
    expect(listed.value.map((d: { id: string }) => d.id)).toContain(created.value.id);
  });

  it('refuses calls without the token, with a wrong token, or from another origin', async () => {
    expect((await call('drafts.list', {}, { 'X-Api-Token': '' })).status).toBe(401);
    expect((await call('drafts.list', {}, { 'X-Api-Token': 'x'.repeat(host.token.length) })).status).toBe(401);
    expect((await call('drafts.list', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('drafts.list', {}, { Origin: host.url })).status).toBe(200);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolveStatus, reject) => {
      const url = new URL(host.url);
      const req = request(
        { host: '127.0.0.1', port: url.port, path: '/', headers: { Host: `evil.example:${url.port}` } },
        (res) => resolveStatus(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('reports unknown channels and bad payloads clearly', async () => {
    expect((await call('drafts.dropAll', {})).status).toBe(404);
    const bad = await json(await call('drafts.create', { regionId: 'mars' }));
    expect(bad.ok).toBe(false);
    expect(bad.error.message).toMatch(/不支持的地区/);
    const malformed = await json(await call('drafts.create', { regionId: 42 }));
    expect(malformed.ok).toBe(false);
    expect(malformed.error.message).toMatch(/^请求数据不正确：regionId/);
  });

  it('never serves files outside the renderer folder', async () => {
    const response = await fetch(`${host.url}/..%2f..%2fpackage.json`);
    expect(await response.text()).not.toContain('"devDependencies"');
  });
});
