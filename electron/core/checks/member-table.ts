import type { Finding, FindingTarget } from '../../shared/checks';
import { filledRows, leadRowOf, normalizeUnitName, printedMembersMax, tooManyMainMembers } from '../../shared/derive';
import type { Draft } from '../../shared/draft';
import { memberKeys, yes } from '../../shared/draft';
import type { RegionTemplate } from '../../shared/region-template';
import { leadUnitKey } from './rules/input';

/**
 * The printed form's 20 members (「若成员单位超过20家，则只需填写主要成员单位的有关情况」): too many marked main
 * is an error, and export refuses it for the same reason (tooManyMainMembers); none marked prints the first 20.
 */
export function printedMembersFindings(template: RegionTemplate, draft: Draft): Finding[] {
  const table = template.tables.find((t) => t.key === 'members');
  if (!table) return [];
  const max = printedMembersMax(template);
  const members = filledRows(draft.tables.members);
  if (max === null || members.length <= max) return [];
  const target: FindingTarget = { kind: 'table', table: 'members' };
  const tooMany = tooManyMainMembers(template, draft);
  if (tooMany) {
    return [
      {
        id: 'members:tooManyMain',
        step: table.step,
        target,
        severity: 'error',
        message: `${tooMany.message}。超出时无法导出申请表`,
        numbers: { 主要成员单位: tooMany.main, 含牵头单位: tooMany.main + 1, 上限: max },
      },
    ];
  }
  const lead = leadRowOf(draft);
  const mainCount = members.filter((row) => row !== lead && (row.values[memberKeys.main] ?? '').trim() === yes).length;
  if (mainCount > 0) return [];
  const hasMainColumn = table.columns.some((column) => column.key === memberKeys.main);
  return [
    {
      id: 'members:noMainMarked',
      step: table.step,
      target,
      severity: 'warning',
      message: hasMainColumn
        ? `成员单位共 ${members.length} 家，超过 ${max} 家。申请表只填写主要成员单位，目前将打印前 ${max} 家；请在成员单位表中标记主要成员单位（完整名单作为附件提交）`
        : `成员单位共 ${members.length} 家，超过 ${max} 家。申请表只列前 ${max} 家，完整名单作为附件提交`,
      numbers: { 成员总数: members.length, 上限: max },
    },
  ];
}

/**
 * The cover and first table name the lead (联合体牵头单位), and so does row 1 of the member table; reviewers
 * compare them, and platform and council rules match on the member table's spelling.
 */
export function leadUnitMismatch(template: RegionTemplate, draft: Draft): Finding[] {
  const field = template.fields.find((f) => f.key === leadUnitKey);
  const lead = leadRowOf(draft);
  if (!field || !lead) return [];
  const typed = (draft.fields[leadUnitKey] ?? '').trim();
  const listed = (lead.values[memberKeys.name] ?? '').trim();
  if (typed === '' || listed === '' || normalizeUnitName(typed) === normalizeUnitName(listed)) return [];
  return [
    {
      id: 'leadUnit:mismatch',
      step: field.step,
      target: { kind: 'field', key: leadUnitKey },
      severity: 'warning',
      message: `${field.label}「${typed}」与成员单位表中的牵头单位「${listed}」名称不一致`,
    },
  ];
}
