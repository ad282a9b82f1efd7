import type { DocumentKind, RegionTemplate } from '../region-template';
import { coverTitleLines } from './common';
import { planTitle } from './implementation-plan';

/** What each document is called, in full (files, window titles) and short (lists, the stamp checklist). */
export function documentTitle(template: RegionTemplate, kind: DocumentKind): string {
  switch (kind) {
    case 'applicationForm':
      return template.formTitle;
    case 'agreement':
      return template.agreementTitle;
    case 'implementationPlan':
      return planTitle(template);
    case 'commitmentLetter':
      return template.id === 'neimenggu' ? '承诺书' : '诚信承诺书';
    case 'attachmentChecklist':
      return '创新联合体备案相关附件材料清单';
    case 'annualSummary':
      return '创新联合体年度工作总结';
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
      const title = documentTitle(template, kind);
      const lines = coverTitleLines(title);
      return lines[lines.length - 1];
    }
    case 'attachmentChecklist':
      return '附件材料清单';
    case 'annualSummary':
      return '年度工作总结';
    case 'memberWorkbook':
      return '成员单位名单（Excel）';
    default:
      return documentTitle(template, kind);
  }
}
