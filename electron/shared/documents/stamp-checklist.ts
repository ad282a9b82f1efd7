import { leadRowOf } from '../derive';
import type { Block, DocumentModel, TableRow } from '../document-model';
import { formMargins, textWidthMm } from '../document-model';
import type { Draft } from '../draft';
import type { DocumentKind, RegionTemplate } from '../region-template';
import { opinionBlocks } from './application-form';
import type { BuildOptions } from './common';
import { allMembers, cell, cellOf, consortiumNameOf, layoutOf, leadNameOf, memberName, paragraph, row } from './common';
import { styles } from './styles';
import { documentShortTitle } from './titles';

/**
 * 盖章清单 (stamp checklist) — ours, not the department's: for each document of the package, which unit stamps
 * or signs where and how many times across the three copies, and per unit a summary
 * (「XX公司：组建协议 3 处公章、3 处签字」), so whoever runs the stamping round knows what to carry to whom.
 */

/** 「申请书一式三份，盖章后两份报科技厅备案」: every package is printed three times and stamped. */
export const copies = 3;

export type Mark = 'seal' | 'signature' | 'seam';

export const markNames: Record<Mark, string> = { seal: '公章', signature: '签字', seam: '骑缝章' };

export interface StampPlace {
  document: DocumentKind;
  /** Where on the document: 「封面“牵头单位（盖章）”」. */
  where: string;
  mark: Mark;
  /** The unit that stamps or signs, by name; or who else does (推荐单位, the department). */
  unit: string;
  /** 'member': a unit of the consortium, whose stamps someone must fetch; 'outside': another office. */
  party: 'member' | 'outside';
  perCopy: number;
  note?: string;
}

/** The documents of the package that carry stamps, in package order. */
function stampedDocuments(template: RegionTemplate): DocumentKind[] {
  return template.documents.filter((kind) =>
    ['applicationForm', 'agreement', 'implementationPlan', 'commitmentLetter'].includes(kind),
  );
}

/** The lead as the member table names it (the agreement's signature rows use that spelling), else as typed on the form. */
function leadUnitName(draft: Draft): string {
  const row = leadRowOf(draft);
  return (row ? memberName(row) : '') || leadNameOf(draft) || '牵头单位';
}

export function stampPlaces(template: RegionTemplate, draft: Draft): StampPlace[] {
  const lead = leadUnitName(draft);
  const places: StampPlace[] = [];
  const leadSeal = (document: DocumentKind, where: string) =>
    places.push({ document, where, mark: 'seal', unit: lead, party: 'member', perCopy: 1 });
  const leadSignature = (document: DocumentKind, where: string, note?: string) =>
    places.push({ document, where, mark: 'signature', unit: lead, party: 'member', perCopy: 1, note });
  const seam = (document: DocumentKind) =>
    places.push({
      document,
      where: '骑缝处（每份材料装订后跨页加盖）',
      mark: 'seam',
      unit: lead,
      party: 'member',
      perCopy: 1,
      note: '多页材料加盖骑缝章，防止抽换页',
    });

  for (const document of stampedDocuments(template)) {
    switch (document) {
      case 'applicationForm':
        if (layoutOf(template) === 'neimenggu') {
          leadSeal(document, '六、承诺书“（公章）”');
          leadSignature(document, '六、承诺书“法定代表人（授权人）签章”', '由法定代表人或其授权人签字或加盖签名章');
        } else {
          leadSeal(document, '封面“牵头单位（盖章）”');
        }
        for (const block of opinionBlocks(template)) {
          if (block.title === '牵头单位审核意见') {
            leadSeal(document, `“${block.title}”栏“${block.signer.replace(/：$/, '')}”`);
          } else if (block.title.includes('推荐')) {
            places.push({
              document,
              where: `“${block.title}”栏`,
              mark: 'seal',
              unit: '推荐单位',
              party: 'outside',
              perCopy: 1,
              note: '报送推荐单位审核后由其填写并盖章',
            });
          } else {
            places.push({
              document,
              where: `“${block.title}”栏`,
              mark: block.signer.includes('签字') ? 'signature' : 'seal',
              unit: '受理部门',
              party: 'outside',
              perCopy: 1,
              note: '申报时留空，由受理部门填写',
            });
          }
        }
        seam(document);
        break;
      case 'agreement':
        leadSeal(document, '封面“牵头单位（盖章）”');
        for (const member of allMembers(draft)) {
          const unit = memberName(member) || '（未填写名称的成员单位）';
          places.push({ document, where: '八、所有成员单位签章“单位名称（盖章）”', mark: 'seal', unit, party: 'member', perCopy: 1 });
          places.push({
            document,
            where: '八、所有成员单位签章“法定代表人或授权代表（签字）”',
            mark: 'signature',
            unit,
            party: 'member',
            perCopy: 1,
            note: '授权代表签字的，附法定代表人授权书',
          });
        }
        seam(document);
        break;
      case 'implementationPlan':
        places.push({
          document,
          where: '封面“推荐单位（公章）”',
          mark: 'seal',
          unit: '推荐单位',
          party: 'outside',
          perCopy: 1,
          note: '报送推荐单位审核后由其盖章',
        });
        leadSeal(document, '封面“申报单位（公章）”');
        leadSignature(document, '封面“负责人（签章）”', '由创新联合体负责人签字或加盖签名章');
        seam(document);
        break;
      case 'commitmentLetter':
        if (layoutOf(template) === 'neimenggu') {
          leadSeal(document, '“（公章）”');
          leadSignature(document, '“法定代表人（授权人）签章”');
        } else {
          leadSeal(document, '“申报单位（公章）”');
          leadSignature(document, '“法定代表人（签字）”');
        }
        break;
      default:
        break;
    }
  }
  return places;
}

