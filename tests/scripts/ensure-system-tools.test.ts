import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decide, ensureSystemTools, isDebianLike, probeMissing, type ToolId } from '../../scripts/ensure-system-tools.mjs';
import { makeTempDir } from '../helpers/temp-dir';

const root = resolve(__dirname, '../..');
const debian = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';
const ubuntu = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const fedora = 'NAME="Fedora Linux"\nID=fedora\n';

/** Runs the whole check with every effect recorded; `afterInstall` is what the second look finds. */
function simulate(options: { missing: ToolId[]; afterInstall?: ToolId[]; root?: boolean; sudo?: boolean; osRelease?: string; platform?: NodeJS.Platform; aptStatus?: number; env?: NodeJS.ProcessEnv }) {
  const calls = { probes: 0, sudoAsked: 0, commands: [] as string[], out: [] as string[], err: [] as string[] };
  const code = ensureSystemTools({
    env: options.env ?? {},
    probe: () => (calls.probes++ === 0 ? options.missing : (options.afterInstall ?? [])),
    platform: options.platform ?? 'linux',
    osRelease: options.osRelease ?? debian,
    hasAptGet: () => true,
    isRoot: () => options.root ?? false,
    sudoWorks: () => {
      calls.sudoAsked++;
      return options.sudo ?? false;
    },
    run: (command) => {
      calls.commands.push(command);
      return options.aptStatus ?? 0;
    },
    print: (text) => calls.out.push(text),
    printError: (text) => calls.err.push(text),
  });
  return { code, ...calls };
}

describe('npm test checks its system tools first', () => {
  it('does nothing, asks nothing and passes when every tool is there', () => {
    const run = simulate({ missing: [] });
    expect(run).toMatchObject({ code: 0, probes: 1, sudoAsked: 0, commands: [], err: [] });
  });

  it('installs exactly the missing packages with apt-get when running as root, then looks again', () => {
    const run = simulate({ missing: ['chromium', 'soffice-calc', 'xmllint'], root: true });
    expect(run.code).toBe(0);
    expect(run.commands).toEqual(['apt-get update && apt-get install -y --no-install-recommends chromium libreoffice-calc-nogui libxml2-utils']);
    expect(run.sudoAsked).toBe(0);
    expect(run.probes).toBe(2);
  });

  it('uses sudo when it works without a password', () => {
    const run = simulate({ missing: ['poppler', 'fonts-cjk'], sudo: true });
    expect(run.code).toBe(0);
    expect(run.commands).toEqual(['sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends poppler-utils fonts-noto-cjk']);
  });

  it('stops at once with the single command to run when it may not install', () => {
    const run = simulate({ missing: ['soffice-writer', 'soffice-calc', 'unzip'] });
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([]);
    expect(run.err).toHaveLength(1);
    expect(run.err[0]).toContain('LibreOffice Writer');
    expect(run.err[0]).toContain('sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui unzip');
    // One command, not a list to piece together.
    expect(run.err[0].match(/apt-get install/g)).toHaveLength(1);
  });

  it('fails, naming what is still missing, when apt-get fails or installs less than needed', () => {
    const failed = simulate({ missing: ['chromium', 'python3'], root: true, aptStatus: 100, afterInstall: ['chromium', 'python3'] });
    expect(failed.code).toBe(1);
    expect(failed.err[0]).toContain('退出码 100');
    expect(failed.err[0]).toContain('python3（');
    const partial = simulate({ missing: ['chromium', 'python3'], root: true, afterInstall: ['chromium'] });
    expect(partial.code).toBe(1);
    expect(partial.err[0]).toContain('Chromium');
    expect(partial.err[0]).not.toContain('python3（');
    expect(partial.err[0]).toContain('apt-get install -y --no-install-recommends chromium');
  });

  it('does not try to install a browser when CHROMIUM_PATH names one that is not there, but says so', () => {
    const run = simulate({ missing: ['chromium'], root: true, env: { CHROMIUM_PATH: '/opt/chrome/chrome' } });
    expect(run.code).toBe(1);
    expect(run.commands).toEqual([]);
    expect(run.err[0]).toContain('CHROMIUM_PATH 指向的文件不存在：/opt/chrome/chrome');
  });

  it('treats Ubuntu as Debian and other Linux systems as "install these yourself"', () => {
    expect(isDebianLike(ubuntu)).toBe(true);
    expect(isDebianLike(debian)).toBe(true);
    expect(isDebianLike(fedora)).toBe(false);
    expect(simulate({ missing: ['xmllint'], root: true, osRelease: ubuntu }).commands).toHaveLength(1);
    const other = simulate({ missing: ['xmllint', 'chromium'], root: true, osRelease: fedora });
    expect(other.code).toBe(1);
    expect(other.commands).toEqual([]);
    expect(other.err[0]).toContain('不是 Debian/Ubuntu');
    expect(other.err[0]).toContain('CHROMIUM_PATH');
  });

  it('says exactly what to install on macOS and on Windows, and never runs anything there', () => {
    const mac = decide({ missing: ['soffice-writer', 'soffice-calc', 'poppler'], platform: 'darwin', osRelease: '', hasAptGet: false, isRoot: false, sudoWorks: false });
    expect(mac.action).toBe('stop');
    const message = mac.action === 'stop' ? mac.message : '';
    // Writer and Calc come in one LibreOffice cask: named once.
    expect(message.match(/brew install --cask libreoffice/g)).toHaveLength(1);
    expect(message).toContain('brew install poppler');
    const windows = simulate({ missing: ['chromium', 'unzip'], platform: 'win32', root: true, osRelease: '' });
    expect(windows.code).toBe(1);
    expect(windows.commands).toEqual([]);
    expect(windows.err[0]).toContain('CHROMIUM_PATH');
    expect(windows.err[0]).toContain('Git Bash');
  });
});

