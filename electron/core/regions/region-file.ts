import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { regionTemplateSchema, type RegionTemplate } from '../../shared/region-template';
import { UserError } from '../../shared/errors';
import { maxRegionFileBytes } from '../../shared/contract/region-files';
import { finishRegionTemplate, templateIntegrityProblems } from './templates';

export { maxRegionFileBytes };

/** "rules[3].threshold" from a zod issue path. */
function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  return text || '（文件顶层）';
}

/** The value at a zod issue's path in the parsed file, or undefined where there is none. */
function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = raw;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

/** What a zod issue expected, in words a local office can act on. */
function expectedText(issue: z.core.$ZodIssue, raw: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod does not report the input; the file itself says whether the item is absent or of another type.
      return valueAt(raw, issue.path) === undefined ? `缺少此项（应为 ${issue.expected}）` : `类型不对，应为 ${issue.expected}`;
    case 'invalid_value':
      return `取值不对，应为以下之一：${issue.values.map((value) => JSON.stringify(value)).join('、')}`;
    case 'invalid_union':
      return '不是允许的写法（例如规则的 kind 不是支持的规则类型）';
    case 'unrecognized_keys':
      return `含有不认识的项：${issue.keys.join('、')}`;
    case 'too_small':
      return `太小或太短（至少 ${String(issue.minimum)}）`;
    case 'too_big':
      return `太大或太长（至多 ${String(issue.maximum)}）`;
    default:
      return `不符合要求（${issue.message}）`;
  }
}

/**
 * Reads a region file a user supplies (same schema as resources/regions/*.json). It is refused with a Chinese
 * message naming the path inside the file and what was expected when it is too big, not JSON, of the wrong
 * shape, inconsistent, or uses an id one of `builtIns` already has.
 */
export function readUserRegionFile(file: string, builtIns: readonly RegionTemplate[]): RegionTemplate {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    size = stat.size;
  } catch (error) {
    throw new UserError('region-file-unreadable', `无法读取地区文件「${file}」：文件不存在或不是普通文件。`, `${file}: ${String(error)}`);
  }
  if (size > maxRegionFileBytes) {
    throw new UserError(
      'region-file-too-big',
      `地区文件「${file}」过大（${Math.ceil(size / 1024)} KB），地区文件不应超过 ${maxRegionFileBytes / 1024 / 1024} MB。`,
      `${file}: ${size} bytes > ${maxRegionFileBytes}`,
    );
  }
  return parseUserRegionText(readFileSync(file, 'utf8'), file, builtIns);
}

/** Keys that would reach an object's prototype if any code ever copied the file's objects key by key. */
const hostileKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The path of the first hostile key in a parsed file, or null. Walked without recursion and with links to the
 * parent instead of copied paths, so a file nested a million levels deep takes linear time and no stack.
 */
function hostileKeyPath(raw: unknown): string | null {
  interface Step {
    value: unknown;
    key: string | number | null;
    parent: Step | null;
  }
  const pathOf = (step: Step): Array<string | number> => {
    const path: Array<string | number> = [];
    for (let at: Step | null = step; at && at.key !== null; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const pending: Step[] = [{ value: raw, key: null, parent: null }];
  while (pending.length > 0) {
    const step = pending.pop()!;
    const { value } = step;
    if (Array.isArray(value)) value.forEach((item, i) => pending.push({ value: item, key: i, parent: step }));
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const child = { value: item, key, parent: step };
        if (hostileKeys.has(key)) return issuePath(pathOf(child));
        pending.push(child);
      }
    }
  }
  return null;
}

/**
 * Checks the text of a region file a user supplies (the CLI reads it from disk, the app receives what the page
 * read); `file` names it in the messages. Same refusals as readUserRegionFile, except the size, which each
 * reader bounds before reading. Returns the template as the app uses it and the validated data to store.
 */
export function parseUserRegionText(text: string, file: string, builtIns: readonly RegionTemplate[]): RegionTemplate {
  return finishRegionTemplate(validateUserRegionText(text, file, builtIns));
}

/** The validated template before finishRegionTemplate: what the store keeps, so a later start re-checks the same data. */
export function validateUserRegionText(text: string, file: string, builtIns: readonly RegionTemplate[]): RegionTemplate {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxRegionFileBytes) {
    throw new UserError(
      'region-file-too-big',
      `地区文件「${file}」过大（${Math.ceil(bytes / 1024)} KB），地区文件不应超过 ${maxRegionFileBytes / 1024 / 1024} MB。`,
      `${file}: ${bytes} bytes > ${maxRegionFileBytes}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UserError('region-file-not-json', `地区文件「${file}」不是有效的 JSON 文件。`, `${file}: ${(error as Error).message}`);
  }
  const hostile = hostileKeyPath(raw);
  if (hostile) {
    throw new UserError(
      'region-file-shape',
      `地区文件「${file}」格式不正确：${hostile} 是不允许使用的项名，请删除或改名。`,
      `${file}: forbidden key at ${hostile}`,
    );
  }
  const parsed = regionTemplateSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5);
    throw new UserError(
      'region-file-shape',
      `地区文件「${file}」格式不正确：${issues.map((issue) => `${issuePath(issue.path)} ${expectedText(issue, raw)}`).join('；')}`,
      `${file}: ${parsed.error.issues.map((issue) => `${issuePath(issue.path)}: ${issue.message}`).join('; ')}`,
    );
  }
  const template = parsed.data;
  const clash = builtIns.find((region) => region.id === template.id);
  if (clash) {
    throw new UserError(
      'region-file-id-clash',
      `地区文件「${file}」格式不正确：id 「${template.id}」与内置地区「${clash.name}」重复，请换一个新的 id。`,
      `${file}: id ${template.id} is a built-in region`,
    );
  }
  const problems = templateIntegrityProblems(template);
  if (problems.length > 0) {
    throw new UserError(
      'region-file-inconsistent',
      `地区文件「${file}」内容前后不一致：${problems.slice(0, 5).join('；')}`,
      `${file}: ${problems.join('; ')}`,
    );
  }
  return template;
}
