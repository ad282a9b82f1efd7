import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * LibreOffice (soffice) turns the exported .docx into PDF without Word. It is optional on the user's machine —
 * printing from the print view is the other way to a PDF — and required by the tests that read our documents
 * back the way another office suite does.
 */

/** Points at soffice where it is not on the PATH or in its usual place. */
export const sofficeEnvVar = 'LIANHETI_SOFFICE';

const knownLocations = [
  '/usr/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
  'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
];

/** soffice's path: the one given, $LIANHETI_SOFFICE, the PATH, then the usual install folders; null if none. */
export function findSoffice(explicit?: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [explicit, env[sofficeEnvVar]].filter((c): c is string => Boolean(c));
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  if (explicit) return null;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return knownLocations.find((path) => existsSync(path)) ?? null;
}

export interface ConvertOptions {
  soffice: string;
  /** LibreOffice's first start builds a profile, which takes a while on a slow machine. */
  timeoutMs?: number;
}

/**
 * Converts documents to PDF in one LibreOffice run (each start costs seconds), into `outDir`, and returns the
 * PDFs' paths in the order of `files`. A private profile per run keeps parallel runs (and a LibreOffice the
 * user has open) from colliding.
 */
export async function convertToPdf(files: string[], outDir: string, options: ConvertOptions): Promise<string[]> {
  if (files.length === 0) return [];
  const profile = mkdtempSync(join(tmpdir(), 'lianheti-lo-profile-'));
  try {
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--nodefault',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      ...files,
    ];
    const { stdout, stderr } = await run(options.soffice, args, options.timeoutMs ?? 180_000);
    const pdfs = files.map((file) => join(outDir, `${basename(file, extname(file))}.pdf`));
    const missing = pdfs.filter((pdf) => !existsSync(pdf));
    if (missing.length > 0) {
      throw new Error(`LibreOffice did not write ${missing.join(', ')}: ${stderr || stdout}`.trim());
    }
    return pdfs;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, windowsHide: true, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${error.message}\n${stderr}`));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
