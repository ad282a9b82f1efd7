import type { Block, DocumentModel } from '../document-model';
import { officialMargins } from '../document-model';
import type { Draft } from '../draft';
import type { DocumentKind, RegionTemplate } from '../region-template';
import type { BuildOptions } from './common';
import { consortiumNameOf, fillIn, leadNameOf, paragraph } from './common';
import { styles } from './styles';
import { documentShortTitle, documentTitle } from './titles';

/**
 * 承诺书 / 诚信承诺书, as the region's package data words it. 两江新区: 「申报实行诚信承诺制，申报单位须提交诚信
 * 承诺书，承诺提交的材料真实、有效、完整，符合诚信相关要求，并承担相应责任」 — its letter says that, naming the
 * package's documents. 内蒙古: the 承诺书 of its form (六、承诺书), for those who want it on a page of its own.
 */

const body = { style: styles.body, firstLineChars: 2, align: 'justify', lineSpacing: { exactPt: 30 } } as const;
const signature = { style: styles.body, align: 'right', lineSpacing: { exactPt: 30 } } as const;

export function buildCommitmentLetter(template: RegionTemplate, draft: Draft, _options: BuildOptions = {}): DocumentModel {
  const letter = template.package.commitmentLetter;
  const title = documentTitle(template, 'commitmentLetter');
  const lead = leadNameOf(draft) || '____________';
  const name = consortiumNameOf(draft) || '____________';
  // The documents the letter vouches for: the filed ones other than itself.
  const documents = template.package.filed
    .filter((kind): kind is DocumentKind => kind !== 'commitmentLetter' && kind !== 'memberWorkbook')
    .map((kind) => `《${documentTitle(template, kind)}》`)
    .join('、');
  const values = { lead, name, documents };
  const blocks: Block[] = [
    paragraph(title, { style: styles.pageTitle, align: 'center', spaceBeforePt: 24, spaceAfterPt: 30, outlineLevel: 0 }),
  ];
  if (letter?.addressee) blocks.push(paragraph(letter.addressee, { ...body, firstLineChars: 0 }));
  for (const text of letter?.paragraphs ?? []) blocks.push(paragraph(fillIn(text, values), body));
  blocks.push(
    paragraph(`${fillIn(letter?.seal ?? '（公章）', values)}　　　　　　　　`, { ...signature, spaceBeforePt: 72 }),
    paragraph(`${fillIn(letter?.signer ?? '法定代表人（签字）：', values)}　　　　　　`, { ...signature, spaceBeforePt: 24 }),
    paragraph('年　　月　　日　　', { ...signature, spaceBeforePt: 18 }),
  );
  return {
    kind: 'commitmentLetter',
    title: documentShortTitle(template, 'commitmentLetter'),
    baseStyle: { font: 'fangsong', size: '三号' },
    sections: [{ marginsMm: officialMargins, pageNumbers: 'none', blocks }],
  };
}
