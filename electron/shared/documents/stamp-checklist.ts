import { leadRowOf } from '../derive';
import type { Block, DocumentModel, TableRow } from '../document-model';
import { cellWidthForMm, fontSizePt, officialMargins, textWidthMm } from '../document-model';
import type { Draft } from '../draft';
import type { DocumentKind, RegionTemplate } from '../region-template';
import { signingOrder } from './agreement';
import type { BuildOptions } from './common';
import { cell, cellOf, consortiumNameOf, leadNameOf, memberName, paragraph, row } from './common';
import { styles } from './styles';
import { documentShortTitle } from './titles';

/**
 * 盖章清单 (stamp checklist) — ours, not the department's: for each filed document, which unit stamps or signs
 * where and how many times over the copies the region asks for, and per unit a summary
 * (「XX公司：组建协议 3 处公章、3 处签字」), so whoever runs the stamping round knows what to carry to whom.
 * Everything is read from the region's package data: cover lines with （盖章）, opinion blocks, the agreement's
 * signatory, the commitment's seal and signer, the copies and the way the package is filed.
 */

/** Copies stamped: 「一式三份」 → 3, an online filing's scanned original → 1; where the source names none, per copy. */
export function copiesOf(template: RegionTemplate): number {
  const filing = template.package.filing;
  return filing.way === 'online' ? 1 : (filing.copies ?? 1);
}

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

const outsideUnits = { recommender: '推荐单位', experts: '专家组', department: '受理部门' } as const;

/** The lead as the member table names it (the agreement's signature rows use that spelling), else as typed on the form. */
function leadUnitName(draft: Draft): string {
  const row = leadRowOf(draft);
  return (row ? memberName(row) : '') || leadNameOf(draft) || '牵头单位';
}

/** What a signature line's label asks for, without its colon: 「法定代表人（授权人）签章：」 → 「法定代表人（授权人）签章」. */
const bare = (label: string) => label.replace(/[：:]\s*$/, '').replace(/\{[a-z]+\}/g, '').replace(/[：:]\s*$/, '');

