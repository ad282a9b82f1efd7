import { randomUUID } from 'node:crypto';
import type { HandlersFor } from '../../shared/contract';
import type { docxImportContract } from '../../shared/contract/docx-import';
import { maxDocxBytes } from '../../shared/contract/docx-import';
import type { DocxImportPreview } from '../../shared/docx-import';
import { UserError } from '../../shared/errors';
import { applyDocxImport, readDocxForImport } from '../docx-import';
import type { CoreDeps } from './deps';
import { templateForDraft, templateOf } from './deps';
import { effectiveTemplate } from '../../shared/region-settings';

/** How long a preview waits for the user's confirmation, and how many are kept at most. */
const pendingMinutes = 30;
const maxPending = 10;

/** Word import: the file is read once; what the user confirms is exactly the preview they saw. */
export function docxImportHandlers(deps: CoreDeps): HandlersFor<keyof typeof docxImportContract> {
  const pending = new Map<string, { preview: DocxImportPreview; draftId: string | null; expires: number }>();
  const sweep = () => {
    const now = Date.now();
    for (const [key, item] of pending) if (item.expires < now) pending.delete(key);
    while (pending.size >= maxPending) pending.delete(pending.keys().next().value as string);
  };
  return {
    'docxImport.preview': async ({ fileName, dataBase64, regionId, draftId }) => {
      const bytes = Buffer.from(dataBase64, 'base64');
      if (bytes.length > maxDocxBytes) {
        throw new UserError('docx.tooLarge', `文件“${fileName}”过大（超过 ${maxDocxBytes / 1024 / 1024} MB），未读取。`, `${bytes.length} bytes`);
      }
      // Into an open draft the file is read as that draft's region.
      const region = draftId ? deps.store.getDraft(draftId).regionId : regionId;
      const { preview } = await readDocxForImport(bytes, fileName, deps.templates, { regionId: region });
      sweep();
      const importId = randomUUID();
      const expires = Date.now() + pendingMinutes * 60_000;
      pending.set(importId, { preview, draftId: draftId ?? null, expires });
      return { ...preview, importId, expiresAt: new Date(expires).toISOString() };
    },
    'docxImport.apply': ({ importId, target }) => {
      const item = pending.get(importId);
      if (!item || item.expires < Date.now() || (target.kind === 'merge' && item.draftId !== null && item.draftId !== target.draftId)) {
        throw new UserError(
          'import.expired',
          `Word 导入的预览已过期或不存在（预览保留 ${pendingMinutes} 分钟），请重新选择文件。`,
          `pending ${importId} not found`,
        );
      }
      // Into an existing draft: its own template (地区设置 applied); a new draft starts from its region's defaults.
      const template =
        target.kind === 'merge' ? templateForDraft(deps, deps.store.getDraft(target.draftId)) : effectiveTemplate(templateOf(deps, item.preview.regionId), null);
      const summary = applyDocxImport(deps.store, template, item.preview, target);
      pending.delete(importId);
      return summary;
    },
  };
}
