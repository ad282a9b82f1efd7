import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseProjectFile, projectDraftToDraft } from '../../../electron/core/project/project-file';
import { getRegionTemplate, loadRegionTemplates, resourcesDir } from '../../../electron/core/regions/templates';
import type { Draft, TableRow } from '../../../electron/shared/draft';
import type { RegionId, RegionTemplate } from '../../../electron/shared/region-template';
import { usccCheckChar } from '../../../electron/shared/validation';
import { effectiveTemplate } from '../../../electron/shared/region-settings';

/**
 * The documents are tested on the example projects (what users open first) and on drafts grown from them:
 * 60 members, a 500-字 goal, names with characters HTML and file systems treat specially.
 */

/** The regions whose files ship (each has an example project). */
export const allRegions: readonly RegionId[] = loadRegionTemplates().map((template) => template.id);

/** The template the region's example is printed against: a region the user sets takes the example's 地区设置. */
export function templateOf(regionId: RegionId): RegionTemplate {
  const template = getRegionTemplate(regionId);
  return template.userSettings ? effectiveTemplate(template, exampleDraft(regionId).regionSettings) : template;
}

export function exampleDraft(regionId: RegionId): Draft {
  const project = parseProjectFile(readFileSync(join(resourcesDir(), 'examples', `${regionId}.json`), 'utf8'));
  let n = 0;
  return projectDraftToDraft(project.drafts[0], () => `${regionId}-row-${++n}`);
}

/** A valid 统一社会信用代码 registered in `division`; `serial` makes it unique. */
export function uscc(division: string, serial: number): string {
  const first17 = `91${division}${String(serial).padStart(9, '0')}`;
  return first17 + usccCheckChar(first17);
}

/** The example with `count` members in all: the example's own first, then numbered enterprises across the tiers. */
export function withMembers(regionId: RegionId, count: number, options: { markMain?: number } = {}): Draft {
  const draft = exampleDraft(regionId);
  const template = templateOf(regionId);
  const members: TableRow[] = draft.tables.members.slice(0, Math.min(count, draft.tables.members.length));
  for (let i = members.length; i < count; i++) {
    members.push({
      id: `extra-${i}`,
      values: {
        name: `测试成员单位第${String(i + 1).padStart(2, '0')}号有限公司`,
        uscc: uscc(`${template.divisionPrefix}0102`, 5000 + i),
        role: `第${i + 1}家成员单位，负责配套研发与应用验证。`,
        unitType: '企业',
        tier: template.tiers[1 + (i % (template.tiers.length - 1))],
        highTech: '是',
        main: '否',
        legalRepName: `法人${i + 1}`,
      },
    });
  }
  // Mark the first `markMain` non-lead members as 主要成员单位, the rest not.
  if (options.markMain !== undefined) {
    members.forEach((member, index) => {
      if (index > 0) member.values = { ...member.values, main: index <= options.markMain! ? '是' : '否' };
    });
  }
  return { ...draft, tables: { ...draft.tables, members } };
}

/** Exactly `chars` 字 of text that says where it is, so a cut is visible: 「第001句……」. */
export function longText(chars: number, marker = '目标'): string {
  let text = '';
  for (let i = 1; text.length < chars; i++) text += `第${String(i).padStart(3, '0')}句${marker}内容完整不得截断。`;
  return text.slice(0, chars - 1) + '终';
}

export function withField(draft: Draft, key: string, value: string): Draft {
  return { ...draft, fields: { ...draft.fields, [key]: value } };
}
