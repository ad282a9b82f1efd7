import type { FindingTarget, RuleNumbers, RuleStatus } from '../../../shared/checks';
import type { PlaceIndex, Registration } from '../../../shared/derive';
import { filledRows, leadRowOf, registrationOf } from '../../../shared/derive';
import type { Draft, TableRow } from '../../../shared/draft';
import { memberKeys } from '../../../shared/draft';
import type { FieldDef, RegionTemplate, RuleCheck, TableId } from '../../../shared/region-template';
import { normalizeUscc } from '../../../shared/validation';
import type { CheckContext } from '../context';

/** 联合体牵头单位 on the form's first page; the member table's lead row should name the same unit. */
export const leadUnitKey = 'leadUnit';

/** A rule's verdict before it is dressed as a RuleResult. */
export interface Evaluation {
  status: RuleStatus;
  message: string;
  numbers: RuleNumbers;
  /** Where the failure is: defaults to the member table. */
  target?: FindingTarget;
  /** One finding per offending cell, instead of one for the rule. */
  cells?: { rowId: string; column: string; message: string; table?: TableId }[];
}

export type CheckOf<K extends RuleCheck['kind']> = Extract<RuleCheck, { kind: K }>;

/** One rule kind's evaluator: the check's parameters and what the draft holds, to a verdict. */
export type Evaluator<K extends RuleCheck['kind']> = (check: CheckOf<K>, input: RuleInput) => Evaluation;

/** What the rules read from the draft, computed once per check. */
export class RuleInput {
  readonly members: TableRow[];
  readonly lead: TableRow | null;
  private readonly registrations = new Map<TableRow, Registration>();

  constructor(
    readonly template: RegionTemplate,
    readonly draft: Draft,
    readonly context: CheckContext,
    readonly places: PlaceIndex,
  ) {
    this.members = filledRows(draft.tables.members);
    this.lead = leadRowOf(draft);
  }

  /** 「第3行（某某公司）」: the row number as the table shows it (blank rows included). */
  rowLabel(row: TableRow, table: TableId = 'members'): string {
    const index = (this.draft.tables[table] ?? []).indexOf(row);
    const name = (row.values[memberKeys.name] ?? '').trim();
    return `第${index + 1}行${name ? `（${name}）` : ''}`;
  }

  field(key: string): FieldDef | undefined {
    return this.template.fields.find((field) => field.key === key);
  }

  /** The lead's name from the member table, else from the form's 联合体牵头单位 field. */
  leadName(): string {
    return (this.lead?.values[memberKeys.name] ?? '').trim() || (this.draft.fields[leadUnitKey] ?? '').trim();
  }

  /** Where a member is registered, decided once per row (registrationOf). */
  registration(row: TableRow): Registration {
    let registration = this.registrations.get(row);
    if (!registration) {
      registration = registrationOf(row, this.places);
      this.registrations.set(row, registration);
    }
    return registration;
  }
}

export const noMembers: Evaluation = { status: 'unknown', message: '尚未填写成员单位，暂无法判断', numbers: {} };

export function usccOf(row: TableRow): string {
  return normalizeUscc(row.values[memberKeys.uscc] ?? '');
}

export function unitTypeOf(row: TableRow): string {
  return (row.values[memberKeys.unitType] ?? '').trim();
}

/** Names that mean "inside the region" for a code prefix: the template's own names where they apply. */
export function regionNames(template: RegionTemplate, regionCode: string, extra: string[] = []): string[] {
  const own = regionCode === template.divisionPrefix ? [template.name, template.shortName] : [];
  return [...own, ...extra];
}
