import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describeSource } from '../../shared/docx-import';
import { UserError } from '../../shared/errors';
import type { RegionId } from '../../shared/region-template';
import { makeProjectFile, stringifyProjectFile } from '../project/project-file';
import { loadRegionTemplates } from '../regions/templates';
import { DraftStore } from '../storage/draft-store';
import { applyDocxImport, readDocxForImport } from './index';

/**
 * `import-docx <file> [--region <id>] --out <project.lhtproj.json>`: reads a filled Word application the
 * way the app does and writes it as a new draft in a project file, printing what was recognised as JSON.
 * Exit code 0 when the project file was written, 1 when the file could not be imported, 2 for usage.
 */

export const importDocxUsage = 'import-docx <Word 文件> [--region <地区>] --out <项目文件.lhtproj.json>';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

function parse(args: string[]): { file: string; out: string; region?: RegionId } | string {
  let file: string | undefined;
  let out: string | undefined;
  let region: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out' || arg === '--region') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) return `${arg} 需要一个值`;
      if (arg === '--out') out = value;
      else region = value;
      i++;
    } else if (arg.startsWith('--')) return `不认识的选项 ${arg}`;
    else if (file === undefined) file = arg;
    else return `多余的参数 ${arg}`;
  }
  if (!file || !out) return '缺少 Word 文件或 --out';
  const regionIds = loadRegionTemplates().map((template) => template.id);
  if (region !== undefined && !regionIds.includes(region)) {
    return `不认识的地区 ${region}（可选：${regionIds.join('、')}）`;
  }
  return { file, out, region: region as RegionId | undefined };
}

export async function runImportDocxCommand(args: string[], io: Io): Promise<number> {
  const parsed = parse(args);
  if (typeof parsed === 'string') {
    io.err(`${parsed}\n用法：${importDocxUsage}\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(parsed.file);
  } catch (error) {
    io.err(`无法读取文件“${parsed.file}”：${(error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : String(error)}\n`);
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'lianheti-cli-docx-'));
  const store = DraftStore.open(join(work, 'drafts.sqlite'), { autoRevisionMinutes: 0 });
  try {
    const templates = loadRegionTemplates();
    const fileName = basename(parsed.file);
    const { preview } = await readDocxForImport(bytes, fileName, templates, { regionId: parsed.region });
    const template = templates.find((t) => t.id === preview.regionId);
    if (!template) throw new UserError('region.unknown', '不支持的地区模板。', preview.regionId);
    const summary = applyDocxImport(store, template, preview, { kind: 'new' });
    const draft = store.getDraft(summary.draftId);
    const out = resolve(parsed.out);
    const part = `${out}.part`;
    writeFileSync(part, stringifyProjectFile(makeProjectFile([draft])));
    renameSync(part, out);
    io.out(
      `${JSON.stringify(
        {
          file: parsed.file,
          out,
          regionId: preview.regionId,
          region: preview.regionNote,
          converted: preview.converted,
          documents: preview.documents,
          counts: preview.counts,
          fields: preview.fields.map((f) => ({ key: f.key, label: f.label, value: f.value, from: describeSource(f.source), problems: f.problems.map((p) => p.message) })),
          tables: preview.tables.map((t) => ({ table: t.table, label: t.label, rows: t.rows.length, from: describeSource(t.headerSource) })),
          problems: preview.tables.flatMap((t) =>
            t.rows.flatMap((r) => r.problems.map((p) => ({ table: t.table, from: describeSource(r.source), column: p.columnLabel, severity: p.severity, message: p.message }))),
          ),
          missingFields: preview.missingFields.map((f) => f.label),
          unrecognized: preview.unrecognized.length,
          notes: preview.notes,
        },
        null,
        2,
      )}\n`,
    );
    return 0;
  } catch (error) {
    io.err(`${error instanceof UserError ? error.message : `导入失败：${String(error)}`}\n`);
    return 1;
  } finally {
    store.close();
    rmSync(work, { recursive: true, force: true });
  }
}
