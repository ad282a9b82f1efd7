import type { Browser } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../helpers/browser';
import { startTestHost } from '../helpers/web-host';

const shots = resolve(__dirname, '../../test-results/screens');
let host: Awaited<ReturnType<typeof startTestHost>>;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) throw new Error('Chromium not found at /usr/bin/chromium (or CHROMIUM_PATH): run `node scripts/ensure-system-tools.mjs`, which npm test runs first');
  mkdirSync(shots, { recursive: true });
  host = await startTestHost();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

describe('a new user in the browser host', () => {
  it('creates a draft, types into a field, reloads, and finds the value still there', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(host.url);
    await page.getByText('还没有草稿').waitFor();
    await page.screenshot({ path: `${shots}/01-home-empty.png` });

    await page.getByRole('button', { name: '新建申报' }).click();
    await page.getByText('新建申报：选择地区').waitFor();
    await page.getByText('新疆', { exact: true }).click();
    await page.screenshot({ path: `${shots}/02-new-draft.png` });
    await page.getByRole('button', { name: '创 建' }).or(page.getByRole('button', { name: '创建' })).click();

    const name = page.getByLabel('联合体名称', { exact: true });
    await name.waitFor();
    await name.fill('新疆棉花和纺织服装创新联合体');
    await page.getByTestId('save-state').getByText(/已保存/).waitFor();
    await page.screenshot({ path: `${shots}/03-draft-typed.png` });

    await page.reload();
    await expect.poll(() => page.getByLabel('联合体名称', { exact: true }).inputValue()).toBe('新疆棉花和纺织服装创新联合体');

    await page.getByRole('button', { name: '← 首页' }).click();
    await page.getByText('新疆棉花和纺织服装创新联合体').waitFor();
    await page.screenshot({ path: `${shots}/04-home-with-draft.png` });
    expect(errors).toEqual([]);
    expect(host.store.listDrafts()[0]).toMatchObject({ name: '新疆棉花和纺织服装创新联合体', regionId: 'xinjiang' });
  });
});