describe('the probes', () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((cleanup) => cleanup()));
  const tempDir = (prefix: string) => {
    const { dir, cleanup } = makeTempDir(prefix);
    cleanups.push(cleanup);
    return dir;
  };
  function fakeTools(names: string[]) {
    const dir = tempDir('tools-');
    for (const name of names) {
      writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
      chmodSync(join(dir, name), 0o755);
    }
    return dir;
  }

  it('find a tool only when it is on the PATH, and poppler only with all three of its programs', () => {
    const some = fakeTools(['pdftotext', 'pdftoppm', 'xmllint']);
    const missing = probeMissing({ PATH: some, CHROMIUM_PATH: join(some, 'no-chromium') }, 'linux');
    expect(missing).toEqual(expect.arrayContaining(['chromium', 'poppler', 'python3', 'unzip', 'fontconfig', 'fonts-cjk']));
    expect(missing).not.toContain('xmllint');
    const all = fakeTools(['pdftotext', 'pdftoppm', 'pdfinfo']);
    expect(probeMissing({ PATH: all }, 'linux')).not.toContain('poppler');
  });

  it('tell LibreOffice without Calc from a full one', () => {
    const program = join(tempDir('lo-'), 'program');
    mkdirSync(program);
    writeFileSync(join(program, 'soffice'), '');
    writeFileSync(join(program, 'libswlo.so'), '');
    const env = { PATH: '', LIANHETI_SOFFICE: join(program, 'soffice') };
    expect(probeMissing(env, 'linux')).toContain('soffice-calc');
    expect(probeMissing(env, 'linux')).not.toContain('soffice-writer');
    writeFileSync(join(program, 'libsclo.so'), '');
    expect(probeMissing(env, 'linux')).not.toContain('soffice-calc');
  });

  it('pass on this machine, which has every tool, in well under a second', () => {
    const started = performance.now();
    const result = spawnSync(process.execPath, [join(root, 'scripts/ensure-system-tools.mjs')], { encoding: 'utf8' });
    const elapsed = performance.now() - started;
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(elapsed).toBeLessThan(1000);
  });
});
