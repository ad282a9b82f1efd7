import { UserError } from '../../shared/errors';
import type { RegionTemplate } from '../../shared/region-template';
import type { BackupService } from '../storage/backups';
import type { DraftStore } from '../storage/draft-store';
import type { CheckSummaries } from './summaries';

/** What the hosts (Electron main, browser host) hand to the core: no Electron, no HTTP. */
export interface CoreDeps {
  store: DraftStore;
  templates: RegionTemplate[];
  appVersion: string;
  host: 'electron' | 'web';
  /** Folder for exports when the host has no folder picker (the browser host); Electron asks the user. */
  exportDir?: string;
  /** Precise messages for the log file; the user sees the Chinese one. */
  log?: (line: string) => void;
  /** Backups of `store` (from openStoreSafely); without it the safety calls make their own. */
  backups?: BackupService;
  /** What start-up did to the store (a damaged file moved aside and a backup restored), in Chinese. */
  startupNotice?: string;
  /** The home screen's figures, stored after edits (createCoreHandlers makes one when not given). */
  summaries?: CheckSummaries;
}

export function templateOf(deps: Pick<CoreDeps, 'templates'>, regionId: string): RegionTemplate {
  const found = deps.templates.find((t) => t.id === regionId);
  if (!found) throw new UserError('region.unknown', '不支持的地区模板。', `unknown region ${regionId}`);
  return found;
}
