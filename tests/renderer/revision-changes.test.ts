import { describe, expect, it } from 'vitest';
import { describeChanges } from '../../renderer/src/components/revision-changes';

describe('the history line of what a version changed', () => {
  it('names steps and tables in the walk order, with rows added, edited and removed', () => {
    expect(
      describeChanges({
        first: false,
        fields: { texts: 1, basic: 3 },
        tables: {
          team: { added: 0, removed: 1, changed: 0, reordered: false },
          members: { added: 2, removed: 0, changed: 1, reordered: false },
        },
      }),
    ).toBe('基本信息 3 项、文字材料 1 项、成员单位 +2 行 / 改 1 行、科研团队 −1 行');
  });

  it('says when nothing changed, when rows were only moved, and what the first version holds', () => {
    expect(describeChanges({ first: false, fields: {}, tables: {} })).toBe('与上一版本相同');
    expect(
      describeChanges({ first: false, fields: { other: 2 }, tables: { platforms: { added: 0, removed: 0, changed: 0, reordered: true } } }),
    ).toBe('其他 2 项、科研平台 调整顺序');
    expect(describeChanges({ first: true, fields: { basic: 5 }, tables: {} })).toBe('最早的版本：基本信息 5 项');
    expect(describeChanges({ first: true, fields: {}, tables: {} })).toBe('最早的版本：尚未填写内容');
  });
});
