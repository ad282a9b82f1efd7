import type { HandlersFor } from '../../shared/contract';
import type { BackupSummary, safetyContract } from '../../shared/contract/safety';
import { exportProjects, importProject, inspectProject, readProjectForStore } from '../project/project-import';
import type { BackupInfo } from '../storage/backups';
import { BackupService, backupCauseLabels } from '../storage/backups';
import type { CoreDeps } from './deps';

/** Backups, the start-up notice and project files: export, inspect, import. */
export function safetyHandlers(deps: CoreDeps): HandlersFor<keyof typeof safetyContract> {
  const { store } = deps;
  const backups = deps.backups ?? new BackupService(store, { log: deps.log });

  return {
    'backups.list': () => backups.list().map(summary),
    'backups.create': async () => summary(await backups.backupNow('manual')),
    'backups.restore': async ({ fileName }) => {
      const restored = await backups.restore(fileName);
      // The restored store has the region files it had then; the regions offered must be those.
      deps.regions?.reload();
      return { restoredFrom: summary(restored.restoredFrom), keptCurrentAs: summary(restored.keptCurrentAs) };
    },
    'app.startupNotice': () => ({ message: deps.startupNotice ?? null }),
    'projects.export': ({ draftIds }) => exportProjects(store, deps.appVersion, draftIds),
    'projects.inspect': ({ json }) => inspectProject(store, deps.templates, readProjectForStore(json, deps.templates)),
    'projects.import': async ({ json, decisions }) => {
      const imported = await importProject({ store, templates: deps.templates, backups, log: deps.log }, json, decisions);
      for (const id of imported.importedIds) deps.summaries?.edited(id);
      return imported;
    },
  };
}

function summary(backup: BackupInfo): BackupSummary {
  return {
    fileName: backup.fileName,
    createdAt: backup.createdAt,
    cause: backup.cause,
    causeLabel: backupCauseLabels[backup.cause],
    sizeBytes: backup.sizeBytes,
  };
}
