import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDraft, noOtherDrafts } from '../../../electron/core/checks/check-draft';
import { parseProjectFile, projectDraftToDraft } from '../../../electron/core/project/project-file';
import { getRegionTemplate, resourcesDir } from '../../../electron/core/regions/templates';

/**
 * The example projects are what a new user opens first and what the documents are demonstrated with:
 * each must be a complete, eligible filing with no errors under its region's template.
 */
const examplesDir = join(resourcesDir(), 'examples');
const files = readdirSync(examplesDir).filter((name) => name.endsWith('.json'));

describe('example projects', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file} is eligible and has no errors`, () => {
      const project = parseProjectFile(readFileSync(join(examplesDir, file), 'utf8'));
      let n = 0;
      for (const projectDraft of project.drafts) {
        const draft = projectDraftToDraft(projectDraft, () => `row-${++n}`);
        const template = getRegionTemplate(draft.regionId);
        expect(draft.templateVersion, `${file}: template version`).toBe(template.version);
        const report = checkDraft(template, draft, noOtherDrafts);
        // Listing the messages makes a failure say which rule or field and why.
        expect(report.findings.filter((f) => f.severity === 'error').map((f) => f.message), `${file}: errors`).toEqual([]);
        expect(
          report.rules.filter((r) => r.severity === 'error' && r.status !== 'pass').map((r) => `${r.ruleId}: ${r.message}`),
          `${file}: binding rules`,
        ).toEqual([]);
        expect(report.eligible).toBe('pass');
        expect(report.completeness).toBe(100);
      }
    });
  }
});
