import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import example from '../../resources/examples/xinjiang.json';
import type { Values } from '../../electron/shared/draft';
import type { TableId } from '../../electron/shared/region-template';
import type { Locator } from 'playwright-core';
import type { E2E } from './support';
import { openPage, seedDraft, startE2E, stopE2E } from './support';

/**
 * antd's styles come from the CSS file made at build time (scripts/antd-static-style.ts): the home screen
 * and the draft screen look styled, and the page generates no antd style of its own while drawing them —
 * the cost the extraction removes from the first render. A component added to the app without its style in
 * the file would show up here as a style generated in the page.
 */

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

// Styles antd inserts in the page carry the hash of their content in this attribute.
/** The page's getComputedStyle (the tests are type-checked without the DOM's types). */
interface StyleGlobals {
  getComputedStyle(element: unknown): Record<string, string>;
}
function computed(locator: Locator, property: string): Promise<string> {
  return locator.evaluate((element, name) => (globalThis as unknown as StyleGlobals).getComputedStyle(element)[name], property);
}

const runtimeStyles = 'Array.from(document.querySelectorAll("style[data-css-hash]")).map((style) => style.textContent.slice(0, 80))';

describe('antd styles extracted at build time', () => {
  it('style the home screen and a draft step without generating any style in the page', async () => {
    const exampleDraft = example.drafts[0];
    const draft = seedDraft(e2e.host, 'xinjiang', exampleDraft.fields, exampleDraft.tables as unknown as Partial<Record<TableId, Values[]>>);
    const { page, errors } = await openPage(e2e);

    await page.goto(`${e2e.host.url}/#/`);
    await page.locator(`tr[data-row-key="${draft.id}"]`).waitFor();
    // 新建申报 is antd's primary button: its colour and rounded corners come from the extracted file.
    const primary = page.getByRole('button', { name: /新建申报/ });
    expect(await computed(primary, 'backgroundColor')).toBe('rgb(9, 88, 217)');
    expect(await computed(primary, 'borderTopLeftRadius')).toBe('6px');
    expect(await page.evaluate(runtimeStyles)).toEqual([]);

    await page.goto(`${e2e.host.url}/#/draft/${encodeURIComponent(draft.id)}/basic`);
    const input = page.locator('.ant-form-item input.ant-input').first();
    await input.waitFor();
    expect(await computed(input, 'borderTopStyle')).toBe('solid');
    expect(await page.evaluate(runtimeStyles)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
