import { errorProblem, type ValueProblem } from './result';
import { toHalfWidth } from './sanitize';

/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
 * 登记管理部门码 (1), 机构类别码 (1), 登记管理机关行政区划码 (6), 主体标识码 (9), 校验码 (1).
 */

/** The code's alphabet: digits and capitals without I, O, Z, S, V, which are too easily misread. */
const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const usccLength = 18;
/** Text normalizeUscc gives back as it is. */
const plainCode = /^[0-9A-Z]*$/;
/** Only characters of the alphabet (the same set as charset). */
const inCharset = /^[0-9A-HJ-NP-RTUW-Y]*$/;

/**
 * Trims, turns full-width characters half-width, upper-cases and drops inner white space, since codes are
 * often copied from licences and PDFs with a stray space or typed with a Chinese input method.
 */
export function normalizeUscc(value: string): string {
  // Digits and capitals only (how codes nearly always arrive) are normalized already.
  if (plainCode.test(value)) return value;
  return toHalfWidth(value).replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters, or null when they are not 17 characters of the alphabet. */
export function usccCheckChar(first17: string): string | null {
  const body = normalizeUscc(first17);
  if (body.length !== usccLength - 1) return null;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const index = charset.indexOf(body[i]);
    if (index < 0) return null;
    sum += index * weights[i];
  }
  // 31 - (sum mod 31) is 1..31; the standard maps 31 to 0.
  return charset[(31 - (sum % 31)) % 31];
}

export function checkUscc(value: string): ValueProblem[] {
  const code = normalizeUscc(value);
  if (code === '') return [];
  const problems: ValueProblem[] = [];
  if (code.length !== usccLength) {
    problems.push(errorProblem('uscc.length', `统一社会信用代码应为18位，当前为 ${code.length} 位`));
  }
  const bad = inCharset.test(code) ? [] : [...new Set([...code].filter((ch) => !charset.includes(ch)))];
  if (bad.length > 0) {
    problems.push(
      errorProblem(
        'uscc.charset',
        `统一社会信用代码含有不允许的字符：${bad.join('、')}（只能是数字和除 I、O、Z、S、V 以外的大写字母）`,
      ),
    );
  }
  if (problems.length > 0) return problems;

  const expected = usccCheckChar(code.slice(0, usccLength - 1));
  if (expected !== null && expected !== code[usccLength - 1]) {
    // An error, like a wrong ID check digit: the check character exists to catch a mistyped character.
    problems.push(
      errorProblem('uscc.checkChar', `统一社会信用代码校验位不符（按前17位计算应为 ${expected}），请对照营业执照或登记证书核对`),
    );
  }
  return problems;
}

/**
 * Characters 3–8: the six-digit GB/T 2260 division code of the registering authority, from which the
 * unit's 注册地 is derived. Null unless the code is 18 characters long and those six are digits.
 */
export function usccDivisionCode(value: string): string | null {
  const code = normalizeUscc(value);
  if (code.length !== usccLength) return null;
  const division = code.slice(2, 8);
  return /^\d{6}$/.test(division) ? division : null;
}

/**
 * GB 32100-2015 表1: the registering department (登记管理部门码, character 1) and the kind of organisation
 * it registers (机构类别码, character 2). The pair tells what a unit legally is, whatever 单位类型 says.
 */
export const usccCategories: Record<string, string> = {
  '11': '机关',
  '12': '事业单位',
  '13': '中央编办直接管理机构编制的群众团体',
  '19': '机构编制部门登记的其他机构',
  '21': '外国常驻新闻机构',
  '29': '外交部门登记的其他机构',
  '31': '律师执业机构',
  '32': '公证处',
  '33': '基层法律服务所',
  '34': '司法鉴定机构',
  '35': '仲裁委员会',
  '39': '司法行政部门登记的其他机构',
  '41': '外国在华文化中心',
  '49': '文化部门登记的其他机构',
  '51': '社会团体',
  '52': '民办非企业单位',
  '53': '基金会',
  '59': '民政部门登记的其他机构',
  '61': '外国旅游部门常驻代表机构',
  '62': '港澳台地区旅游部门常驻内地（大陆）代表机构',
  '69': '旅游部门登记的其他机构',
  '71': '宗教活动场所',
  '72': '宗教院校',
  '79': '宗教部门登记的其他机构',
  '81': '基层工会',
  '89': '工会登记的其他机构',
  '91': '企业',
  '92': '个体工商户',
  '93': '农民专业合作社',
  A1: '军队事业单位',
  A9: '中央军委改革和编制办公室登记的其他机构',
  N1: '组级集体经济组织',
  N2: '村级集体经济组织',
  N3: '乡镇级集体经济组织',
  N9: '农业部门登记的其他机构',
  Y1: '其他',
};

/** Characters 1–2 and what they say the unit is, or null when the code does not start with a known pair. */
export function usccCategory(value: string): { code: string; name: string } | null {
  const code = normalizeUscc(value).slice(0, 2);
  const name = usccCategories[code];
  return name === undefined ? null : { code, name };
}

/**
 * The GB 32100 categories each 单位类型 is registered under: enterprises by the market regulator (91);
 * universities and institutes mostly as 事业单位 (12), private ones as 民办非企业单位 (52), military ones
 * as 军队事业单位 (A1). 其他机构 (service, finance, testing bodies …) may be any of them, so it is not listed.
 */
const categoriesByUnitType: Record<string, string[]> = {
  企业: ['91'],
  高校: ['12', '52', 'A1'],
  科研院所: ['12', '52', 'A1'],
};

/** False when the code's characters 1–2 say the unit is something the chosen 单位类型 is not. */
export function unitTypeMatchesUsccCategory(unitType: string, categoryCode: string): boolean {
  const expected = categoriesByUnitType[unitType.trim()];
  return expected === undefined || expected.includes(categoryCode);
}
