import type { RegionEntry } from '../../shared/contract/region-files';
import { UserError } from '../../shared/errors';
import type { RegionId, RegionTemplate } from '../../shared/region-template';
import type { DraftStore, StoredRegionFile } from '../storage/draft-store';
import { validateUserRegionText } from './region-file';
import { finishRegionTemplate } from './templates';

/**
 * The regions the core knows: the built-in templates and the region files a user loaded (kept in the store).
 * `templates` is the one list every handler reads; loading and removing change it in place, so forms, checks,
 * exports, copies and the home screen's figures all see a loaded region at once, with no region-specific code.
 *
 * A newer version of a loaded id replaces it: drafts made with the old version open with the new one and keep
 * the version they were made with. A region still used by drafts (also in the trash) is not removed: the
 * refusal names those drafts, so nothing the user wrote ever loses its form.
 */
export class RegionLibrary {
  readonly templates: RegionTemplate[];
  private readonly builtIns: readonly RegionTemplate[];
  private readonly files = new Map<RegionId, StoredRegionFile>();

  constructor(
    private readonly store: DraftStore,
    builtIns: readonly RegionTemplate[],
    private readonly log?: (line: string) => void,
  ) {
    this.builtIns = builtIns;
    this.templates = [];
    this.reload();
  }

  /** Reads the loaded files from the store again: after a backup was restored, the store holds its own set. */
  reload(): void {
    this.files.clear();
    const templates: RegionTemplate[] = [...this.builtIns];
    for (const stored of this.store.listRegionFiles()) {
      try {
        // Checked again: a later app may check more than the one that loaded it.
        const template = validateUserRegionText(stored.templateJson, stored.fileName, this.builtIns);
        this.files.set(template.id, stored);
        templates.push(finishRegionTemplate(template));
      } catch (error) {
        this.log?.(`stored region file ${stored.id} (${stored.fileName}) skipped: ${error instanceof UserError ? (error.detail ?? error.message) : String(error)}`);
      }
    }
    // In place: every handler holds this very list.
    this.templates.splice(0, this.templates.length, ...templates);
    this.sort();
  }

  /** Every region for the manager: built-ins first in list order, then the loaded files. */
  list(): RegionEntry[] {
    return this.templates.map((template) => this.entry(template));
  }

  /**
   * Checks and keeps a region file the user picked. The same file again changes nothing; a newer version
   * replaces the loaded one; an older one, or the same version with other content, is refused.
   */
  load(fileName: string, text: string): { region: RegionEntry; replacedVersion: number | null; unchanged: boolean } {
    const template = validateUserRegionText(text, fileName, this.builtIns);
    const templateJson = JSON.stringify(template);
    const loaded = this.files.get(template.id);
    if (loaded) {
      if (template.version === loaded.version && loaded.templateJson === templateJson) {
        return { region: this.entry(this.templateOf(template.id)), replacedVersion: null, unchanged: true };
      }
      if (template.version <= loaded.version) {
        throw new UserError(
          'region-file-version',
          `地区文件「${fileName}」格式不正确：version 应大于已载入的版本 ${loaded.version}（已载入的「${loaded.name}」来自「${loaded.fileName}」）。修改了地区模板时请把 version 加 1 后再载入。`,
          `${fileName}: version ${template.version} <= loaded ${loaded.version} of ${template.id}`,
        );
      }
    }
    const stored = this.store.putRegionFile({ id: template.id, version: template.version, name: template.name, templateJson, fileName });
    this.files.set(template.id, stored);
    const finished = finishRegionTemplate(template);
    const at = this.templates.findIndex((candidate) => candidate.id === template.id);
    if (at >= 0) this.templates.splice(at, 1, finished);
    else this.templates.push(finished);
    this.sort();
    this.log?.(`region file ${fileName} loaded as ${template.id} v${template.version}${loaded ? ` (replaces v${loaded.version})` : ''}`);
    return { region: this.entry(finished), replacedVersion: loaded?.version ?? null, unchanged: false };
  }

  /** Removes a loaded region no draft uses. */
  remove(id: RegionId): void {
    const builtIn = this.builtIns.find((template) => template.id === id);
    if (builtIn) {
      throw new UserError('region-file-builtin', `「${builtIn.name}」是软件自带的地区，不能删除。`, `remove built-in ${id}`);
    }
    const loaded = this.files.get(id);
    if (!loaded) throw new UserError('region-file-unknown', '没有载入这个地区模板，可能已被删除。', `remove unknown ${id}`);
    const drafts = this.store.draftsOfRegion(id);
    if (drafts.length > 0) {
      const names = drafts.slice(0, 5).map((draft) => `「${draft.name || '（未命名草稿）'}」${draft.inTrash ? '（在回收站中）' : ''}`);
      throw new UserError(
        'region-file-in-use',
        `地区模板「${loaded.name}」还有 ${drafts.length} 份草稿在使用：${names.join('、')}${drafts.length > 5 ? ' 等' : ''}。请先把这些草稿转到其他地区或彻底删除，再删除此地区模板。`,
        `remove ${id}: used by ${drafts.map((draft) => draft.id).join(', ')}`,
      );
    }
    this.store.deleteRegionFile(id);
    this.files.delete(id);
    const at = this.templates.findIndex((template) => template.id === id);
    if (at >= 0) this.templates.splice(at, 1);
    this.log?.(`region file ${loaded.fileName} (${id} v${loaded.version}) removed`);
  }

  private templateOf(id: RegionId): RegionTemplate {
    const template = this.templates.find((candidate) => candidate.id === id);
    if (!template) throw new Error(`region ${id} is not in the library`);
    return template;
  }

  private entry(template: RegionTemplate): RegionEntry {
    const file = this.files.get(template.id);
    return {
      id: template.id,
      name: template.name,
      shortName: template.shortName,
      version: template.version,
      fromFile: Boolean(file),
      fileName: file?.fileName ?? null,
      loadedAt: file?.loadedAt ?? null,
      drafts: this.store.draftsOfRegion(template.id),
    };
  }

  /** Built-ins first, each group in list order: a loaded copy of a built-in must not sit among the built-ins. */
  private sort(): void {
    const fromFile = (template: RegionTemplate) => Number(this.files.has(template.id));
    this.templates.sort(
      (a, b) => fromFile(a) - fromFile(b) || a.package.listOrder - b.package.listOrder || a.id.localeCompare(b.id),
    );
  }
}
