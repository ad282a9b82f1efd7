import type { RegionId, StepId, TableId } from './region-template';
import type { RegionSettings } from './region-settings';

/**
 * Every value is kept as the string the user typed (or pasted, or imported), so nothing they entered is
 * lost to a parse; validators interpret it. Multi-select values are letters or options joined by ','.
 */
export type Values = Record<string, string>;

/** One row of a repeating table (成员单位, 科研团队, 科研平台, 理事会). */
export interface TableRow {
  id: string;
  values: Values;
}

/** Each table's name as the forms print it, for messages about a table as a whole. */
export const tableNames: Record<TableId, string> = {
  members: '成员单位',
  team: '科研团队',
  platforms: '科研平台',
  council: '理事会',
};

export interface Draft {
  id: string;
  regionId: RegionId;
  /** The version of the region template the draft was last saved against. */
  templateVersion: number;
  /** The region file (地区模板文件) its region came from, by file name; null for a built-in region (absent outside the store). */
  regionFile?: string | null;
  createdAt: string;
  updatedAt: string;
  /** Set when the draft is in the trash (回收站). */
  deletedAt: string | null;
  fields: Values;
  tables: Record<TableId, TableRow[]>;
  /** What the user set for a region with `userSettings` (地区设置); null or absent for the built-in regions. */
  regionSettings?: RegionSettings | null;
}

export interface DraftSummary {
  id: string;
  regionId: RegionId;
  /** The region template's version the draft was made with (a region file may since have a newer one). */
  templateVersion: number;
  /** The region file its region came from; null for a built-in region. */
  regionFile: string | null;
  /** 创新联合体名称, or '' when not yet typed. */
  name: string;
  leadUnit: string;
  memberCount: number;
  /** 0–100, from the last check of the draft; null until it has been checked. */
  completeness: number | null;
  /** Eligibility verdict of the last check: 符合 / 不符合 / 尚无法判断. */
  eligible: 'pass' | 'fail' | 'unknown' | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface RevisionSummary {
  id: number;
  draftId: string;
  createdAt: string;
  /** Why it was taken: 'manual', 'auto', 'before-export', 'before-import', 'before-restore' … */
  cause: string;
  /** A short description for the history list. */
  label: string;
  /**
   * What differs from the draft's version before it (the first one: from an empty draft), given by
   * revisions.list for its newest entries; absent on older ones and on a revision just created.
   */
  changes?: RevisionChanges;
}

/** One table's rows in a revision against the version before it, matched by row id. */
export interface TableChanges {
  added: number;
  removed: number;
  /** Rows in both whose values differ. */
  changed: number;
  /** The rows kept are in another order. */
  reordered: boolean;
}

/** What one revision changed against the version before it, counted, not listed, so it stays small. */
export interface RevisionChanges {
  /** True for a draft's first revision, which is compared with an empty draft. */
  first: boolean;
  /** Fields whose value differs, by the step they are filled in ('other': keys the template does not have). */
  fields: Partial<Record<StepId | 'other', number>>;
  tables: Partial<Record<TableId, TableChanges>>;
}

/**
 * Keys every region template uses for the same thing, so that rules, derived values, documents and
 * copying a draft to another region can rely on them. A template may add keys of its own.
 */
export const fieldKeys = {
  consortiumName: 'consortiumName', // 创新联合体名称
  industryField: 'industryField', // 产业领域
  contactName: 'contactName', // 联系人
  contactPhone: 'contactPhone', // 联系电话
  fillDate: 'fillDate', // 填报日期
  agreementDate: 'agreementDate', // 协议生效时间
  goals: 'goals', // 技术创新目标（限500字）
} as const;

/** Column keys of the member table (成员单位) shared by all regions. */
export const memberKeys = {
  name: 'name', // 成员单位名称
  uscc: 'uscc', // 统一社会信用代码
  unitType: 'unitType', // 单位类型: 企业 / 高校 / 科研院所 / 其他机构
  tier: 'tier', // 层级: 牵头单位 / 核心层单位 / …
  highTech: 'highTech', // 是否高新技术企业
  main: 'main', // 是否主要成员单位 (printed on the form when more than 20)
  registrationPlace: 'registrationPlace', // 注册地 (division code; derived from the USCC unless typed)
  role: 'role', // 在行业中的地位，在联合体内分工（限200字）
} as const;

export const unitTypeEnterprise = '企业';
export const unitTypeUniversity = '高校';
export const unitTypeInstitute = '科研院所';
export const leadTier = '牵头单位';
export const yes = '是';
export const no = '否';
