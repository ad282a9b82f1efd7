import type { Block, DocumentModel } from '../document-model';
import { officialMargins } from '../document-model';
import type { Draft } from '../draft';
import type { DocumentKind, RegionTemplate } from '../region-template';
import { neimengguCommitment } from './application-form';
import type { BuildOptions } from './common';
import { consortiumNameOf, layoutOf, leadNameOf, paragraph } from './common';
import { styles } from './styles';
import { documentShortTitle, documentTitle } from './titles';

/**
 * 承诺书 / 诚信承诺书. 两江新区: 「申报实行诚信承诺制，申报单位须提交诚信承诺书，承诺提交的材料真实、有效、
 * 完整，符合诚信相关要求，并承担相应责任」 — its letter says exactly that, naming the package's documents.
 * 内蒙古: the 承诺书 of its form (六、承诺书), for those who want it on a page of its own.
 */

const body = { style: styles.body, firstLineChars: 2, align: 'justify', lineSpacing: { exactPt: 30 } } as const;
const signature = { style: styles.body, align: 'right', lineSpacing: { exactPt: 30 } } as const;

/** The documents the letter vouches for: those of the package that go to the department. */
const vouchedKinds: DocumentKind[] = ['applicationForm', 'agreement', 'implementationPlan', 'attachmentChecklist'];

export function buildCommitmentLetter(template: RegionTemplate, draft: Draft, _options: BuildOptions = {}): DocumentModel {
  const title = documentTitle(template, 'commitmentLetter');
  const lead = leadNameOf(draft) || '____________';
  const name = consortiumNameOf(draft) || '____________';
  const blocks: Block[] = [
    paragraph(title, { style: styles.pageTitle, align: 'center', spaceBeforePt: 24, spaceAfterPt: 30, outlineLevel: 0 }),
  ];
  if (layoutOf(template) === 'neimenggu') {
    blocks.push(
      paragraph(neimengguCommitment.text, body),
      paragraph(`牵头单位：${lead}`, { ...body, spaceBeforePt: 12 }),
      paragraph(`创新联合体名称：${name}`, body),
      paragraph(`${neimengguCommitment.seal}　　　　　　　　`, { ...signature, spaceBeforePt: 90 }),
      paragraph(`${neimengguCommitment.signer}　　　　　　`, { ...signature, spaceBeforePt: 36 }),
      paragraph('年　　月　　日　　', { ...signature, spaceBeforePt: 18 }),
    );
  } else {
    const documents = vouchedKinds
      .filter((kind) => template.documents.includes(kind))
      .map((kind) => `《${documentTitle(template, kind)}》`)
      .join('、');
    blocks.push(
      paragraph(`${template.issuer}：`, { ...body, firstLineChars: 0 }),
      paragraph(`本单位${lead}作为牵头单位，申报${name}，现郑重承诺：`, body),
      paragraph(`一、本单位提交的${documents}及相关附件材料真实、有效、完整，不存在弄虚作假行为。`, body),
      paragraph('二、本单位及创新联合体成员单位符合诚信相关要求。', body),
      paragraph('三、如违反上述承诺，本单位愿承担相应责任。', body),
      paragraph(`申报单位（公章）：${lead}　　`, { ...signature, spaceBeforePt: 72 }),
      paragraph('法定代表人（签字）：　　　　　　　　', { ...signature, spaceBeforePt: 24 }),
      paragraph('年　　月　　日　　', { ...signature, spaceBeforePt: 18 }),
    );
  }
  return {
    kind: 'commitmentLetter',
    title: documentShortTitle(template, 'commitmentLetter'),
    baseStyle: { font: 'fangsong', size: '三号' },
    sections: [{ marginsMm: officialMargins, pageNumbers: 'none', blocks }],
  };
}
