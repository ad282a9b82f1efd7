import { randomUUID } from 'node:crypto';
import type { HandlersFor } from '../../shared/contract';
import type { workbooksContract } from '../../shared/contract/workbooks';
import { maxAbsorbBytes, maxWorkbookBytes } from '../../shared/contract/workbooks';
import { UserError } from '../../shared/errors';
import type { ImportPreview } from '../../shared/workbooks';
import {
  applyAbsorb,
  applyImport,
  blankTemplateFileName,
  memberWorkbookFileName,
  planAbsorb,
  writeBlankTemplate,
  writeCollectionFiles,
  writeMemberWorkbook,
  type CollectionFailure,
  type CollectionReturn,
} from '../workbooks';
import { readCollectionWorkbooksInWorker, readWorkbookForImportInWorker } from '../workbooks/reading/in-worker';
import type { CoreDeps } from './deps';
import { allowedExportDir, templateForDraft, templateOf } from './deps';
import { effectiveTemplate } from '../../shared/region-settings';

/** How long a preview waits for the user's confirmation, and how many are kept at most. */
const pendingMinutes = 30;
const maxPending = 20;

/**
 * Previews waiting for confirmation, kept in memory: the file is read once, and what the user confirms is
 * exactly what they saw. Each belongs to one draft, expires, and is used once.
 */
class PendingPreviews<T> {
  private readonly items = new Map<string, { draftId: string; value: T; expires: number }>();

  constructor(private readonly what: string) {}

  put(draftId: string, value: T): { id: string; expiresAt: string } {
    this.sweep();
    while (this.items.size >= maxPending) this.items.delete(this.items.keys().next().value as string);
    const id = randomUUID();
    const expires = Date.now() + pendingMinutes * 60_000;
    this.items.set(id, { draftId, value, expires });
    return { id, expiresAt: new Date(expires).toISOString() };
  }

  get(draftId: string, id: string): T {
    this.sweep();
    const item = this.items.get(id);
    if (!item || item.draftId !== draftId) {
      throw new UserError(
        'import.expired',
        `${this.what}的预览已过期或不存在（预览保留 ${pendingMinutes} 分钟），请重新选择文件。`,
        `pending ${id} for draft ${draftId} not found`,
      );
    }
    return item.value;
  }

  delete(id: string): void {
    this.items.delete(id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, item] of this.items) if (item.expires < now) this.items.delete(id);
  }
}

function decode(dataBase64: string, fileName: string): Buffer {
  const bytes = Buffer.from(dataBase64, 'base64');
  if (bytes.length > maxWorkbookBytes) {
    throw new UserError(
      'workbook.tooLarge',
      `文件“${fileName}”过大（超过 ${maxWorkbookBytes / 1024 / 1024} MB），未读取。`,
      `${bytes.length} bytes`,
    );
  }
  return bytes;
}

/** Workbooks: straight onto core/workbooks, with previews kept here until confirmed. */
export function workbooksHandlers(deps: CoreDeps): HandlersFor<keyof typeof workbooksContract> {
  const { store } = deps;
  const imports = new PendingPreviews<ImportPreview>('导入');
  const absorbs = new PendingPreviews<Array<CollectionReturn | CollectionFailure>>('信息采集表导入');
  return {
    'workbooks.export': async ({ draftId }) => {
      const draft = store.getDraft(draftId);
      const template = templateForDraft(deps, draft);
      const bytes = await writeMemberWorkbook(template, draft);
      // A store opened for viewing only cannot change, so there is nothing a revision would protect.
      if (!store.readOnly) store.createRevision(draftId, 'before-export', '导出 Excel 名单时的版本');
      return { fileName: memberWorkbookFileName(template, draft), dataBase64: bytes.toString('base64') };
    },
    'workbooks.template': async ({ regionId, table }) => {
      const template = effectiveTemplate(templateOf(deps, regionId), null);
      const bytes = await writeBlankTemplate(template, table);
      return { fileName: blankTemplateFileName(template, table), dataBase64: bytes.toString('base64') };
    },
    'workbooks.previewImport': async ({ draftId, table, fileName, dataBase64 }) => {
      const draft = store.getDraft(draftId);
      const template = templateForDraft(deps, draft);
      const preview = await readWorkbookForImportInWorker(decode(dataBase64, fileName), fileName, template, table, draft.tables[table]);
      const { id, expiresAt } = imports.put(draftId, preview);
      return { ...preview, importId: id, expiresAt };
    },
    'workbooks.applyImport': ({ draftId, importId, mode }) => {
      const summary = applyImport(store, draftId, imports.get(draftId, importId), mode);
      imports.delete(importId);
      deps.summaries?.edited(draftId);
      return summary;
    },
    'workbooks.collectionFiles': async ({ draftId, dir }) => {
      const draft = store.getDraft(draftId);
      // Confined like documents.export: on the browser host only the export folder, never a path a page made up.
      const folder = allowedExportDir(deps, dir);
      const files = await writeCollectionFiles(templateForDraft(deps, draft), draft, folder);
      return { dir: folder, files };
    },
    'workbooks.absorb': async ({ draftId, files }) => {
      const draft = store.getDraft(draftId);
      const template = templateForDraft(deps, draft);
      const decoded = files.map((file) => ({ fileName: file.fileName, bytes: decode(file.dataBase64, file.fileName) }));
      const total = decoded.reduce((sum, file) => sum + file.bytes.length, 0);
      if (total > maxAbsorbBytes) {
        throw new UserError(
          'workbook.tooLarge',
          `所选文件合计超过 ${maxAbsorbBytes / 1024 / 1024} MB，请分几次导入。`,
          `${total} bytes in ${files.length} files`,
        );
      }
      const results = await readCollectionWorkbooksInWorker(decoded, template);
      const preview = planAbsorb(template, draft, results);
      const { id, expiresAt } = absorbs.put(draftId, results);
      return { ...preview, absorbId: id, expiresAt };
    },
    'workbooks.applyAbsorb': ({ draftId, absorbId, decisions }) => {
      const draft = store.getDraft(draftId);
      const summary = applyAbsorb(store, draftId, templateForDraft(deps, draft), absorbs.get(draftId, absorbId), decisions);
      absorbs.delete(absorbId);
      deps.summaries?.edited(draftId);
      return summary;
    },
  };
}
