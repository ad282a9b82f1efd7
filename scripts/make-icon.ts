// Renders resources/icon.svg to the PNG electron-builder turns into .ico / AppImage icons.
// Run with `npx tsx scripts/make-icon.ts` after editing the SVG; the PNG is committed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../tests/helpers/browser';

const root = resolve(__dirname, '..');
async function main(): Promise<void> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
  await page.setContent(`<body style="margin:0;background:transparent">${readFileSync(resolve(root, 'resources/icon.svg'), 'utf8')}</body>`);
  await page.screenshot({ path: resolve(root, 'resources/icon.png'), omitBackground: true });
  await browser.close();
}

void main();
