import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Values } from '../../electron/shared/draft';
import type { TableId } from '../../electron/shared/region-template';
import example from '../../resources/examples/neimenggu.json';
import type { E2E } from './support';
import { backUpNow, expectAccessible, openPage, pasteText, seedDraft, shot, startE2E, stopE2E, waitSaved } from './support';

/**
 * The walk the user guide (docs/使用说明.md) describes, taking its screenshots, so the pictures in the guide
 * are what the software shows; and every picture the guide names is taken here. The pictures go to
 * test-results/guide/ on every run and replace docs/images/ only with `npm run guide:images`, so a test run
 * does not rewrite the guide's pictures (the clock in the header changes each time).
 */

const imagesDir = process.env.GUIDE_IMAGES === 'update' ? resolve(__dirname, '../../docs/images') : resolve(__dirname, '../../test-results/guide');
const guide = readFileSync(resolve(__dirname, '../../docs/使用说明.md'), 'utf8');
const taken = new Set<string>();

let e2e: E2E;
beforeAll(async () => {
  mkdirSync(imagesDir, { recursive: true });
  e2e = await startE2E();
});
afterAll(async () => {
  await stopE2E(e2e);
});

async function guideShot(page: Page, name: string): Promise<void> {
  await shot(page, `guide-${name}`);
  await page.screenshot({ path: `${imagesDir}/guide-${name}.png` });
  taken.add(`images/guide-${name}.png`);
}

const exampleDraft = example.drafts[0];

describe('the user guide, built from the walk it describes', () => {
  it('takes every screenshot the guide shows, on the screens the guide describes', async () => {
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/`);
    await page.getByText('还没有草稿').waitFor();
    await guideShot(page, '01-home');

    await page.getByRole('button', { name: /新建申报/ }).first().click();
    await page.getByRole('dialog').getByText('内蒙古', { exact: true }).click();
    await page.getByTestId('region-summary').getByText(/内蒙古/).first().waitFor();
    await guideShot(page, '02-new-draft');
    await page.keyboard.press('Escape');

    const draft = seedDraft(e2e.host, 'neimenggu', exampleDraft.fields, exampleDraft.tables as unknown as Partial<Record<TableId, Values[]>>);
    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/basic`);
    await page.locator('#field-consortiumName').waitFor();
    await guideShot(page, '03-basic');

    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
    await page.getByTestId('grid-members').getByText(/共 \d+ 行/).waitFor();
    await guideShot(page, '04-members');

    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/team`);
    const team = page.getByTestId('grid-team');
    await team.getByText(/共 \d+ 行/).waitFor();
    await page.locator('[data-cell="0:name"]').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Home');
    await page.keyboard.press('Control+Enter');
    await pasteText(page, '王建国\t45\t高级工程师\t研发部主任\t稀土永磁材料\t内蒙古北辰稀土新材料集团股份有限公司\r\n李慧\t38\t副研究员\t课题组长\t磁性材料\t内蒙古阴山理工大学\r\n');
    await page.getByTestId('grid-team-notice').getByText(/已粘贴 2 行/).waitFor();
    await waitSaved(page);
    await guideShot(page, '05-team-pasted');

    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/members`);
    await page.getByRole('button', { name: /信息采集/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /生成采集表/ }).click();
    await page.getByRole('dialog').getByText(/已生成 \d+ 份采集表/).waitFor();
    await guideShot(page, '06-collection');
    await page.keyboard.press('Escape');

    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/check`);
    await page.locator('[data-testid="check-report"][aria-busy="false"]').waitFor();
    await guideShot(page, '07-check');

    await page.goto(`${e2e.host.url}/#/draft/${draft.id}/export`);
    await page.frameLocator('[data-testid="preview-frame"]').getByText(/内蒙古自治区/).first().waitFor();
    await guideShot(page, '08-export');

    await page.goto(`${e2e.host.url}/#/`);
    await page.locator(`tr[data-row-key="${draft.id}"]`).waitFor();
    await guideShot(page, '09-home-drafts');

    await page.getByRole('button', { name: /关于与数据位置/ }).click();
    await backUpNow(page);
    await guideShot(page, '10-backups');
    await page.keyboard.press('Escape');

    // Every picture the guide refers to was taken by this walk.
    const named = [...guide.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]);
    expect(named.length).toBeGreaterThan(5);
    for (const image of named) expect(taken.has(image), image).toBe(true);
    expect(errors).toEqual([]);
  }, 120_000);

  it('is reachable from 帮助 in the app, with its pictures, and readable by a screen reader', async () => {
    const { page, errors } = await openPage(e2e, { width: 1366, height: 768 });
    await page.goto(`${e2e.host.url}/#/`);
    await page.getByRole('button', { name: /帮\s?助/ }).click();
    const help = page.getByTestId('help-guide');
    await help.getByText('一、安装与启动').waitFor();
    await help.getByText('五、成员单位信息采集').waitFor();
    expect(await help.locator('img').count()).toBeGreaterThan(5);
    await expect
      .poll(() => page.evaluate<boolean>('(() => { const image = document.querySelector("[data-testid=help-guide] img"); return !!image && image.complete && image.naturalWidth > 0; })()'))
      .toBe(true);
    await expectAccessible(page, '帮助');
    await shot(page, 'guide-help-dialog');
    expect(errors).toEqual([]);
  });
});
