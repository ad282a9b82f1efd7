/**
 * Completes the invented codes in the example projects (resources/examples/*.json) so that they pass the
 * same checks as real ones:
 * - a member's 统一社会信用代码 written as its first 8 characters (登记管理部门码, 机构类别码 and the
 *   six-digit division code, e.g. "91650100") gets a 主体标识码 derived from the unit's name, with its own
 *   GB 11714 check character, and the GB 32100-2015 check character; one written as 17 characters just
 *   gets the check character;
 * - a 身份证号 written as its first 17 digits gets its GB 11643 check character.
 * Complete codes are left alone, so the script can be run again after editing a file.
 *
 *   npx tsx scripts/make-example-uscc.ts fill resources/examples/*.json
 *   npx tsx scripts/make-example-uscc.ts uscc 91650100 新疆某某有限公司
 *   npx tsx scripts/make-example-uscc.ts idcard 15010219750312001
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { idCardCheckChar } from '../electron/shared/validation/idcard';
import { usccCheckChar } from '../electron/shared/validation/uscc';

/** GB 11714-1997 组织机构代码: weights of the 8 body characters; digits count 0–9, letters 10–35. */
const organizationCodeWeights = [3, 7, 9, 10, 5, 8, 4, 2];

function organizationCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * organizationCodeWeights[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** FNV-1a, so the same name always gets the same invented code. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (const ch of text) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** A complete USCC from its first 8 characters and the unit's name. */
function inventUscc(prefix8: string, name: string): string {
  if (!/^[1-9ANY][1-9]\d{6}$/.test(prefix8)) throw new Error(`USCC prefix must be 8 characters like 91650100, got "${prefix8}"`);
  const body8 = String(hashOf(name) % 100_000_000).padStart(8, '0');
  const first17 = prefix8 + body8 + organizationCodeCheckChar(body8);
  const check = usccCheckChar(first17);
  if (check === null) throw new Error(`cannot compute a check character for ${first17}`);
  return first17 + check;
}

function completeIdCard(first17: string): string {
  const check = idCardCheckChar(first17);
  if (check === null) throw new Error(`身份证号 must start with 17 digits, got "${first17}"`);
  return first17 + check;
}

const idCardKeys = ['legalRepIdCard', 'contactIdCard'];

interface ExampleFile {
  drafts: { fields: Record<string, string>; tables: { members?: Record<string, string>[] } }[];
}

function fill(file: string): number {
  const project = JSON.parse(readFileSync(file, 'utf8')) as ExampleFile;
  let changed = 0;
  for (const draft of project.drafts) {
    for (const row of draft.tables.members ?? []) {
      const uscc = row.uscc ?? '';
      if (uscc.length === 8) {
        row.uscc = inventUscc(uscc, row.name ?? '');
        changed++;
      } else if (uscc.length === 17) {
        row.uscc = uscc + (usccCheckChar(uscc) ?? '');
        changed++;
      }
    }
    for (const key of idCardKeys) {
      const value = draft.fields[key] ?? '';
      if (value.length === 17) {
        draft.fields[key] = completeIdCard(value);
        changed++;
      }
    }
  }
  if (changed > 0) writeFileSync(file, JSON.stringify(project, null, 2) + '\n');
  return changed;
}

function main(args: string[]): void {
  const [command, ...rest] = args;
  if (command === 'fill') {
    for (const file of rest) console.log(`${file}: ${fill(file)} code(s) completed`);
  } else if (command === 'uscc' && rest.length === 2) {
    console.log(inventUscc(rest[0], rest[1]));
  } else if (command === 'idcard' && rest.length === 1) {
    console.log(completeIdCard(rest[0]));
  } else {
    console.error('usage: make-example-uscc.ts fill <project.json…> | uscc <prefix8> <name> | idcard <first17>');
    process.exitCode = 2;
  }
}

main(process.argv.slice(2));
