import { Alert, Space, Typography } from 'antd';
import { memo, useCallback, useMemo } from 'react';
import type { DerivedValues } from '../../../electron/shared/checks';
import type { Draft, TableRow, Values } from '../../../electron/shared/draft';
import { printedMembers, printedMembersMax } from '../../../electron/shared/derive';
import type { RegionTemplate, TableDef, TableId } from '../../../electron/shared/region-template';
import type { FocusRequest } from '../components/grid/DataGrid';
import { CollectionButton } from '../components/CollectionDialog';
import { ExcelTools } from '../components/ExcelTools';
import { DataGrid } from '../components/grid/DataGrid';
import { gridColumnsOf } from '../components/grid/grid-columns';
import type { WorkbookTable } from '../../../electron/shared/workbooks';
import { workbookTables } from '../../../electron/shared/workbooks';
import type { DraftActions } from '../state/use-draft';
import { rowKeyOf } from '../state/use-draft';

function isWorkbookTable(table: TableId): table is WorkbookTable {
  return (workbookTables as readonly string[]).includes(table);
}

/** A table step (成员单位, 科研团队, 科研平台): each of its tables as a spreadsheet grid. */
export function TablesStep(props: {
  template: RegionTemplate;
  tables: TableDef[];
  draft: Draft;
  derived: DerivedValues;
  actions: DraftActions;
  focus: Partial<Record<TableId, FocusRequest>>;
  maxHeight: number;
  onError: (message: string) => void;
  /** After an Excel import changed rows in the core: read the draft back. */
  onReload: () => void;
}) {
  const { template, tables, draft, derived } = props;
  return (
    <div>
      {tables.map((table) => (
        <div key={table.key} className="table-section">
          <TableHeading table={table} template={template} draftId={draft.id} onReload={props.onReload} />
          {table.key === 'members' && <MembersSummary template={template} draft={draft} derived={derived} table={table} />}
          {table.key === 'platforms' && (
            <PlatformsSummary national={derived.nationalPlatformCount} provincial={derived.provincialPlatformCount} />
          )}
          {table.key !== 'members' && table.note && <TableNote note={table.note} />}
          <TableSection
            draftId={draft.id}
            table={table}
            rows={draft.tables[table.key]}
            actions={props.actions}
            focus={props.focus[table.key] ?? null}
            maxHeight={props.maxHeight}
            onError={props.onError}
          />
        </div>
      ))}
    </div>
  );
}

/** Platform counts; they change with the platform table only, so typing elsewhere does not redraw them. */
const PlatformsSummary = memo(function PlatformsSummary({ national, provincial }: { national: number; provincial: number }) {
  return (
    <div className="table-summary" data-testid="platforms-summary">
      <span>
        国家级平台 <strong>{national}</strong> 个
      </span>
      <span>
        省级（含自治区级、市级）平台 <strong>{provincial}</strong> 个
      </span>
      <Typography.Text type="secondary">“基本信息”中的平台数量按此自动计算</Typography.Text>
    </div>
  );
});

/** The table's note from the template: fixed text, drawn once. */
const TableNote = memo(function TableNote({ note }: { note: string }) {
  return <Alert type="info" showIcon message={note} style={{ marginBottom: 10 }} />;
});

/** Binds the draft's actions to one table, so the grid gets callbacks that stay the same while typing. */
const TableSection = memo(function TableSection(props: {
  draftId: string;
  table: TableDef;
  rows: TableRow[];
  actions: DraftActions;
  focus: FocusRequest | null;
  maxHeight: number;
  onError: (message: string) => void;
}) {
  const { table, actions } = props;
  const key = table.key;
  const columns = useMemo(() => gridColumnsOf(table.columns), [table]);
  const onCellChange = useCallback(
    (rowId: string, column: string, value: string) => actions.updateCell(key, rowId, column, value),
    [actions, key],
  );
  const onSetBlock = useCallback(
    (startRow: number, keys: string[], matrix: string[][]) => actions.setBlock(key, startRow, keys, matrix),
    [actions, key],
  );
  const onInsertRows = useCallback(
    (atIndex: number, rows: Values[]) => actions.insertRows(key, atIndex, rows),
    [actions, key],
  );
  const onDeleteRows = useCallback((rowIds: string[]) => actions.deleteRows(key, rowIds), [actions, key]);
  const onMoveRow = useCallback((rowId: string, toIndex: number) => actions.moveRow(key, rowId, toIndex), [actions, key]);
  return (
    <DataGrid
      gridId={key}
      historyKey={`${props.draftId}:${key}`}
      label={table.label}
      columns={columns}
      rows={props.rows}
      onCellChange={onCellChange}
      onSetBlock={onSetBlock}
      onInsertRows={onInsertRows}
      rowKey={rowKeyOf}
      onDeleteRows={onDeleteRows}
      onMoveRow={onMoveRow}
      onError={props.onError}
      focusRequest={props.focus}
      maxHeight={props.maxHeight}
    />
  );
});

/** The table's heading as printed, with its Excel tools (and 信息采集 for members). */
const TableHeading = memo(function TableHeading(props: {
  table: TableDef;
  template: RegionTemplate;
  draftId: string;
  onReload: () => void;
}) {
  const { table, template, draftId } = props;
  return (
    <div className="table-heading">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {table.heading ?? table.label}
      </Typography.Title>
      {isWorkbookTable(table.key) && (
        <Space size={4}>
          {table.key === 'members' && <CollectionButton draftId={draftId} onApplied={props.onReload} />}
          <ExcelTools draftId={draftId} regionId={template.id} table={table.key} label={table.label} onImported={props.onReload} />
        </Space>
      )}
    </div>
  );
});

/** Counts and shares of the member table; drawn again only when the member table changes. */
const MembersSummary = memo(
  function MembersSummary({
  template,
  draft,
  derived,
  table,
}: {
  template: RegionTemplate;
  draft: Draft;
  derived: DerivedValues;
  table: TableDef;
}) {
  const max = printedMembersMax(template);
  const printed = useMemo(() => (max !== null && derived.memberCount > max ? printedMembers(template, draft).length : null), [
    template,
    draft,
    derived.memberCount,
    max,
  ]);
  return (
    <>
      <div className="table-summary" data-testid="members-summary">
        <span>
          成员总数 <strong>{derived.memberCount}</strong> 家（含牵头单位）
        </span>
        <span>
          企业 <strong>{derived.enterpriseCount}</strong> 家（{derived.enterpriseShare}%）
        </span>
        <span>
          其中高新技术企业 <strong>{derived.highTechCount}</strong> 家（占企业 {derived.highTechShare}%）
        </span>
        <span>
          高校 <strong>{derived.universityCount}</strong> 家
        </span>
        <span>
          科研院所 <strong>{derived.instituteCount}</strong> 家
        </span>
        <span>
          注册在{template.shortName} <strong>{derived.registeredInRegionCount}</strong> 家（{derived.registeredShare}%）
        </span>
      </div>
      <Alert
        type={printed !== null ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 10 }}
        message={
          <>
            第 1 行填写牵头单位。{table.note ?? ''}
            {printed !== null &&
              ` 当前共 ${derived.memberCount} 家，申请表将列出牵头单位和标为“是否主要成员单位：是”的单位共 ${printed} 家（最多 ${max} 家），全部名单随附 Excel。`}
          </>
        }
      />
    </>
  );
},
  (before, after) =>
    before.template === after.template &&
    before.table === after.table &&
    before.derived === after.derived &&
    before.draft.tables.members === after.draft.tables.members,
);
