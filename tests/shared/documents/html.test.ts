import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../../electron/shared/document-model';
import { buildApplicationForm, buildPackage, escapeHtml, filingDocuments, renderHtml } from '../../../electron/shared/documents';
import { exampleDraft, templateOf, withField } from './fixtures';

/** A tiny model exercising each feature of the print view once. */
const model: DocumentModel = {
  kind: 'applicationForm',
  title: '测试<标题>',
  baseStyle: { font: 'song', size: '小四' },
  sections: [
    { marginsMm: { top: 25.4, bottom: 25.4, left: 28, right: 26 }, pageNumbers: 'none', blocks: [{ kind: 'paragraph', runs: [{ kind: 'text', text: '封面' }] }] },
    {
      marginsMm: { top: 37, bottom: 35, left: 28, right: 26 },
      pageNumbers: 'restart',
      blocks: [
        { kind: 'paragraph', runs: [{ kind: 'text', text: '名称', font: 'hei', size: '四号', bold: true }], align: 'distribute', firstLineChars: 2, lineSpacing: { multiple: 1.5 } },
        { kind: 'pageBreak' },
        {
          kind: 'table',
          borders: 'grid',
          columnsMm: [40, 116],
          headerRows: 1,
          rows: [
            { cells: [{ blocks: [{ kind: 'paragraph', runs: [{ kind: 'text', text: '表头' }] }], colSpan: 2 }] },
            { cells: [{ blocks: [{ kind: 'paragraph', runs: [{ kind: 'checkbox', checked: true }] }], rowSpan: 2 }, { blocks: [] }], minHeightMm: 12 },
            { cells: [{ blocks: [{ kind: 'paragraph', runs: [{ kind: 'text', text: '长文本' }] }] }], allowSplit: true },
          ],
        },
      ],
    },
    { marginsMm: { top: 37, bottom: 35, left: 28, right: 26 }, pageNumbers: 'continue', blocks: [] },
    { marginsMm: { top: 37, bottom: 35, left: 28, right: 26 }, pageNumbers: 'restart', blocks: [] },
  ],
};

describe('HTML print view', () => {
  const html = renderHtml(model);

  it('is a self-contained A4 document with each section’s margins', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<link|src="http|<script/);
    expect(html).toContain('@page s0 { size: A4; margin: 25.4mm 26mm 25.4mm 28mm; }');
    expect(html).toContain('@page s1 { size: A4; margin: 37mm 26mm 35mm 28mm;');
    expect(html).toContain('.s1 { page: s1; }');
  });

  it('numbers pages 「— N —」 per numbering run, odd pages right and even left: none on covers, restarting, continuing', () => {
    expect(html).not.toMatch(/@page s0:right/);
    expect(html).toMatch(/@page s1 [^\n]*counter-increment: pn0;/);
    expect(html).toMatch(/@page s1:right \{ @bottom-right \{ content: "— " counter\(pn0\) " —"/);
    expect(html).toMatch(/@page s1:left \{ @bottom-left \{ content: "— " counter\(pn0\) " —"/);
    expect(html).toMatch(/@page s2 [^\n]*counter-increment: pn0;/);
    expect(html).toMatch(/@page s3 [^\n]*counter-increment: pn1;/);
  });

  it('writes fonts by name with their fallbacks, sizes in points, and the paragraph layout', () => {
    expect(html).toContain("font-family: 'Times New Roman', 'SimHei', '黑体'");
    expect(html).toContain('font-size: 14pt');
    expect(html).toContain('text-align: justify; text-align-last: justify');
    expect(html).toContain('text-indent: 2em');
    expect(html).toContain('line-height: 1.95');
  });

  it('lays out tables with fixed column widths, merged cells, repeated headers and rows kept whole', () => {
    expect(html).toContain('<colgroup><col style="width: 40mm"><col style="width: 116mm"></colgroup>');
    expect(html).toContain('<thead><tr');
    expect(html).toContain('colspan="2"');
    expect(html).toContain('rowspan="2"');
    expect(html).toContain('height: 12mm; break-inside: avoid');
    expect(html).toContain('break-inside: auto');
    expect(html).toContain('☑');
    expect(html).toContain('<div class="page-break"></div>');
  });

  it('escapes every user string', () => {
    const template = templateOf('xinjiang');
    const draft = withField(exampleDraft('xinjiang'), 'consortiumName', '<script>alert("x")</script>&联合体');
    const page = renderHtml(buildApplicationForm(template, draft));
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;联合体');
    expect(renderHtml(model)).toContain('<title>测试&lt;标题&gt;</title>');
    expect(escapeHtml(`'"<>&`)).toBe('&#39;&quot;&lt;&gt;&amp;');
  });

  it('prints the whole filing with page numbers restarting in each document', () => {
    const template = templateOf('xinjiang');
    const page = renderHtml(buildPackage(template, exampleDraft('xinjiang')));
    const runs = new Set([...page.matchAll(/counter-increment: (pn\d+)/g)].map((match) => match[1]));
    expect(runs.size).toBe(filingDocuments(template).length);
  });
});
