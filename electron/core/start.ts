import type { CoreHandlers } from '../shared/contract';
import type { RegionTemplate } from '../shared/region-template';
import { CheckSummaries, createCoreHandlers } from './api';
import { RegionLibrary } from './regions/region-library';
import { loadRegionTemplates } from './regions/templates';
import type { BackupService } from './storage/backups';
import type { DraftStore, ReadOnlyReason } from './storage/draft-store';
import { openStoreSafely } from './storage/open-store';

export interface StartCoreOptions {
  dataDir: string;
  host: 'electron' | 'web';
  appVersion: string;
  /** The region templates' folder; defaults to resources/regions. */
  regionsDir?: string;
  /** Where the browser host writes exports (it cannot ask for a folder); see CoreDeps.exportDir. */
  exportDir?: string;
  /** better-sqlite3 built for Electron's ABI (see DraftStoreOptions). */
  nativeBinding?: string;
  log?: (line: string) => void;
}

export interface StartedCore {
  store: DraftStore;
  backups: BackupService;
  templates: RegionTemplate[];
  handlers: CoreHandlers;
  /** What the user must know about this start (a damaged file recovered, a read-only data folder), or null. */
  notice: string | null;
  readOnly: ReadOnlyReason | null;
  /** Stops the periodic backups, stores pending summaries, waits for a running backup, closes the store. */
  close(): Promise<void>;
}

/**
 * Start-up as both hosts (Electron's main process and the browser host) do it: open the store safely
 * (damage recovered, a read-only folder opened for viewing), take periodic backups, and build the core's
 * handlers. Throws a UserError when the store cannot be opened at all.
 */
export async function startCore(options: StartCoreOptions): Promise<StartedCore> {
  const { log } = options;
  // A damaged store is moved aside and the newest good backup restored; a newer one is refused untouched.
  const opened = await openStoreSafely(options.dataDir, { nativeBinding: options.nativeBinding, log });
  const { store, backups, recovered, readOnly } = opened;
  if (recovered) log?.(recovered.message);
  const notice = [recovered?.message, readOnly?.message].filter((line): line is string => Boolean(line)).join('\n') || null;

  const periodicBackups = readOnly
    ? null
    : setInterval(() => {
        backups.maybePeriodic().catch((error: unknown) => log?.(`periodic backup failed: ${String(error)}`));
      }, 60_000);
  periodicBackups?.unref();

  // The built-ins and the region files kept in the store: one list that loading and removing a file update.
  const regions = new RegionLibrary(store, loadRegionTemplates(options.regionsDir), log);
  const templates = regions.templates;
  const summaries = new CheckSummaries(store, templates, log);
  const handlers = createCoreHandlers({
    store,
    templates,
    regions,
    appVersion: options.appVersion,
    host: options.host,
    exportDir: options.exportDir,
    log,
    backups,
    summaries,
    ...(notice ? { startupNotice: notice } : {}),
  });

  let closed: Promise<void> | null = null;
  return {
    store,
    backups,
    templates,
    handlers,
    notice,
    readOnly: readOnly ?? null,
    close: () =>
      (closed ??= (async () => {
        if (periodicBackups) clearInterval(periodicBackups);
        summaries.flush();
        await backups.idle();
        store.close();
      })()),
  };
}
