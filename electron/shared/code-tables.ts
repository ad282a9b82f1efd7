/** The national code lists behind the 行业类别 and 国标学科 pickers. */
export type CodeTableKind = 'industry' | 'discipline';

export interface CodeItem {
  code: string;
  name: string;
  level: number;
  /** Names from the top level down to this entry. */
  path: string[];
}
