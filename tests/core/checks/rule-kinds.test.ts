import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleCheckSchema } from '../../../electron/shared/region-template';

/** A rule kind is one file of electron/core/checks/rules/, named after it and exporting its evaluator. */
const rulesDir = resolve(__dirname, '../../../electron/core/checks/rules');
const kebab = (kind: string) => kind.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`);

describe('rule kinds', () => {
  const kinds = ruleCheckSchema.options.map((option) => option.shape.kind.value);

  it('has one evaluator file per kind of the schema', () => {
    expect(kinds.length).toBeGreaterThan(15);
    for (const kind of kinds) {
      const file = join(rulesDir, `${kebab(kind)}.ts`);
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8'), file).toContain(`export const ${kind}: Evaluator<'${kind}'>`);
    }
  });

  it('maps every kind to its evaluator in rules/index.ts', () => {
    const index = readFileSync(join(rulesDir, 'index.ts'), 'utf8');
    for (const kind of kinds) expect(index, kind).toContain(`import { ${kind} } from './${kebab(kind)}';`);
  });
});
