import type { HandlersFor } from '../../shared/contract';
import type { documentsContract } from '../../shared/contract/documents';
import { buildPreview, listDocuments, offeredDocuments, renderHtml } from '../../shared/documents';
import { tooManyMainMembers } from '../../shared/derive';
import { UserError } from '../../shared/errors';
import { coreBuildOptions, exportPackage } from '../documents/export-package';
import type { CoreDeps } from './deps';
import { allowedExportDir, templateForDraft } from './deps';

/** The package's documents: what there is, the print view of each, and the export to a folder. */
export function documentsHandlers(deps: CoreDeps): HandlersFor<keyof typeof documentsContract> {
  const { store } = deps;
  const draftAndTemplate = (draftId: string) => {
    const draft = store.getDraft(draftId);
    return { draft, template: templateForDraft(deps, draft) };
  };
  return {
    'documents.list': ({ draftId }) => {
      const { draft, template } = draftAndTemplate(draftId);
      return listDocuments(template, draft);
    },
    'documents.preview': ({ draftId, kind }) => {
      const { draft, template } = draftAndTemplate(draftId);
      if (kind !== 'package' && !offeredDocuments(template).includes(kind)) {
        throw new UserError('documents.notOffered', `${template.name}的申报材料不包括该文件。`, `${kind} is not offered for ${template.id}`);
      }
      // The printed form cannot list more main members than its rows: refused here as export refuses it.
      const tooManyMain = kind === 'package' || kind === 'applicationForm' ? tooManyMainMembers(template, draft) : null;
      if (tooManyMain) {
        throw new UserError('export.tooManyMainMembers', `无法打印申请表：${tooManyMain.message}。`, `main members ${tooManyMain.main} + lead > ${tooManyMain.max}`);
      }
      const model = buildPreview(kind, template, draft, coreBuildOptions());
      return { html: renderHtml(model), title: model.title };
    },
    'documents.export': async ({ draftId, dir, pdf, pdfMode }) => {
      const { draft, template } = draftAndTemplate(draftId);
      const outDir = allowedExportDir(deps, dir);
      return exportPackage({ template, draft, store, outDir, pdf, pdfMode });
    },
  };
}