export function stampPlaces(template: RegionTemplate, draft: Draft): StampPlace[] {
  const pkg = template.package;
  const lead = leadUnitName(draft);
  const places: StampPlace[] = [];
  const add = (place: Omit<StampPlace, 'perCopy'>) => places.push({ ...place, perCopy: 1 });
  const leadMark = (document: DocumentKind, where: string, mark: Mark, note?: string) =>
    add({ document, where, mark, unit: lead, party: 'member', note });
  // Scans are uploaded page by page: a seam seal is for a bound paper copy.
  const seam = (document: DocumentKind) => {
    if (pkg.filing.way === 'online') return;
    leadMark(document, '骑缝处（每份材料装订后跨页加盖）', 'seam', '多页材料加盖骑缝章，防止抽换页');
  };
  // （签字） and （签章） are the person's mark (a signature or a signature stamp); （盖章） and （公章） the unit's seal.
  const markOf = (suffix: string): Mark => (/签/.test(suffix) ? 'signature' : 'seal');
  const coverPlaces = (document: DocumentKind, lines: { label: string; value: string; suffix?: string }[]) => {
    for (const line of lines) {
      if (!line.suffix) continue;
      const where = `封面“${line.label}${line.suffix}”`;
      if (line.value === 'blank') {
        add({ document, where, mark: 'seal', unit: outsideUnits.recommender, party: 'outside', note: '报送推荐单位审核后由其盖章' });
      } else if (line.value === 'leader') {
        leadMark(document, where, 'signature', '由负责人签字或加盖签名章');
      } else {
        leadMark(document, where, markOf(line.suffix));
      }
    }
  };

  for (const document of pkg.filed) {
    switch (document) {
      case 'applicationForm': {
        const form = pkg.applicationForm;
        coverPlaces(document, form.cover.lines);
        if (form.commitment) {
          leadMark(document, `${form.commitment.heading}“${bare(form.commitment.seal)}”`, 'seal');
          leadMark(document, `${form.commitment.heading}“${bare(form.commitment.signer)}”`, 'signature', '由法定代表人或其授权人签字或加盖签名章');
        }
        for (const block of form.opinions) {
          const where = `“${block.title}”栏“${bare(block.signer)}”`;
          if (block.party === 'lead') {
            leadMark(document, where, 'seal');
          } else {
            add({
              document,
              where: `“${block.title}”栏`,
              mark: /签字/.test(block.signer) ? 'signature' : 'seal',
              unit: outsideUnits[block.party],
              party: 'outside',
              note: block.party === 'recommender' ? '报送推荐单位审核后由其填写并盖章' : '申报时留空，由受理部门填写',
            });
          }
        }
        seam(document);
        break;
      }
      case 'agreement': {
        const agreement = pkg.agreement;
        coverPlaces(document, agreement.cover.lines);
        const signer = bare(agreement.signatory).replace(/（签字）$/, '');
        for (const member of signingOrder(template, draft)) {
          const unit = memberName(member) || '（未填写名称的成员单位）';
          add({ document, where: '八、所有成员单位签章“单位名称（盖章）”', mark: 'seal', unit, party: 'member' });
          add({
            document,
            where: `八、所有成员单位签章“${agreement.signatory}”`,
            mark: 'signature',
            unit,
            party: 'member',
            note: agreement.authorityLetter ? '授权代表签字的，附法定代表人授权书' : `须由${signer}本人签字`,
          });
        }
        seam(document);
        break;
      }
      case 'implementationPlan':
        coverPlaces(document, pkg.implementationPlan?.cover.lines ?? []);
        seam(document);
        break;
      case 'commitmentLetter': {
        const letter = pkg.commitmentLetter;
        leadMark(document, `“${bare(letter?.seal ?? '（公章）')}”`, 'seal');
        leadMark(document, `“${bare(letter?.signer ?? '法定代表人（签字）')}”`, 'signature');
        break;
      }
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

/** Units in the order they sign the agreement (the lead first), so the round follows the signature rows. */
export function unitSummaries(template: RegionTemplate, draft: Draft): UnitSummary[] {
  const copies = copiesOf(template);
  const places = stampPlaces(template, draft).filter((place) => place.party === 'member');
  const lead = leadUnitName(draft);
  const order = [lead, ...signingOrder(template, draft).map((member) => memberName(member) || '（未填写名称的成员单位）')];
  const units = [...new Set(places.map((place) => place.unit))].sort((a, b) => rank(order, a) - rank(order, b));
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

function rank(order: string[], unit: string): number {
  const at = order.indexOf(unit);
  return at < 0 ? order.length : at;
}

/** How the region's package is filed and what the counts mean, in one sentence for the checklist's head. */
export function filingSentence(template: RegionTemplate): string {
  const filing = template.package.filing;
  if (filing.way === 'online') {
    return `${filing.how}各处盖章、签字后将原件扫描上传，下列次数为一份原件的次数。`;
  }
  if (filing.copies === undefined) {
    return `${filing.how}原文未规定份数，请按申报通知要求的份数打印，下列次数为每份的次数；多页材料装订后由牵头单位加盖骑缝章。`;
  }
  return `${filing.how}下列次数均为${filing.copies}份合计；多页材料装订后由牵头单位加盖骑缝章。`;
}

export function buildStampChecklist(template: RegionTemplate, draft: Draft, _options: BuildOptions = {}): DocumentModel {
  const width = textWidthMm(officialMargins);
  const copies = copiesOf(template);
  const places = stampPlaces(template, draft);
  const size = fontSizePt[styles.cellStrong.size];
  const fit = (label: string) => cellWidthForMm(label, size);
  const header = (labels: string[]) =>
    row(labels.map((label) => cell(label, { style: styles.cellStrong })), { minHeightMm: 9 });
  const countLabel = template.package.filing.way === 'online' || template.package.filing.copies === undefined ? '次数' : `${copies}份合计`;

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
        cell(units.length > 1 ? `全部成员单位（共 ${units.length} 家，按签章行顺序逐家办理）` : place.unit, { style: styles.cell, align: 'left' }),
        cell(markNames[place.mark], { style: styles.cell }),
        cell(units.length > 1 ? `每家 ${place.perCopy * copies}` : `${place.perCopy * copies}`, { style: styles.cell }),
        cell(place.note ?? '', { style: styles.cellSmall, align: 'left' }),
      ],
      { minHeightMm: 8 },
    ),
  );
  // Scans are uploaded page by page: there is no bound copy to seal across its pages.
  const seams = template.package.filing.way !== 'online';
  const summaries = unitSummaries(template, draft);
  const summaryRows: TableRow[] = summaries.map((summary, index) =>
    row(
      [
        cell(String(index + 1), { style: styles.cell }),
        cellOf([paragraph(summary.line, { style: styles.cell, align: 'left' })]),
        cell(`${summary.total.seal}`, { style: styles.cell }),
        cell(`${summary.total.signature}`, { style: styles.cell }),
        ...(seams ? [cell(`${summary.total.seam}`, { style: styles.cell })] : []),
        cell('☐', { style: styles.cell }),
      ],
      { minHeightMm: 9 },
    ),
  );
  const summaryLabels = ['序号', '单位及需办理事项', '公章', '签字', ...(seams ? ['骑缝章'] : []), '完成'];
  const summaryColumns = summaryLabels.map((label, i) => (i === 1 ? 0 : fit(label)));
  summaryColumns[1] = width - summaryColumns.reduce((a, b) => a + b, 0);
  const placeColumns = [fit('组建申请表'), 42, 30, fit('方式'), Math.max(fit(countLabel), fit('每家 3')), 0];
  placeColumns[5] = width - placeColumns.reduce((a, b) => a + b, 0);
  const outside = places.filter((place) => place.party === 'outside');
  const blocks: Block[] = [
    paragraph('盖章清单', { style: styles.pageTitle, align: 'center', spaceAfterPt: 6, outlineLevel: 0 }),
    paragraph(`${consortiumNameOf(draft)}　（牵头单位：${leadNameOf(draft)}）`, { style: styles.note, align: 'center', spaceAfterPt: 6 }),
    paragraph(`本清单供组织盖章使用，不随申报材料报送。${filingSentence(template)}`, { style: styles.note, align: 'justify', spaceAfterPt: 9 }),
    paragraph('一、按单位汇总（按组建协议签章行的顺序，携带材料逐家盖章时核对）', { style: styles.cellStrong, spaceAfterPt: 4, keepWithNext: true }),
    {
      kind: 'table',
      borders: 'grid',
      columnsMm: summaryColumns,
      headerRows: 1,
      style: styles.cell,
      rows: [header(summaryLabels), ...summaryRows],
    },
    paragraph('二、按文件列出盖章、签字位置', { style: styles.cellStrong, spaceBeforePt: 12, spaceAfterPt: 4, keepWithNext: true }),
    {
      kind: 'table',
      borders: 'grid',
      columnsMm: placeColumns,
      headerRows: 1,
      style: styles.cell,
      rows: [header(['文件', '位置', '盖章/签字单位', '方式', countLabel, '说明']), ...placeRows],
    },
  ];
  if (outside.length > 0) {
    blocks.push(
      paragraph('注：“推荐单位”“专家组”“受理部门”栏由相应单位办理，牵头单位报送前只需确认本单位及各成员单位的盖章、签字已完成。', {
        style: styles.note,
        spaceBeforePt: 6,
      }),
    );
  }
  return {
    kind: 'stampChecklist',
    title: '盖章清单',
    baseStyle: { font: 'song', size: '五号' },
    sections: [{ marginsMm: officialMargins, pageNumbers: 'restart', blocks }],
  };
}
