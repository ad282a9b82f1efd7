import { describe, expect, it } from 'vitest';
import { writeDocx } from '../../../electron/core/documents/docx';
import type { DocumentModel } from '../../../electron/shared/document-model';
import { imageInline } from '../../../electron/shared/document-model';
import { buildAgreement, buildApplicationForm, buildPackage } from '../../../electron/shared/documents';
import { exampleDraft, templateOf, withField, withMembers } from '../../shared/documents/fixtures';
import { readZipEntry, zipEntryNames } from './zip';

/** What Word, WPS and LibreOffice read: the XML of the .docx the model turns into. */
async function documentXml(model: DocumentModel): Promise<{ xml: string; zip: Buffer }> {
  const zip = await writeDocx(model);
  return { xml: readZipEntry(zip, 'word/document.xml'), zip };
}

const tablesOf = (xml: string) => xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];

describe('.docx writer', () => {
  const template = templateOf('xinjiang');
  const draft = exampleDraft('xinjiang');

  it('sets Chinese fonts in the East Asian slot with a Latin font beside, and sizes in half-points', async () => {
    // Formatting that repeats lives in named paragraph styles: read the styles with the document.
    const { xml: body, zip } = await documentXml(buildApplicationForm(template, draft));
    const xml = body + readZipEntry(zip, 'word/styles.xml');
    expect(xml).toContain('w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:hint="eastAsia"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('<w:sz w:val="21"/>'); // 五号 10.5 pt
    expect(xml).toContain('<w:sz w:val="44"/>'); // 二号 22 pt
  });

  it('gives every table a grid of explicit widths, fixed layout and widths on every cell', async () => {
    const { xml } = await documentXml(buildApplicationForm(template, draft));
    const tables = tablesOf(xml);
    expect(tables.length).toBeGreaterThan(4);
    for (const table of tables) {
      expect(table).toContain('<w:tblLayout w:type="fixed"/>');
      const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
      expect(grid.length).toBeGreaterThan(0);
      expect(grid.every((w) => w > 0)).toBe(true);
      const cells = table.match(/<w:tc>/g)?.length ?? 0;
      expect(table.match(/<w:tcW w:type="dxa" w:w="\d+"\/>/g)?.length).toBe(cells);
    }
  });

  it('repeats header rows, keeps rows whole except long free text, and merges cells', async () => {
    const { xml } = await documentXml(buildApplicationForm(template, withField(draft, 'goals', '目标'.repeat(250))));
    expect(xml.match(/<w:tblHeader\/>/g)?.length ?? 0).toBeGreaterThanOrEqual(6);
    expect(xml).toContain('<w:cantSplit/>');
    const goalsRow = /<w:tr>(?:(?!<w:tr>)[\s\S])*?目标目标目标[\s\S]*?<\/w:tr>/.exec(xml)?.[0] ?? '';
    expect(goalsRow).not.toBe('');
    expect(goalsRow).not.toContain('<w:cantSplit/>');
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
  });

  it('merges cells down where the form does (内蒙古’s 技术领域)', async () => {
    const { xml } = await documentXml(buildApplicationForm(templateOf('neimenggu'), exampleDraft('neimenggu')));
    expect(xml.match(/<w:vMerge w:val="restart"\/>/g)).toHaveLength(1);
    expect(xml.match(/<w:vMerge w:val="continue"\/>/g)).toHaveLength(2);
  });

  it('prints A4 with the model’s margins, and GB/T 9704 page numbers 「— N —」 (odd right, even left) restarting after the cover', async () => {
    const { xml, zip } = await documentXml(buildAgreement(template, draft));
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // GB/T 9704: 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
    expect(xml).toContain('w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"');
    expect(xml).toContain('<w:pgNumType w:start="1"/>');
    const footers = zipEntryNames(zip).filter((name) => /^word\/footer\d+\.xml$/.test(name)).map((name) => readZipEntry(zip, name));
    const numbered = footers.filter((footer) => footer.includes('PAGE'));
    expect(numbered).toHaveLength(2);
    for (const footer of numbered) expect(footer).toMatch(/<w:t xml:space="preserve">— <\/w:t>[\s\S]*PAGE[\s\S]*<w:t xml:space="preserve"> —<\/w:t>/);
    expect(numbered.some((footer) => footer.includes('<w:jc w:val="right"/>'))).toBe(true);
    expect(numbered.some((footer) => footer.includes('<w:jc w:val="left"/>'))).toBe(true);
    expect(readZipEntry(zip, 'word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    // The cover's footers are its own, empty: they must not inherit the page numbers.
    expect(footers.filter((footer) => !footer.includes('PAGE'))).toHaveLength(2);
  });

  it('gives each signature row room for a 42 mm seal (trHeight at least 42 mm)', async () => {
    for (const regionId of ['xinjiang', 'chongqing', 'neimenggu']) {
      const { xml } = await documentXml(buildAgreement(templateOf(regionId), exampleDraft(regionId)));
      const signature = tablesOf(xml).at(-1) ?? '';
      const heights = [...signature.matchAll(/<w:trHeight w:val="(\d+)" w:hRule="atLeast"\/>/g)].map((m) => Number(m[1]));
      const seal = Math.round((42 * 1440) / 25.4);
      expect(heights.slice(1).length, regionId).toBe(exampleDraft(regionId).tables.members.length);
      for (const height of heights.slice(1)) expect(height, regionId).toBeGreaterThanOrEqual(seal);
    }
  });

  it('writes numbers as unbreakable Latin runs: no East Asian hint, hyphens that do not break', async () => {
    const neimenggu = exampleDraft('neimenggu');
    const { xml } = await documentXml(buildApplicationForm(templateOf('neimenggu'), neimenggu));
    const idRun = new RegExp(`<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/>[^]*?<w:t xml:space="preserve">${neimenggu.fields.legalRepIdCard}</w:t></w:r>`);
    expect(xml).toMatch(idRun);
    const [area, number] = neimenggu.fields.legalRepPhone.split('-');
    expect(xml).toContain(`<w:t xml:space="preserve">${area}</w:t><w:noBreakHyphen/><w:t xml:space="preserve">${number}</w:t>`);
  });

  it('keeps the member table’s last row with the 「若成员单位超过20家……」 note below it', async () => {
    const { xml } = await documentXml(buildApplicationForm(template, draft));
    const at = xml.indexOf('注：若成员单位超过20家');
    const before = xml.slice(0, at);
    const lastRow = before.slice(before.lastIndexOf('<w:tr>'));
    expect(lastRow).toContain('<w:keepNext/>');
  });

  it('writes one signature row per member for 60 members', async () => {
    const { xml } = await documentXml(buildAgreement(template, withMembers('xinjiang', 60)));
    const signature = tablesOf(xml).find((table) => table.includes('法定代表人或授权代表（签字）')) ?? '';
    expect(signature.match(/<w:tr>/g)).toHaveLength(61);
    expect(signature.match(/<w:tblHeader\/>/g)).toHaveLength(1);
  });

  it('restarts page numbers for each document of the filing printed as one', async () => {
    const { xml } = await documentXml(buildPackage(template, draft));
    expect(xml.match(/<w:pgNumType w:start="1"\/>/g)).toHaveLength(3);
  });

  it('writes a blank form for a draft with nothing filled in, its blanks left for hand', async () => {
    const blank = { ...draft, fields: {}, tables: { members: [], team: [], platforms: [], council: [] } };
    const { xml } = await documentXml(buildApplicationForm(templateOf('neimenggu'), blank));
    expect(xml).toContain('（牵头单位）');
    expect(xml).toContain('年　　月　　日');
  });

  it('drops characters XML cannot hold instead of writing a file Word will not open', async () => {
    const { xml } = await documentXml(buildApplicationForm(template, withField(draft, 'goals', '目标\u0001\u000b文本')));
    expect(xml).toContain('目标文本');
  });

  it('embeds a picture of the 实施方案', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const model: DocumentModel = {
      kind: 'implementationPlan',
      title: '图',
      baseStyle: { font: 'song', size: '小四' },
      sections: [
        {
          marginsMm: { top: 37, bottom: 35, left: 28, right: 26 },
          pageNumbers: 'restart',
          blocks: [{ kind: 'paragraph', runs: [imageInline(`data:image/png;base64,${png.toString('base64')}`, 50, 30, '技术路线图')] }],
        },
      ],
    };
    const { xml, zip } = await documentXml(model);
    expect(xml).toContain('descr="技术路线图"');
    expect(zipEntryNames(zip).some((name) => name.startsWith('word/media/'))).toBe(true);
  });
});
