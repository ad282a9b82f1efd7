import type { RegionId, TableId } from './region-template';

/** What copying a draft to another region carries, drops, adds and rewrites (see core/checks/copy-to-region). */
export interface FieldRef {
  key: string;
  label: string;
}

/** A field with a value that the new region does not ask for; the value is shown, not carried. */
export interface DroppedField extends FieldRef {
  value: string;
}

export interface DroppedColumn extends FieldRef {
  /** Rows with a value in this column. */
  filledRows: number;
}

/** A value rewritten for the new region (a tier, a platform level), or one with no counterpart (`to` null). */
export interface ValueChange {
  table: TableId;
  /** The row's id in the source draft. */
  rowId: string;
  /** 1-based, as the table shows it. */
  rowNumber: number;
  column: string;
  columnLabel: string;
  from: string;
  /** Null: kept as typed, though it is not one of the new region's options; the checks will point at it. */
  to: string | null;
}

/** Columns (or fields) whose values were split or joined: 职务/职称 ↔ 职务 + 职称. */
export interface Conversion {
  /** Absent for fields. */
  table?: TableId;
  from: FieldRef[];
  to: FieldRef[];
}

export interface RegionCopyPlan {
  from: RegionId;
  to: RegionId;
  /** Field keys whose (non-empty) values are carried. */
  carried: string[];
  /** Fields holding a value the new region has no place for. */
  dropped: DroppedField[];
  /** Fields the new region asks for that the old one did not: to be filled after the copy. */
  added: FieldRef[];
  columnsDropped: Record<TableId, DroppedColumn[]>;
  columnsAdded: Record<TableId, FieldRef[]>;
  /** Whole tables with rows that the new region does not have (理事会 outside Zhejiang). */
  tablesDropped: { table: TableId; label: string; rows: number }[];
  conversions: Conversion[];
  valueChanges: ValueChange[];
}

