import { filledRows } from '../derive';
import type { DocumentModel } from '../document-model';
import type { Draft } from '../draft';
import type { DocumentKind, RegionTemplate } from '../region-template';
import { documentKinds } from '../region-template';
import type { DocumentEntry, PreviewKind, PrintableKind } from './kinds';
import { buildAgreement } from './agreement';
import { buildAnnualSummary } from './annual-summary';
import { buildApplicationForm } from './application-form';
import { buildAttachmentChecklist, readyAttachmentIds } from './attachment-checklist';
import { buildCommitmentLetter } from './commitment-letter';
import type { BuildOptions } from './common';
import { consortiumNameOf, leadNameOf, rawValue } from './common';
import { buildImplementationPlan, planFields } from './implementation-plan';
import { buildStampChecklist } from './stamp-checklist';
import { documentShortTitle, documentTitle } from './titles';

/**
 * A draft's package (申报材料): which documents its region asks for and which are offered besides, whether each
 * has what it needs, each one's model, and the whole filing as one model for printing all copies in one go.
 * Which documents are filed, in what order, and which come later are the region's package data.
 */

export { previewKinds, printableKinds } from './kinds';
export type { DocumentEntry, PreviewKind, PrintableKind } from './kinds';

/** The documents the region files with the department, in order. */
export function filedKinds(template: RegionTemplate): DocumentKind[] {
  return template.package.filed;
}

/**
 * The region's documents, plus what its package data describes besides: a 实施方案 where the package leaves it
 * out, a 承诺书 on a page of its own where the form carries one.
 */
export function offeredDocuments(template: RegionTemplate): DocumentKind[] {
  const kinds = new Set<DocumentKind>(template.documents);
  if (template.package.implementationPlan) kinds.add('implementationPlan');
  if (template.package.commitmentLetter) kinds.add('commitmentLetter');
  return documentKinds.filter((kind) => kinds.has(kind));
}

export function listDocuments(template: RegionTemplate, draft: Draft): DocumentEntry[] {
  return offeredDocuments(template).map((kind) => {
    const missing = missingFor(template, draft, kind);
    return {
      kind,
      title: documentTitle(template, kind),
      shortTitle: documentShortTitle(template, kind),
      inPackage: template.documents.includes(kind),
      filed: template.package.filed.includes(kind),
      later: template.package.laterReports.includes(kind),
      format: kind === 'memberWorkbook' ? 'xlsx' : 'docx',
      ready: missing.length === 0,
      missing,
    };
  });
}

function missingFor(template: RegionTemplate, draft: Draft, kind: DocumentKind): string[] {
  const empty = (key: string) => rawValue(draft, key) === '';
  const missingRequired = (step: string) =>
    template.fields.filter((f) => f.step === step && f.required && !f.derived && empty(f.key)).map((f) => f.label);
  const noMembers = filledRows(draft.tables.members).length === 0 ? ['成员单位'] : [];
  const documentOnly = new Set([
    ...planFields(template).map((f) => f.key),
    ...template.package.fields.map((f) => f.key),
  ]);
  switch (kind) {
    case 'applicationForm': {
      const fields = template.fields
        .filter((f) => f.required && !f.extra && !f.derived && f.step !== 'agreement' && !documentOnly.has(f.key))
        .filter((f) => empty(f.key))
        .map((f) => f.label);
      const tables = template.tables
        .filter((t) => t.key !== 'council' || template.rules.some((r) => r.check.kind === 'councilChairedByLead'))
        .filter((t) => filledRows(draft.tables[t.key]).length === 0)
        .map((t) => t.label);
      return [...fields, ...tables];
    }
    case 'agreement':
      return [
        ...(consortiumNameOf(draft) === '' ? [template.fields.find((f) => f.key === 'consortiumName')?.label ?? '创新联合体名称'] : []),
        ...missingRequired('agreement'),
        ...noMembers,
      ];
    case 'implementationPlan': {
      const fields = planFields(template);
      const anyRequired = fields.some((f) => f.required);
      // Where the plan is only offered (its fields optional), it is ready once every part but 其他 is written.
      return fields
        .filter((f) => (anyRequired ? f.required : f.key !== 'planOther') && empty(f.key))
        .map((f) => f.heading ?? f.label);
    }
    case 'commitmentLetter':
      return [
        ...(consortiumNameOf(draft) === '' ? ['创新联合体名称'] : []),
        ...(leadNameOf(draft) === '' ? ['牵头单位'] : []),
      ];
    case 'attachmentChecklist': {
      const ready = readyAttachmentIds(template, draft);
      return (template.package.attachmentChecklist?.items ?? []).filter((item) => !item.optional && !ready.has(item.id)).map((item) => item.title);
    }
    case 'annualSummary': {
      const report = template.package.annualSummary;
      if (!report) return [];
      const year = /^\d{4}$/.test(rawValue(draft, report.yearField)) ? [] : [template.fields.find((f) => f.key === report.yearField)?.label ?? '年度'];
      return [...year, ...report.outline.filter((part) => part.field && empty(part.field)).map((part) => part.heading)];
    }
    case 'stampChecklist':
    case 'memberWorkbook':
      return noMembers;
  }
}

export function buildDocument(kind: PrintableKind, template: RegionTemplate, draft: Draft, options: BuildOptions = {}): DocumentModel {
  switch (kind) {
    case 'applicationForm':
      return buildApplicationForm(template, draft, options);
    case 'agreement':
      return buildAgreement(template, draft, options);
    case 'implementationPlan':
      return buildImplementationPlan(template, draft, options);
    case 'commitmentLetter':
      return buildCommitmentLetter(template, draft, options);
    case 'attachmentChecklist':
      return buildAttachmentChecklist(template, draft, options);
    case 'annualSummary':
      return buildAnnualSummary(template, draft, options);
    case 'stampChecklist':
      return buildStampChecklist(template, draft, options);
  }
}

/** The filing documents of the region's package, in order. */
export function filingDocuments(template: RegionTemplate): PrintableKind[] {
  return template.package.filed.filter((kind): kind is PrintableKind => kind !== 'memberWorkbook');
}

/**
 * The whole filing as one model: each document's sections one after the other, page numbers restarting with
 * each document as they do in the separate files. Printed with the region's copies, collated, this is the
 * package (「一式三份」 where the region asks for three).
 */
export function buildPackage(template: RegionTemplate, draft: Draft, options: BuildOptions = {}): DocumentModel {
  const documents = filingDocuments(template).map((kind) => buildDocument(kind, template, draft, options));
  const name = consortiumNameOf(draft);
  return {
    kind: 'package',
    title: name ? `${name}申报材料` : '创新联合体申报材料',
    baseStyle: documents[0]?.baseStyle ?? { font: 'song', size: '小四' },
    // A document's text that names no font or size keeps its own document's, not the package's.
    sections: documents.flatMap((document) =>
      document.sections.map((section) => ({
        ...section,
        blocks: section.blocks.map((block) =>
          block.kind === 'pageBreak' ? block : { ...block, style: { ...document.baseStyle, ...block.style } },
        ),
      })),
    ),
  };
}

export function buildPreview(kind: PreviewKind, template: RegionTemplate, draft: Draft, options: BuildOptions = {}): DocumentModel {
  return kind === 'package' ? buildPackage(template, draft, options) : buildDocument(kind, template, draft, options);
}
