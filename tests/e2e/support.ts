import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Draft, Values } from '../../electron/shared/draft';
import type { RegionId, TableId } from '../../electron/shared/region-template';
import { usccCheckChar } from '../../electron/shared/validation/uscc';
import { hasChromium, launchChromium } from '../helpers/browser';
import { startTestHost } from '../helpers/web-host';

/** Shared set-up of the end-to-end tests: the browser host on a fresh data folder, Debian's Chromium, screenshots. */

export const shotsDir = resolve(__dirname, '../../test-results/screens');

export type TestHost = Awaited<ReturnType<typeof startTestHost>>;

export interface E2E {
  host: TestHost;
  browser: Browser;
}

export async function startE2E(): Promise<E2E> {
  if (!hasChromium) throw new Error('Chromium not found at /usr/bin/chromium (or CHROMIUM_PATH): run `node scripts/ensure-system-tools.mjs`, which npm test runs first');
  mkdirSync(shotsDir, { recursive: true });
  const host = await startTestHost();
  const browser = await launchChromium();
  return { host, browser };
}

export async function stopE2E(e2e: E2E | undefined): Promise<void> {
  await e2e?.browser.close();
  await e2e?.host.stop();
}

/**
 * A page that records page errors, with clipboard access: 1280×800 unless a size is given (the walks use
 * 1366×768, the most common office laptop, and 1920×1080).
 */
export async function openPage(
  e2e: E2E,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await e2e.browser.newContext({ viewport, locale: 'zh-CN' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.host.url });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, errors };
}

/** A screenshot once dialogs and messages have finished moving in (CSS animations), as a user would see it. */
export async function shot(page: Page, name: string): Promise<void> {
  await waitForAnimations(page);
  await page.screenshot({ path: `${shotsDir}/${name}.png` });
}

/** Waits until dialogs and drawers have finished moving in (CSS animations), so what is measured is what stays. */
export async function waitForAnimations(page: Page): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const running = await page.evaluate<number>(
      'document.getAnimations().filter((animation) => animation.playState === "running" && !(animation.effect && animation.effect.getComputedTiming().iterations === Infinity)).length',
    );
    if (running === 0) break;
    await page.waitForTimeout(50);
  }
}

/** A screenshot at a given window size (the page is resized first), named with that size. */
export async function shotAt(page: Page, name: string, width: number, height: number): Promise<void> {
  const size = page.viewportSize();
  if (size?.width !== width || size.height !== height) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(100);
  }
  await shot(page, `${name}-${width}x${height}`);
}

/** Screenshots at both sizes we look at: the 1366×768 laptop and the 1920×1080 monitor; the page ends at its first size. */
export async function shotsAtBothSizes(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await shotAt(page, name, 1366, 768);
  await shotAt(page, name, 1920, 1080);
  await page.setViewportSize(size);
}

/** A draft made straight in the store, as if the user had created it earlier. */
export function seedDraft(
  host: TestHost,
  regionId: RegionId,
  fields: Values = {},
  tables: Partial<Record<TableId, Values[]>> = {},
): Draft {
  return host.store.createDraft({ regionId, templateVersion: 1, fields, tables });
}

/** A valid 统一社会信用代码 from its first 17 characters. */
export function uscc(first17: string): string {
  const check = usccCheckChar(first17);
  if (!check) throw new Error(`bad USCC body ${first17}`);
  return first17 + check;
}

/** Waits until every edit is written (the save indicator says 已保存 and nothing is queued). */
export async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('save-state').getByText(/已保存/).waitFor();
}

/** The page's clipboard, as seen from a test (which is type-checked without the DOM's types). */
interface PageGlobals {
  navigator: { clipboard: { writeText(text: string): Promise<void> } };
}

/** Puts text on the system clipboard and pastes it with Ctrl+V into whatever has focus. */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => (globalThis as unknown as PageGlobals).navigator.clipboard.writeText(value), text);
  await page.keyboard.press('Control+V');
}

/** The accessible name (or id) of the element with keyboard focus. */
export function focusedLabel(page: Page): Promise<string> {
  return page.evaluate<string>(
    'document.activeElement ? (document.activeElement.getAttribute("aria-label") || document.activeElement.id || "") : ""',
  );
}

export function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => {
    // These files are type-checked without the DOM library: name the one property used.
    const node = element as unknown as { ownerDocument: { activeElement: unknown } };
    return node === node.ownerDocument.activeElement;
  });
}

export function rowsOf(host: TestHost, draftId: string, table: TableId): Values[] {
  return host.store.getDraft(draftId).tables[table].map((row) => row.values);
}

export { expect };

/**
 * axe-core over what is on screen: fails on any serious or critical WCAG 2 A/AA violation, naming the rule,
 * the elements and axe's advice, so a screen that a screen reader or keyboard user cannot use fails the run.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  // Colours are judged once dialogs have faded in, as the user sees them.
  await waitForAnimations(page);
  // The print preview's frame holds the official document itself (sandboxed, without scripts, so axe cannot
  // run inside it); the app around it is what is checked.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ iframes: false })
    // The one-frame run: the partial run waits on every frame, and the sandboxed preview never answers.
    .setLegacyMode(true)
    .analyze();
  const bad = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const report = bad.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes
        .slice(0, 5)
        .map((node) => `    ${node.target.join(' ')} — ${node.failureSummary?.split('\n').slice(0, 3).join(' ') ?? ''}`)
        .join('\n'),
  );
  expect(report, `accessibility of ${screen}`).toEqual([]);
}

/**
 * 立即备份 in the open 关于与数据位置 dialog, waiting for the outcome the dialog keeps; a failed backup fails
 * here with the message the user would read, not with a timeout.
 */
export async function backUpNow(page: Page): Promise<void> {
  const dialog = page.getByRole('dialog', { name: '关于与数据位置' });
  await dialog.getByRole('button', { name: /立即备份/ }).click();
  const outcome = dialog.getByTestId('backup-outcome');
  await outcome.filter({ hasText: /\S/ }).waitFor({ timeout: 60_000 });
  expect(await outcome.innerText()).toMatch(/^已备份（\d\d:\d\d:\d\d，\d+ KB）$/);
}
