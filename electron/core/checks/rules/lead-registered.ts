import type { FindingTarget, RuleNumbers } from '../../../shared/checks';
import { describeRegistration, registrationInRegion } from '../../../shared/derive';
import { memberKeys } from '../../../shared/draft';
import type { Evaluator } from './input';
import { noMembers, regionNames } from './input';

/**
 * 「自治区境内注册」: decided from the lead's registration (its USCC's division code, refined or overridden
 * by a 注册地 that names a place); undecided only when neither tells.
 */
export const leadRegistered: Evaluator<'leadRegistered'> = (check, input) => {
  const lead = input.lead;
  if (!lead) return noMembers;
  const registration = input.registration(lead);
  const numbers: RuleNumbers = { 要求: `注册在${check.placeName}` };
  const names = regionNames(input.template, check.regionCode, [check.placeName]);
  const inside = registrationInRegion(registration, check.regionCode, names);
  if (registration.code === null && inside === null) {
    return {
      status: 'unknown',
      message:
        registration.typed === ''
          ? '牵头单位的注册地未知：请填写其统一社会信用代码（第3–8位为登记机关行政区划代码）'
          : `无法从「${registration.typed}」判断牵头单位的注册地，且统一社会信用代码无法读出行政区划：请核对统一社会信用代码，或把注册地写为“省＋市＋区县”`,
      numbers,
      target: { kind: 'cell', table: 'members', rowId: lead.id, column: memberKeys.uscc },
    };
  }
  const where = describeRegistration(registration, input.places);
  numbers['牵头单位注册地'] = where;
  const target: FindingTarget = {
    kind: 'cell',
    table: 'members',
    rowId: lead.id,
    column: registration.typedCode !== null ? memberKeys.registrationPlace : memberKeys.uscc,
  };
  if (inside === true) return { status: 'pass', message: `牵头单位注册地为 ${where}，在${check.placeName}`, numbers };
  if (inside === false) {
    return { status: 'fail', message: `牵头单位注册地为 ${where}，不在${check.placeName}`, numbers, target };
  }
  return {
    status: 'unknown',
    message: `牵头单位注册地为 ${where}，据此无法判断是否在${check.placeName}：请在注册地中写明所在区县`,
    numbers,
    target: { kind: 'cell', table: 'members', rowId: lead.id, column: memberKeys.registrationPlace },
  };
};
