import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The renderer runs these validators for live checks, so they must stay pure TypeScript.
const folder = path.resolve(__dirname, '../../../electron/shared/validation');

describe('electron/shared/validation', () => {
  const files = readdirSync(folder).filter((name) => name.endsWith('.ts'));

  it('holds the validator modules', () => {
    expect(files.sort()).toEqual(
      expect.arrayContaining(['idcard.ts', 'index.ts', 'phone.ts', 'result.ts', 'sanitize.ts', 'uscc.ts', 'values.ts', 'word-count.ts']),
    );
  });

  it.each(files)('%s imports only sibling modules and the region template types', (name) => {
    const source = readFileSync(path.join(folder, name), 'utf8');
    const imports = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((match) => match[1]);
    for (const specifier of imports) {
      expect(specifier, `${name} imports ${specifier}`).toMatch(/^\.\/[a-z-]+$|^\.\.\/region-template$/);
    }
    expect(source).not.toMatch(/\b(?:require\s*\(|import\s*\()/);
    expect(source).not.toMatch(/\b(?:window|document|process|Buffer)\./);
  });
});
