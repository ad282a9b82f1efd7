import type { FieldDef, RegionTemplate, StepId } from '../../../electron/shared/region-template';
import { stepIds } from '../../../electron/shared/region-template';

/** The walk's steps, in the words of the forms. */
export const stepLabels: Record<StepId, string> = {
  basic: '基本信息',
  members: '牵头单位与成员单位',
  team: '科研团队',
  platforms: '科研平台',
  texts: '文字材料',
  agreement: '组建协议',
  check: '检查',
  export: '导出与打印',
};

export const stepOrder: readonly StepId[] = stepIds;

export function isStepId(value: string): value is StepId {
  return (stepIds as readonly string[]).includes(value);
}

/**
 * Which lines of a template's 填表说明 belong beside which step. The lines are the official text, numbered
 * and worded by each region, so they are matched by what they talk about rather than by position.
 */
const instructionTopics: Array<{ pattern: RegExp; steps: StepId[]; alsoBeside?: RegExp }> = [
  { pattern: /法人公章|盖章/, steps: ['basic', 'export'] },
  { pattern: /产业领域指/, steps: ['basic'] },
  { pattern: /首席科学家/, steps: ['basic', 'texts'] },
  { pattern: /平台数量|创新平台|科研平台/, steps: ['basic', 'platforms'] },
  // About the members: beside the member table, and in 文字材料 only where the form has a text on it.
  { pattern: /地位、分工|合作基础/, steps: ['members'], alsoBeside: /合作基础|地位/ },
  { pattern: /理事长|理事会/, steps: ['members'] },
  { pattern: /需附|组建协议|意向书/, steps: ['agreement', 'export'] },
  { pattern: /一式三份|份报|备案/, steps: ['export'] },
];

export function instructionsFor(template: RegionTemplate, step: StepId): string[] {
  return template.instructions.filter((line) => {
    const topics = instructionTopics.filter((topic) => topic.pattern.test(line));
    // A line we cannot place is shown with the basic information and at export, never hidden.
    if (topics.length === 0) return step === 'basic' || step === 'export';
    return topics.some((topic) => topic.steps.includes(step));
  });
}

/**
 * Lines about one long text (item 四 on members beside 合作基础): shown with that section only, so they do
 * not sit beside another section of the same step (技术创新目标).
 */
export function instructionsForField(template: RegionTemplate, field: FieldDef): string[] {
  const name = `${field.label}${field.heading ?? ''}`;
  return template.instructions.filter((line) =>
    instructionTopics.some((topic) => topic.pattern.test(line) && topic.alsoBeside !== undefined && topic.alsoBeside.test(name)),
  );
}

/** The document a long text belongs to, for grouping the 文字材料 step (实施方案 sections are 'plan…'). */
export function textGroupOf(field: FieldDef): string {
  if (field.step === 'agreement') return '组建协议';
  if (field.key.startsWith('plan')) return '实施方案';
  return '组建申请表';
}
