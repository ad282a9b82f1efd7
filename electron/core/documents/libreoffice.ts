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
    const { stdout, stderr } = await runHeadless(options.soffice, { profileDir: profile, convertTo: 'pdf', outDir, files, timeoutMs: options.timeoutMs ?? 180_000 });
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

/** A LibreOffice run that failed; `timedOut` when it was stopped at its time limit. */
export class LibreOfficeRunError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
  }
}

/**
 * One headless conversion run: `files` into `outDir` as `convertTo` (a filter such as 'pdf' or
 * 'docx:MS Word 2007 XML'), with its own profile so it never meets a LibreOffice the user has open, killed at
 * its time limit.
 */
export function runHeadless(
  soffice: string,
  job: { profileDir: string; convertTo: string; outDir: string; files: string[]; timeoutMs: number },
): Promise<{ stdout: string; stderr: string }> {
  const args = [
    `-env:UserInstallation=${pathToFileURL(job.profileDir).href}`,
    '--headless',
    '--norestore',
    '--nolockcheck',
    '--nodefault',
    '--convert-to',
    job.convertTo,
    '--outdir',
    job.outDir,
    ...job.files,
  ];
  return new Promise((resolve, reject) => {
    execFile(soffice, args, { timeout: job.timeoutMs, killSignal: 'SIGKILL', windowsHide: true, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const timedOut = (error as NodeJS.ErrnoException & { killed?: boolean }).killed === true;
        reject(new LibreOfficeRunError(`${soffice} failed: ${error.message}\n${String(stderr)}`, timedOut));
      } else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
