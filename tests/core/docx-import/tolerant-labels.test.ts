import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../electron/core/documents/zip-writer';
import { readDocxForImport } from '../../../electron/core/docx-import';
import { labelScore } from '../../../electron/core/docx-import/labels';
import { loadRegionTemplates } from '../../../electron/core/regions/templates';
import { uscc } from '../../shared/documents/fixtures';

const templates = loadRegionTemplates();
const ns = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const mc = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** A .docx as another program might write it: the main namespace under its own prefix, runs split anywhere. */
function docx(body: string): Buffer {
  return writeZip([
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    {
      name: '_rels/.rels',
      data: '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/main.xml"/></Relationships>',
    },
    { name: 'word/main.xml', data: `<?xml version="1.0" encoding="UTF-8"?><x:document xmlns:x="${ns}" xmlns:mc="${mc}"><x:body>${body}</x:body></x:document>` },
  ]);
}

const p = (...runs: string[]) => `<x:p>${runs.map((r) => `<x:r><x:t xml:space="preserve">${r}</x:t></x:r>`).join('')}</x:p>`;
const tc = (content: string, props = '') => `<x:tc>${props ? `<x:tcPr>${props}</x:tcPr>` : ''}${content}</x:tc>`;
const tr = (...cells: string[]) => `<x:tr>${cells.join('')}</x:tr>`;

describe('labels are matched tolerantly and values found beside or under them', () => {
  it('scores labels by how closely they match', () => {
    expect(labelScore('联合体名称', '联合体名称')).toBe(3);
    expect(labelScore('联合体 名称:', '联合体名称')).toBe(3);
    expect(labelScore('成员总数(个)', '成员总数（个）')).toBe(3);
    expect(labelScore('一、技术创新战略规划和目标', '一、技术创新战略规划和目标（限500字）')).toBe(2);
    expect(labelScore('技术创新战略规划和目标（限 500 字）', '一、技术创新战略规划和目标（限500字）')).toBe(2);
    expect(labelScore('电话', '联系电话')).toBe(1);
    expect(labelScore('联系人', '联系电话')).toBe(0);
  });

  it('reads a form written with another prefix, split runs, breaks inside labels, merged cells, content controls and tracked changes', async () => {
    const lead = uscc('650102', 11);
    const body = [
      p('新疆维吾尔自治区', '创新联合体组建申请表'),
      '<x:tbl><x:tblGrid><x:gridCol/><x:gridCol/><x:gridCol/><x:gridCol/></x:tblGrid>',
      // Full-width colon, a space inside the label, the value in a content control spanning three columns.
      tr(tc(p('联合体 名称：')), tc(`<x:sdt><x:sdtContent>${p('新疆维吾尔自治区', '测试创新联合体')}</x:sdtContent></x:sdt>`, '<x:gridSpan x:val="3"/>')),
      // A label broken over two lines; a deleted old value and an inserted new one.
      tr(
        tc('<x:p><x:r><x:t>联合体协议</x:t><x:br/><x:t>生效时间</x:t></x:r></x:p>'),
        tc('<x:p><x:del><x:r><x:delText>2024年1月1日</x:delText></x:r></x:del><x:ins><x:r><x:t>2025年5月6日</x:t></x:r></x:ins></x:p>'),
        tc(p('产业领域')),
        tc(`<x:p><mc:AlternateContent><mc:Choice Requires="wps"><x:r><x:t>现代煤化工</x:t></x:r></mc:Choice><mc:Fallback><x:r><x:t>现代煤化工</x:t></x:r></mc:Fallback></mc:AlternateContent></x:p>`),
      ),
      // The label's cell merged over two rows: the value of the second row still belongs to the first label.
      tr(tc(p('推荐首席科学家'), '<x:vMerge x:val="restart"/>'), tc(p('李四')), tc(p('职务/职称')), tc(p('总工程师'))),
      tr(tc(p(''), '<x:vMerge/>'), tc(p('')), tc(p('电话')), tc(p('0991 - 7654321'))),
      // Label and value typed into one cell.
      tr(tc(p('联系人：王五'), '<x:gridSpan x:val="4"/>')),
      tr(tc(p('一、技术创新战略规划和目标（限 500 字）'), '<x:gridSpan x:val="4"/>')),
      tr(tc(`${p('第一段。')}${p('')}${p('第二段。')}`, '<x:gridSpan x:val="4"/>')),
      // The 简历 heading with its text row deleted: the next part's heading is not taken for the text.
      tr(tc(p('二、推荐首席科学家科研简历（含取得的代表性创新成果、主要学术任职等）'), '<x:gridSpan x:val="4"/>')),
      tr(tc(p('五、成员单位在行业（或领域）中地位的简要说明'), '<x:gridSpan x:val="4"/>')),
      tr(tc(p('序号')), tc('<x:p><x:r><x:t>成员单位名称</x:t></x:r></x:p><x:p><x:r><x:t>及统一社会信用代码</x:t></x:r></x:p>', '<x:gridSpan x:val="2"/>'), tc(p('在行业(或领域)中的地位,在联合体内分工(限200字)'))),
      tr(tc(p('1')), tc(`${p('新疆测试集团有限公司')}${p(lead)}`, '<x:gridSpan x:val="2"/>'), tc(p('牵头。'))),
      tr(tc(p('2')), tc(p(''), '<x:gridSpan x:val="2"/>'), tc(p(''))),
      '</x:tbl>',
    ].join('');
    const { preview } = await readDocxForImport(docx(body), '另存.docx', templates);
    const value = (key: string) => preview.fields.find((f) => f.key === key)?.value;
    expect(preview.regionId).toBe('xinjiang');
    expect(value('consortiumName')).toBe('新疆维吾尔自治区测试创新联合体');
    expect(value('agreementDate')).toBe('2025-05-06');
    expect(value('industryField')).toBe('现代煤化工');
    expect(value('chiefScientist')).toBe('李四');
    expect(value('chiefScientistTitle')).toBe('总工程师');
    expect(value('contactPhone')).toBe('0991 - 7654321');
    expect(value('contactName')).toBe('王五');
    expect(value('goals')).toBe('第一段。\n\n第二段。');
    expect(value('chiefScientistCv')).toBe('');
    const members = preview.tables.find((t) => t.table === 'members');
    expect(members?.rows.map((r) => [r.values.name, r.values.uscc, r.values.role])).toEqual([['新疆测试集团有限公司', lead, '牵头。']]);
    expect(preview.fields.find((f) => f.key === 'goals')?.source).toMatchObject({ part: 'form', table: 0, row: 6 });
  });
});
