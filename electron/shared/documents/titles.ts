import type { DocumentKind, RegionTemplate } from '../region-template';
import { coverTitleLines } from './common';

/**
 * What each document is called, in full (files, window titles) and short (lists, the stamp checklist), from the
 * region's package data. A yearly report's 「{year}」 is left out of its name: the year is the report's own.
 */
export function documentTitle(template: RegionTemplate, kind: DocumentKind): string {
  const pkg = template.package;
  switch (kind) {
    case 'applicationForm':
      return template.formTitle;
    case 'agreement':
      return template.agreementTitle;
    case 'implementationPlan':
      return pkg.implementationPlan?.title ?? `${coverTitleLines(template.formTitle)[0]}实施方案`;
    case 'commitmentLetter':
      return pkg.commitmentLetter?.title ?? '诚信承诺书';
    case 'attachmentChecklist':
      return pkg.attachmentChecklist?.title ?? '附件材料清单';
    case 'annualSummary':
      return (pkg.annualSummary?.title ?? '年度工作总结').replace('{year}', '');
    case 'stampChecklist':
      return '盖章清单';
    case 'memberWorkbook':
      return '成员单位、科研团队、科研平台名单';
  }
}

export function documentShortTitle(template: RegionTemplate, kind: DocumentKind): string {
  switch (kind) {
    case 'applicationForm':
    case 'agreement':
    case 'implementationPlan': {
      // Where the cover breaks the title over lines, its last line names the document (「组建协议」).
      const cover = kind === 'implementationPlan' ? template.package.implementationPlan?.cover : template.package[kind].cover;
      const lines = cover?.titleLines && cover.titleLines.length > 1 ? cover.titleLines : coverTitleLines(documentTitle(template, kind));
      return lines[lines.length - 1];
    }
    case 'attachmentChecklist':
      return '附件材料清单';
    case 'memberWorkbook':
      return '成员单位名单（Excel）';
    default:
      return documentTitle(template, kind);
  }
}