/** 「组建协议 3 处公章、3 处签字」 for each document a unit stamps, over all copies. */
export interface UnitSummary {
  unit: string;
  isLead: boolean;
  line: string;
  total: { seal: number; signature: number; seam: number };
}

export function unitSummaries(template: RegionTemplate, draft: Draft): UnitSummary[] {
  const places = stampPlaces(template, draft).filter((place) => place.party === 'member');
  const lead = leadUnitName(draft);
  const units = [...new Set(places.map((place) => place.unit))];
  return units.map((unit) => {
    const mine = places.filter((place) => place.unit === unit);
    const total = { seal: 0, signature: 0, seam: 0 };
    const parts: string[] = [];
    for (const document of [...new Set(mine.map((place) => place.document))]) {
      const counts = { seal: 0, signature: 0, seam: 0 };
      for (const place of mine.filter((p) => p.document === document)) counts[place.mark] += place.perCopy * copies;
      const marks = (['seal', 'signature', 'seam'] as const)
        .filter((mark) => counts[mark] > 0)
        .map((mark) => `${counts[mark]} 处${markNames[mark]}`);
      parts.push(`${documentShortTitle(template, document)} ${marks.join('、')}`);
      total.seal += counts.seal;
      total.signature += counts.signature;
      total.seam += counts.seam;
    }
    return { unit, isLead: unit === lead, line: `${unit}：${parts.join('；')}`, total };
  });
}

export function buildStampChecklist(template: RegionTemplate, draft: Draft, _options: BuildOptions = {}): DocumentModel {
  const width = textWidthMm(formMargins);
  const places = stampPlaces(template, draft);
  const header = (labels: string[]) =>
    row(labels.map((label) => cell(label, { style: styles.cellStrong })), { minHeightMm: 9 });

  // Every member stamps and signs the agreement in the same two places: one line for all of them, not one each.
  const groups: { place: StampPlace; units: string[] }[] = [];
  for (const place of places) {
    const same = groups.find((g) => g.place.document === place.document && g.place.where === place.where && g.place.mark === place.mark);
    if (same) same.units.push(place.unit);
    else groups.push({ place, units: [place.unit] });
  }
  const placeRows: TableRow[] = groups.map(({ place, units }) =>
    row(
      [
        cell(documentShortTitle(template, place.document), { style: styles.cell }),
        cell(place.where, { style: styles.cell, align: 'left' }),
        cell(units.length > 1 ? `全部成员单位（共 ${units.length} 家，逐家办理）` : place.unit, { style: styles.cell, align: 'left' }),
        cell(markNames[place.mark], { style: styles.cell }),
        cell(units.length > 1 ? `每家 ${place.perCopy * copies}` : `${place.perCopy * copies}`, { style: styles.cell }),
        cell(place.note ?? '', { style: styles.cellSmall, align: 'left' }),
      ],
      { minHeightMm: 8 },
    ),
  );
  const summaries = unitSummaries(template, draft);
  const summaryRows: TableRow[] = summaries.map((summary, index) =>
    row(
      [
        cell(String(index + 1), { style: styles.cell }),
        cellOf([paragraph(summary.line, { style: styles.cell, align: 'left' })]),
        cell(`${summary.total.seal}`, { style: styles.cell }),
        cell(`${summary.total.signature}`, { style: styles.cell }),
        cell(`${summary.total.seam}`, { style: styles.cell }),
        cell('☐', { style: styles.cell }),
      ],
      { minHeightMm: 9 },
    ),
  );
  const outside = places.filter((place) => place.party === 'outside');
  const blocks: Block[] = [
    paragraph('盖章清单', { style: styles.pageTitle, align: 'center', spaceAfterPt: 6, outlineLevel: 0 }),
    paragraph(`${consortiumNameOf(draft)}　（牵头单位：${leadNameOf(draft)}）`, { style: styles.note, align: 'center', spaceAfterPt: 6 }),
    paragraph(
      `本清单由联合体申报助手生成，供组织盖章使用，不随申报材料报送。申报材料一式${copies}份，下列次数均为${copies}份合计；多页材料装订后由牵头单位加盖骑缝章。`,
      { style: styles.note, align: 'justify', spaceAfterPt: 9 },
    ),
    paragraph('一、按单位汇总（携带材料逐家盖章时核对）', { style: styles.cellStrong, spaceAfterPt: 4, keepWithNext: true }),
    {
      kind: 'table',
      borders: 'grid',
      columnsMm: [12, width - 12 - 14 * 3 - 13, 14, 14, 14, 13],
      headerRows: 1,
      style: styles.cell,
      rows: [header(['序号', '单位及需办理事项', '公章', '签字', '骑缝章', '完成']), ...summaryRows],
    },
    paragraph('二、按文件列出盖章、签字位置', { style: styles.cellStrong, spaceBeforePt: 12, spaceAfterPt: 4, keepWithNext: true }),
    {
      kind: 'table',
      borders: 'grid',
      columnsMm: [24, 42, 30, 14, 13, width - 123],
      headerRows: 1,
      style: styles.cell,
      rows: [header(['文件', '位置', '盖章/签字单位', '方式', `${copies}份合计`, '说明']), ...placeRows],
    },
  ];
  if (outside.length > 0) {
    blocks.push(
      paragraph('注：“推荐单位”“受理部门”栏由相应单位办理，牵头单位报送前只需确认本单位及各成员单位的盖章、签字已完成。', {
        style: styles.note,
        spaceBeforePt: 6,
      }),
    );
  }
  return {
    kind: 'stampChecklist',
    title: '盖章清单',
    baseStyle: { font: 'song', size: '五号' },
    sections: [{ marginsMm: formMargins, pageNumbers: 'restart', blocks }],
  };
}
