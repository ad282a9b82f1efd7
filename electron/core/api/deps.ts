import { mkdirSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../../shared/errors';
import { describeFailure } from '../os-errors';
import type { RegionTemplate } from '../../shared/region-template';
import type { RegionLibrary } from '../regions/region-library';
import type { Draft } from '../../shared/draft';
import { effectiveTemplate } from '../../shared/region-settings';
import type { BackupService } from '../storage/backups';
import type { DraftStore } from '../storage/draft-store';
import type { CheckSummaries } from './summaries';

/** What the hosts (Electron main, browser host) hand to the core: no Electron, no HTTP. */
export interface CoreDeps {
  store: DraftStore;
  /** Every region the core knows: the built-ins and the loaded region files (the `regions` library's list). */
  templates: RegionTemplate[];
  /** The region files a user loaded; createCoreHandlers makes one over `templates` when not given. */
  regions?: RegionLibrary;
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

/**
 * The template one draft is checked, printed and exported against: its region's, with the draft's region
 * settings applied where the region has them (shared/region-settings). Every use for a draft goes through here.
 */
export function templateForDraft(deps: Pick<CoreDeps, 'templates'>, draft: Pick<Draft, 'regionId' | 'regionSettings'>): RegionTemplate {
  return effectiveTemplate(templateOf(deps, draft.regionId), draft.regionSettings);
}

/**
 * The folder to export into: an absolute path the user chose (Electron) or, where the host cannot ask (the
 * browser host), its own export folder or one inside it — never a path a page made up.
 */
export function allowedExportDir(deps: CoreDeps, dir: string): string {
  if (!isAbsolute(dir)) {
    throw new UserError('export.folder', '导出位置无效，请重新选择文件夹。', `not absolute: ${dir}`);
  }
  const chosen = resolve(dir);
  if (deps.exportDir) {
    const root = resolve(deps.exportDir);
    const inside = relative(root, chosen);
    if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      throw new UserError('export.folder', '浏览器版只能导出到固定的导出文件夹。', `${chosen} is outside ${root}`);
    }
    // The browser host's folder is created on first use.
    try {
      mkdirSync(chosen, { recursive: true });
    } catch (error) {
      throw describeFailure(error, { action: '创建导出文件夹', path: chosen }) ?? error;
    }
    // A link inside the export folder must not lead the files out of it.
    const real = relative(realpathSync(root), realpathSync(chosen));
    if (real === '..' || real.startsWith(`..${sep}`) || isAbsolute(real)) {
      throw new UserError('export.folder', '浏览器版只能导出到固定的导出文件夹。', `${chosen} links outside ${root}`);
    }
  }
  return chosen;
}
