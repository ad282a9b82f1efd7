import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, type CliIo } from '../../../electron/cli/commands';
import { loadRegionTemplates, resourcesDir } from '../../../electron/core/regions/templates';
import { requireSystemTools } from '../../helpers/system-tools';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * Word and WPS refuse files LibreOffice opens (「无法读取的内容」): every .docx/.xlsx we write is validated
 * against the ISO/IEC 29500 transitional schemas with ../shared/ooxml/validate (it sits beside the clone, in
 * CI too). The files are made the way the user gets them: by the CLI's commands, which call the same core
 * exporters as the app — every example project's full package (its Word documents and member workbook), every
 * region's blank template, and one collection workbook per example. (A region's collection workbooks differ
 * only in their data, and each part costs the validator a Python start: checking all 57 would add minutes.)
 */
const repo = resolve(__dirname, '../../..');
const validator = resolve(repo, '../shared/ooxml/validate');
const examples = readdirSync(join(resourcesDir(), 'examples')).filter((name) => name.endsWith('.json'));
const temp = makeTempDir('lianheti-ooxml-');

async function cli(name: string, ...args: string[]): Promise<void> {
  let err = '';
  const io: CliIo = { out: () => undefined, err: (text) => (err += text) };
  const code = await commands[name].run(args, io);
  expect(err, `${name} ${args.join(' ')}`).toBe('');
  expect(code, `${name} ${args.join(' ')}`).toBe(0);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

interface Validation {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The validator over one folder; two run at once, as each part is a process of its own on one core. */
function validate(dir: string): Promise<Validation> {
  return new Promise((done, fail) => {
    const child = spawn(validator, [dir]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

const checked = join(temp.dir, 'checked');
let validations: Validation[] = [];

beforeAll(async () => {
  requireSystemTools('xmllint', 'python3', 'unzip');
  if (!existsSync(validator)) throw new Error(`the OOXML schema check is missing: ${validator} (shared/ooxml beside the clone)`);
  for (const example of examples) {
    const project = join(resourcesDir(), 'examples', example);
    const name = example.replace(/\.json$/, '');
    await cli('export', project, '--out', join(checked, 'export', name));
    const collected = join(temp.dir, 'collect', name);
    await cli('collect', project, '--out', collected);
    const first = readdirSync(collected).filter((file) => file.endsWith('.xlsx')).sort()[0];
    mkdirSync(join(checked, 'other', 'collect', name), { recursive: true });
    copyFileSync(join(collected, first), join(checked, 'other', 'collect', name, first));
  }
  mkdirSync(join(checked, 'other', 'templates'));
  for (const template of loadRegionTemplates()) await cli('template', template.id, '--out', join(checked, 'other', 'templates', `${template.id}.xlsx`));
  validations = await Promise.all([validate(join(checked, 'export')), validate(join(checked, 'other'))]);
}, 600_000);
afterAll(() => temp.cleanup());

describe('every .docx and .xlsx we write is valid ISO 29500', () => {
  it('makes the files to check: Word and Excel for every example, a template for every region, collection workbooks', () => {
    const files = filesUnder(checked);
    const count = (folder: string, ext: string) => files.filter((file) => file.includes(`/${folder}/`) && file.endsWith(ext)).length;
    expect(count('export', '.docx')).toBeGreaterThanOrEqual(examples.length * 3);
    expect(count('export', '.xlsx')).toBe(examples.length);
    expect(count('collect', '.xlsx')).toBe(examples.length);
    expect(count('templates', '.xlsx')).toBe(loadRegionTemplates().length);
  });

  it('passes the schema check, part by part', () => {
    let parts = 0;
    for (const validation of validations) {
      const summary = /ooxml schema: (\d+) invalid of (\d+) parts/.exec(validation.stdout);
      expect(summary, `${validation.stdout}\n${validation.stderr}`).not.toBeNull();
      // What failed is named part by part in the validator's output, with xmllint's first lines.
      expect(validation.stdout.trim().split('\n').slice(0, -1)).toEqual([]);
      expect(summary![1]).toBe('0');
      expect(validation.status).toBe(0);
      parts += Number(summary![2]);
    }
    // Every file contributes at least its content types, its rels and its main part.
    expect(parts).toBeGreaterThanOrEqual(filesUnder(checked).length * 3);
  });
});
