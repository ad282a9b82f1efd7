/**
 * Page images of the documents, for a person to hold next to the official forms:
 * `npx tsx scripts/render-samples.ts [region…]` (default: every loaded region) writes, into test-results/samples/,
 * PNGs of the first pages of each document of each region's example project — once as Word would open it
 * (.docx → LibreOffice → PDF) and once as the in-app print view prints it (HTML → Chromium → PDF).
 * Needs LibreOffice (soffice) and poppler (pdftoppm); Chromium is used when found.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeDocx } from '../electron/core/documents/docx';
import { coreBuildOptions } from '../electron/core/documents/export-package';
import { convertToPdf, findSoffice } from '../electron/core/documents/libreoffice';
import { parseProjectFile, projectDraftToDraft } from '../electron/core/project/project-file';
import { getRegionTemplate, loadRegionTemplates, resourcesDir } from '../electron/core/regions/templates';
import type { PrintableKind } from '../electron/shared/documents';
import { buildDocument, offeredDocuments, renderHtml } from '../electron/shared/documents';

const root = resolve(__dirname, '..');
const outDir = join(root, 'test-results', 'samples');
const regions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : loadRegionTemplates().map((template) => template.id);
/** Pages per document: enough to see the cover, the instructions and the start of the main table. */
const firstPages: Partial<Record<PrintableKind, number>> = { applicationForm: 8, agreement: 6, implementationPlan: 5, annualSummary: 3, stampChecklist: 3 };
const dpi = 60;

async function main(): Promise<void> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) not found: install it or set LIANHETI_SOFFICE');
  rmSync(outDir, { recursive: true, force: true });
  const work = join(outDir, 'files');
  mkdirSync(work, { recursive: true });

  const jobs: { stem: string; kind: PrintableKind; docx: string; html: string }[] = [];
  for (const region of regions) {
    const template = getRegionTemplate(region);
    const project = parseProjectFile(readFileSync(join(resourcesDir(), 'examples', `${region}.json`), 'utf8'));
    let n = 0;
    const draft = projectDraftToDraft(project.drafts[0], () => `row-${++n}`);
    for (const kind of offeredDocuments(template)) {
      if (kind === 'memberWorkbook') continue;
      const model = buildDocument(kind, template, draft, coreBuildOptions());
      const stem = `${region}-${kind}`;
      const docx = join(work, `${stem}.docx`);
      const html = join(work, `${stem}.html`);
      writeFileSync(docx, await writeDocx(model));
      writeFileSync(html, renderHtml(model));
      jobs.push({ stem, kind, docx, html });
    }
  }

  await convertToPdf(
    jobs.map((job) => job.docx),
    work,
    { soffice },
  );
  for (const job of jobs) {
    rasterize(join(work, `${job.stem}.pdf`), join(outDir, `${job.stem}-docx`), firstPages[job.kind] ?? 2);
  }

  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(chromiumPath)) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      for (const job of jobs) {
        await page.setContent(readFileSync(job.html, 'utf8'), { waitUntil: 'load' });
        const pdf = join(work, `${job.stem}.print-view.pdf`);
        writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        rasterize(pdf, join(outDir, `${job.stem}-html`), firstPages[job.kind] ?? 2);
      }
    } finally {
      await browser.close();
    }
  } else {
    console.warn(`Chromium not found at ${chromiumPath}: print-view images skipped (set CHROMIUM_PATH)`);
  }

  const images = readdirSync(outDir).filter((name) => name.endsWith('.png')).sort();
  console.log(`${images.length} page images in ${outDir}:\n${images.map((name) => `  ${name}`).join('\n')}`);
}

function rasterize(pdf: string, prefix: string, pages: number): void {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', String(pages), pdf, prefix]);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
