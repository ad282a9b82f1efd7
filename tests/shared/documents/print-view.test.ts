import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, filingDocuments, renderHtml } from '../../../electron/shared/documents';
import { launchChromium } from '../../helpers/browser';
import { requireSystemTools } from '../../helpers/system-tools';
import { makeTempDir } from '../../helpers/temp-dir';
import { longText, templateOf, withField, withMembers } from './fixtures';

/**
 * The print view as the user prints it: Chromium prints the package's HTML to PDF (what Electron's print and
 * printToPDF do), and the PDF is read back with pdftotext — A4 pages, each document numbered from 「- 1 -」,
 * covers unnumbered, and a 500-字 goal present to its last character.
 */

describe('print view printed by Chromium', () => {
  const temp = makeTempDir('lianheti-print-');
  const template = templateOf('xinjiang');
  const goals = longText(500);
  const draft = withField(withMembers('xinjiang', 60), 'goals', goals);
  const pdf = join(temp.dir, 'package.pdf');
  let pages: string[] = [];

  beforeAll(async () => {
    requireSystemTools('chromium', 'poppler', 'fonts-cjk');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(renderHtml(buildPackage(template, draft)), { waitUntil: 'load' });
      writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    } finally {
      await browser.close();
    }
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    pages = text.split('\f').filter((page, i, all) => i < all.length - 1 || page.trim() !== '');
  });
  afterAll(() => temp.cleanup());

  it('prints A4 pages', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  });

  it('numbers each document from 「— 1 —」 (GB/T 9704) and leaves the covers unnumbered', () => {
    const footer = (page: string) => /^\s*—\s*(\d+)\s*—\s*$/m.exec(page)?.[1] ?? null;
    const numbers = pages.map(footer);
    expect(numbers[0]).toBeNull();
    expect(numbers.filter((n) => n === '1')).toHaveLength(filingDocuments(template).length);
    // Within a document, numbers run on one by one.
    for (let i = 1; i < numbers.length; i++) {
      if (numbers[i] !== null && numbers[i] !== '1') expect(Number(numbers[i])).toBe(Number(numbers[i - 1]) + 1);
    }
  });

  it('keeps the whole 500-字 goal and all 60 members of the agreement', () => {
    const all = pages.join('').replace(/\s+/g, '');
    expect(all).toContain(goals);
    for (const member of draft.tables.members) expect(all).toContain(member.values.name);
  });
});
