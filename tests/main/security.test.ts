import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, denyAllPermissions, hardenWebContents, mainWindowOptions } from '../../electron/main/security';

describe('window security settings', () => {
  it('isolate and sandbox the page with no Node access', () => {
    const { webPreferences } = mainWindowOptions('/app/out/preload/index.js');
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('refuse navigation away from the app, new windows and webviews', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: ((details: { url: string }) => { action: string }) | undefined;
    hardenWebContents({
      on: (name: string, listener: never) => {
        listeners.set(name, listener);
        return undefined as never;
      },
      setWindowOpenHandler: (handler: never) => {
        openHandler = handler;
      },
    } as never);
    const attempt = (name: string, url?: string) => {
      let prevented = false;
      listeners.get(name)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(attempt('will-navigate', 'app://renderer/index.html#/draft/1')).toBe(false);
    expect(attempt('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(attempt('will-attach-webview')).toBe(true);
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('deny every permission request', () => {
    let request: ((c: unknown, p: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (handler: never) => (request = handler),
      setPermissionCheckHandler: (handler: never) => (check = handler),
    } as never);
    let granted: boolean | undefined;
    request!(null, 'media', (answer) => (granted = answer));
    expect(granted).toBe(false);
    expect(check!()).toBe(false);
  });

  it('use a CSP with no remote or inline scripts', () => {
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).not.toMatch(/unsafe-eval|https?:/);
    expect(contentSecurityPolicy).toContain("object-src 'none'");
  });
});
