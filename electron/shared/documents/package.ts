import { filledRows } from '../derive';
import type { DocumentModel } from '../document-model';
import type { Draft } from '../draft';
import type { DocumentKind, RegionTemplate } from '../region-template';
import { documentKinds } from '../region-template';
import type { DocumentEntry, PreviewKind, PrintableKind } from './kinds';
import { filingKinds } from './kinds';
import { buildAgreement } from './agreement';
import { annualSummaryOutline, buildAnnualSummary } from './annual-summary';
import { buildApplicationForm } from './application-form';
import { attachmentItems, buildAttachmentChecklist, readyAttachmentIds } from './attachment-checklist';
import { buildCommitmentLetter } from './commitment-letter';
import type { BuildOptions } from './common';
import { consortiumNameOf, leadNameOf, rawValue } from './common';
import { buildImplementationPlan, planFieldPrefix } from './implementation-plan';
import { buildStampChecklist } from './stamp-checklist';
import { documentShortTitle, documentTitle } from './titles';

/**
 * A draft's package (申报材料): which documents its region asks for and which are offered besides, whether each
 * has what it needs, each one's model, and the whole filing as one model for printing 一式三份 in one go.
 */

export { filingKinds, previewKinds, printableKinds } from './kinds';
export type { DocumentEntry, PreviewKind, PrintableKind } from './kinds';

/**
 * The region's documents, plus what is offered besides: the 实施方案 to regions whose package leaves it out
 * (its fields are in every template), 内蒙古's 承诺书 as a page of its own.
 */
export function offeredDocuments(template: RegionTemplate): DocumentKind[] {
  const kinds = new Set<DocumentKind>(template.documents);
  if (template.fields.some((field) => field.key.startsWith(planFieldPrefix))) kinds.add('implementationPlan');
  if (template.id === 'neimenggu') kinds.add('commitmentLetter');
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
      filed: filingKinds.includes(kind),
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
  switch (kind) {
    case 'applicationForm': {
      const fields = template.fields
        .filter((f) => f.required && !f.extra && !f.derived && f.step !== 'agreement' && !f.key.startsWith(planFieldPrefix))
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
      const planFields = template.fields.filter((f) => f.key.startsWith(planFieldPrefix));
      const anyRequired = planFields.some((f) => f.required);
      // Where the plan is only offered (its fields optional), it is ready once every part but 其他 is written.
      return planFields
        .filter((f) => (anyRequired ? f.required : f.key !== 'planOther') && empty(f.key))
        .map((f) => f.heading ?? f.label);
    }
    case 'commitmentLetter':
      return [
        ...(consortiumNameOf(draft) === '' ? ['创新联合体名称'] : []),
        ...(leadNameOf(draft) === '' ? ['牵头单位'] : []),
      ];
    case 'attachmentChecklist': {
      const ready = readyAttachmentIds(draft);
      return attachmentItems.filter((item) => !item.optional && !ready.has(item.id)).map((item) => item.title);
    }
    case 'annualSummary':
      return annualSummaryOutline.filter((part) => part.key && empty(part.key)).map((part) => part.heading);
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
  return template.documents.filter(
    (kind): kind is PrintableKind => kind !== 'memberWorkbook' && filingKinds.includes(kind),
  );
}

/**
 * The whole filing as one model: each document's sections one after the other, page numbers restarting with
 * each document as they do in the separate files. Printed with copies = 3, collated, this is 「一式三份」.
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
