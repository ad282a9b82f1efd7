import type { Finding } from '../../shared/checks';
import type { CodeEntry, PlaceIndex } from '../../shared/derive';
import { describeDivision, divisionText, filledRows, registrationOf } from '../../shared/derive';
import type { Draft } from '../../shared/draft';
import { memberKeys } from '../../shared/draft';
import type { FieldDef, RegionTemplate } from '../../shared/region-template';
import { unitTypeMatchesUsccCategory, usccCategory, validateValue } from '../../shared/validation';
import type { FindingIds } from './finding-ids';

/**
 * Value checks: every field and cell against its definition (type, required, 字 limit, options), code
 * values against the national lists, and what a member's USCC says against what was typed beside it
 * (单位类型, 注册地).
 */

/** The label a message names a field by: the full one where the printed label is ambiguous. */
export function fieldLabel(field: Pick<FieldDef, 'label' | 'fullLabel'>): string {
  return field.fullLabel ?? field.label;
}

const codeListNames = { industry: 'GB/T 4754-2017《国民经济行业分类》', discipline: 'GB/T 13745-2009《学科分类与代码》' } as const;

function codeNotListed(entry: CodeEntry): string {
  return `代码「${entry.code}」不在 ${codeListNames[entry.kind]}中，请从列表中选择`;
}

export function validateFields(template: RegionTemplate, draft: Draft, codes: CodeEntry[], ids: FindingIds): Finding[] {
  const findings: Finding[] = [];
  for (const field of template.fields) {
    const problems = validateValue(field.type, draft.fields[field.key] ?? '', {
      // A derived field is filled from the tables when left empty, so leaving it empty is no omission.
      required: field.required && !field.derived,
      maxChars: field.maxChars,
      options: field.options,
      maxItems: field.maxItems,
    });
    const label = fieldLabel(field);
    for (const problem of problems) {
      findings.push({
        id: ids.next(`field:${field.key}:${problem.code}`),
        step: field.step,
        target: { kind: 'field', key: field.key },
        severity: problem.severity,
        message: `${label}：${problem.message}`,
      });
    }
    const entry = codes.find((candidate) => candidate.where.kind === 'field' && candidate.where.key === field.key);
    if (problems.length === 0 && entry && entry.name === null) {
      findings.push({
        id: ids.next(`field:${field.key}:code.notListed`),
        step: field.step,
        target: { kind: 'field', key: field.key },
        severity: 'error',
        message: `${label}：${codeNotListed(entry)}`,
      });
    }
  }
  return findings;
}

export function validateTables(template: RegionTemplate, draft: Draft, codes: CodeEntry[], ids: FindingIds): Finding[] {
  const findings: Finding[] = [];
  const cellCodes = new Map<string, CodeEntry>();
  for (const entry of codes) {
    if (entry.where.kind === 'cell') cellCodes.set(`${entry.where.table}:${entry.where.rowId}:${entry.where.column}`, entry);
  }
  for (const table of template.tables) {
    const rows = draft.tables[table.key] ?? [];
    rows.forEach((row, index) => {
      for (const column of table.columns) {
        const problems = validateValue(column.type, row.values[column.key] ?? '', {
          required: column.required,
          maxChars: column.maxChars,
          options: column.options,
          maxItems: column.maxItems,
        });
        const where = `${table.label}第${index + 1}行「${fieldLabel(column)}」`;
        for (const problem of problems) {
          findings.push({
            id: ids.next(`cell:${table.key}:${row.id}:${column.key}:${problem.code}`),
            step: table.step,
            target: { kind: 'cell', table: table.key, rowId: row.id, column: column.key },
            severity: problem.severity,
            message: `${where}：${problem.message}`,
          });
        }
        const entry = cellCodes.get(`${table.key}:${row.id}:${column.key}`);
        if (problems.length === 0 && entry && entry.name === null) {
          findings.push({
            id: ids.next(`cell:${table.key}:${row.id}:${column.key}:code.notListed`),
            step: table.step,
            target: { kind: 'cell', table: table.key, rowId: row.id, column: column.key },
            severity: 'error',
            message: `${where}：${codeNotListed(entry)}`,
          });
        }
      }
    });
  }
  return findings;
}

/**
 * What each member's USCC says against what was typed beside it: characters 1–2 (GB 32100 机构类别) against
 * 单位类型, characters 3–8 (the registering authority's division) against 注册地. Both are warnings — the user
 * may know better (a unit that moved) — but the user must see both.
 */
export function usccCrossChecks(template: RegionTemplate, draft: Draft, places: PlaceIndex, ids: FindingIds): Finding[] {
  const table = template.tables.find((candidate) => candidate.key === 'members');
  if (!table) return [];
  const all = draft.tables.members ?? [];
  const findings: Finding[] = [];
  for (const row of filledRows(all)) {
    const index = all.indexOf(row);
    const name = (row.values[memberKeys.name] ?? '').trim();
    const rowText = `${table.label}第${index + 1}行${name ? `（${name}）` : ''}`;
    const type = (row.values[memberKeys.unitType] ?? '').trim();
    const category = usccCategory(row.values[memberKeys.uscc] ?? '');
    if (type !== '' && category && !unitTypeMatchesUsccCategory(type, category.code)) {
      findings.push({
        id: ids.next(`cell:members:${row.id}:${memberKeys.unitType}:uscc.category`),
        step: table.step,
        target: { kind: 'cell', table: 'members', rowId: row.id, column: memberKeys.unitType },
        severity: 'warning',
        message: `${rowText}：单位类型为「${type}」，但统一社会信用代码第1–2位「${category.code}」表示${category.name}，请核对单位类型或代码`,
      });
    }
    const registration = registrationOf(row, places);
    if (registration.conflict && registration.usccCode && registration.typedCode) {
      findings.push({
        id: ids.next(`cell:members:${row.id}:${memberKeys.registrationPlace}:registration.conflict`),
        step: table.step,
        target: { kind: 'cell', table: 'members', rowId: row.id, column: memberKeys.registrationPlace },
        severity: 'warning',
        message: `${rowText}：注册地「${registration.typed}」（${divisionText(registration.typedCode, places)}）与统一社会信用代码第3–8位 ${describeDivision(registration.usccCode, places)} 不一致；按填写的注册地判断，请核对`,
      });
    }
  }
  return findings;
}
