import { UserError } from '../../shared/errors';
import { isUserConfigurable, parseRegionSettings, type RegionSettings } from '../../shared/region-settings';
import type { RegionTemplate } from '../../shared/region-template';
import { divisionName } from './division';

/**
 * The settings a draft of `template` is stored with: checked against what the template lets the user set
 * (and the place against the division list), null for a region without settings — where any given are dropped.
 * `namesRequired: false` lets a copy into the region start from its defaults, to be completed in 地区设置.
 */
export function settingsForRegion(
  template: RegionTemplate,
  raw: RegionSettings | undefined,
  options: { namesRequired?: boolean } = {},
): RegionSettings | null {
  if (!isUserConfigurable(template)) return null;
  if (raw === undefined) {
    throw new UserError('regionSettings.missing', `请先填写${template.name}的地区设置（专项/计划名称、主管部门等）。`, `${template.id}: no settings`);
  }
  const settings = parseRegionSettings(template, options.namesRequired === false ? withNamesForCheck(raw) : raw);
  if (settings.place && divisionName(`${settings.place.code}0000`) === null) {
    throw new UserError('regionSettings.invalid', `地区设置有误：所在地区代码「${settings.place.code}」不是省级行政区划代码。`, `place ${settings.place.code}`);
  }
  return options.namesRequired === false ? { ...settings, programmeName: raw.programmeName, department: raw.department } : settings;
}

/** Empty names pass the check of a copy's defaults; the documents show 「（专项/计划名称）」 until the user fills them. */
function withNamesForCheck(raw: RegionSettings): RegionSettings {
  return { ...raw, programmeName: raw.programmeName.trim() || '未设置', department: raw.department.trim() || '未设置' };
}
