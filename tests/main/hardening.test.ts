import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appOrigin, contentSecurityPolicy, hardenWebContents } from '../../electron/main/security';

/**
 * Electron's security checklist, checked on the sources so that a regression fails `npm test` even though
 * Electron itself cannot be launched here. tests/main/security.test.ts checks the options and handlers the
 * shell builds, tests/main/start-order.test.ts runs the shell and checks what it sets up and when; this file
 * checks that nothing anywhere undoes them.
 */
const root = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(path).isDirectory() ? sources(path) : /\.(ts|tsx|js|mjs|cjs|html)$/.test(name) ? [path] : [];
  });
}

/** Source without comments, so prose about an API does not count as using it. */
function code(file: string): string {
  return readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const electronFiles = sources(join(root, 'electron'));
const rendererFiles = sources(join(root, 'renderer/src')).concat(join(root, 'renderer/index.html'));
const mainFiles = electronFiles.filter((file) => relative(root, file).startsWith('electron/main/'));
const where = (files: string[], pattern: RegExp) => files.filter((file) => pattern.test(code(file))).map((file) => relative(root, file));

describe('Electron hardening (source scan)', () => {
  it('scans real files', () => {
    expect(mainFiles.map((file) => relative(root, file))).toEqual(expect.arrayContaining(['electron/main/index.ts', 'electron/main/security.ts']));
  });

  it('never turns an isolation setting off, anywhere', () => {
    const weakening = [
      /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/,
      /contextIsolation\s*:\s*false/,
      /sandbox\s*:\s*false/,
      /webSecurity\s*:\s*false/,
      /allowRunningInsecureContent\s*:\s*true/,
      /experimentalFeatures\s*:\s*true/,
      /webviewTag\s*:\s*true/,
      /enableBlinkFeatures/,
      /enableRemoteModule|@electron\/remote/,
      /disable-web-security|--no-sandbox|appendSwitch\(\s*['"](?:disable-site-isolation|ignore-certificate-errors)/,
      /ELECTRON_DISABLE_SECURITY_WARNINGS/,
    ];
    for (const pattern of weakening) expect(where([...electronFiles, ...rendererFiles], pattern), String(pattern)).toEqual([]);
  });

  it('never calls shell.openExternal (so it can never be fed user input) nor runs code in the page from main', () => {
    expect(where(electronFiles, /openExternal\s*\(/)).toEqual([]);
    expect(where(electronFiles, /executeJavaScript\s*\(|insertCSS\s*\(/)).toEqual([]);
  });

  it('creates every window with mainWindowOptions and loads only the app:// origin, never file://', () => {
    const windows = mainFiles.flatMap((file) => [...code(file).matchAll(/new\s+BrowserWindow\s*\(([^)]*)/g)].map((m) => m[1].trim()));
    expect(windows.length).toBeGreaterThan(0);
    for (const args of windows) expect(args).toMatch(/^mainWindowOptions\(/);
    const loads = mainFiles.flatMap((file) => [...code(file).matchAll(/\.loadURL\s*\(\s*([^)]*)\)/g)].map((m) => m[1].trim()));
    expect(loads.length).toBeGreaterThan(0);
    for (const target of loads) expect(target).toMatch(/^`\$\{appOrigin\}\//);
    // (Only the shell loads pages; the core may name file:// URLs for its own tools, e.g. LibreOffice.)
    const shellFiles = electronFiles.filter((file) => /^electron\/(main|preload)\//.test(relative(root, file)));
    expect(where(shellFiles, /\.loadFile\s*\(|file:\/\/|registerFileProtocol|interceptFileProtocol/)).toEqual([]);
    expect(appOrigin).toBe('app://renderer');
  });

  // The order in which the shell sets these up is checked by running it: tests/main/start-order.test.ts.
  it('registers IPC channels in one place only, each behind the sender check', () => {
    expect(where(electronFiles, /ipcMain\.(on|handle|handleOnce|once)\s*\(/)).toEqual([]);
    expect(where(electronFiles, /\.handle\s*\(\s*channel/)).toEqual(['electron/main/ipc.ts']);
  });

  it('never exposes raw ipcRenderer to the page', () => {
    const preload = code(join(root, 'electron/preload/index.ts'));
    expect([...preload.matchAll(/exposeInMainWorld\s*\(/g)]).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\(\s*'api'\s*,\s*api\s*\)/);
    // Every use of ipcRenderer is the import or a call of invoke: it is never passed on as a value.
    const uses = [...preload.matchAll(/\bipcRenderer\b(.{0,8})/g)].map((m) => m[1]);
    expect(uses.filter((after) => !after.startsWith('.invoke(') && !after.startsWith(" } from"))).toEqual([]);
    expect(preload).not.toMatch(/ipcRenderer\.(on|send|sendSync|sendTo)\s*\(/);
  });

  it('serves every page with a strict CSP: no remote code, no eval, no plugins', () => {
    const strict = (csp: string) => {
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-eval|https?:|\*|data:[^;]*script/);
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("base-uri 'none'");
    };
    strict(contentSecurityPolicy);
    expect(code(join(root, 'electron/main/protocol.ts'))).toMatch(/'Content-Security-Policy': contentSecurityPolicy/);
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(root, 'renderer/index.html'), 'utf8'));
    expect(meta).not.toBeNull();
    strict(meta![1]);
    const webhost = /'Content-Security-Policy',\s*"([^"]+)"/.exec(readFileSync(join(root, 'electron/webhost/server.ts'), 'utf8'));
    expect(webhost).not.toBeNull();
    strict(webhost![1]);
  });

  it('refuses navigation to look-alike origins', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }, url: string) => void>();
    hardenWebContents({
      on: (name: string, listener: never) => void listeners.set(name, listener),
      setWindowOpenHandler: () => undefined,
    } as never);
    for (const url of ['app://renderer.evil.example/', 'app://rendererx/index.html', 'app://evil@renderer/', 'javascript:alert(1)', 'file:///C:/Windows/']) {
      let prevented = false;
      listeners.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      expect(prevented, url).toBe(true);
    }
  });

  it('packages with the file protocol unprivileged and cookies encrypted, besides the node fuses', () => {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> };
    expect(config.electronFuses).toMatchObject({ grantFileProtocolExtraPrivileges: false, enableCookieEncryption: true, runAsNode: false });
  });
});
