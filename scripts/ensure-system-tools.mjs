// Run first by `npm test`: the tests drive a real Chromium, convert real documents with LibreOffice, read PDFs
// with poppler and validate .docx/.xlsx with xmllint. A missing tool would otherwise surface minutes later as a
// confusing failure, so this checks them all in a few milliseconds and, on Debian/Ubuntu, installs what is
// missing when it may (root, or sudo without a password); otherwise it stops at once with the one command to run.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Every system tool the tests use. `debian` is the package that brings it on Debian/Ubuntu; `elsewhere` is
 * what to install by hand on other systems.
 */
export const tools = [
  { id: 'chromium', label: 'Chromium（端到端测试与打印预览）', debian: ['chromium'], mac: 'brew install --cask chromium', windows: 'Chromium 或 Google Chrome，并把 CHROMIUM_PATH 设为 chrome.exe 的完整路径' },
  { id: 'soffice-writer', label: 'LibreOffice Writer（把 .docx 转成 PDF 回读）', debian: ['libreoffice-writer-nogui'], mac: 'brew install --cask libreoffice', windows: 'LibreOffice（https://www.libreoffice.org/download/，默认安装即含 Writer 与 Calc）' },
  { id: 'soffice-calc', label: 'LibreOffice Calc（回读 .xlsx）', debian: ['libreoffice-calc-nogui'], mac: 'brew install --cask libreoffice', windows: 'LibreOffice（同上）' },
  { id: 'poppler', label: 'poppler-utils（pdftotext、pdftoppm、pdfinfo）', debian: ['poppler-utils'], mac: 'brew install poppler', windows: 'poppler（https://github.com/oschwartz10612/poppler-windows，把其 Library\\bin 加入 PATH）' },
  { id: 'fonts-cjk', label: 'Noto CJK 中文字体（PDF 中的中文）', debian: ['fonts-noto-cjk'], mac: 'brew install --cask font-noto-sans-cjk-sc font-noto-serif-cjk-sc', windows: 'Noto Sans CJK SC 与 Noto Serif CJK SC 字体（https://github.com/notofonts/noto-cjk）' },
  { id: 'fontconfig', label: 'fontconfig（fc-list，查找字体）', debian: ['fontconfig'], mac: 'brew install fontconfig', windows: null },
  { id: 'xmllint', label: 'xmllint（libxml2-utils，Word/Excel 文件的格式校验）', debian: ['libxml2-utils'], mac: 'xcode-select --install', windows: 'xmllint（libxml2，加入 PATH）' },
  { id: 'python3', label: 'python3（格式校验脚本）', debian: ['python3'], mac: 'xcode-select --install', windows: 'Python 3（https://www.python.org/）' },
  { id: 'unzip', label: 'unzip（格式校验脚本）', debian: ['unzip'], mac: 'xcode-select --install', windows: 'Git for Windows（其 Git Bash 提供 bash 与 unzip，测试须在 Git Bash 中运行）' },
];

/** The first file named `name` (with Windows' extensions there) in the PATH, or null. */
export function onPath(name, env = process.env, platform = process.platform, exists = existsSync) {
  const names = platform === 'win32' ? [`${name}.exe`, `${name}.cmd`, `${name}.bat`, name] : [name];
  for (const dir of (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean)) {
    for (const candidate of names) if (exists(join(dir, candidate))) return join(dir, candidate);
  }
  return null;
}

/** Where the core looks for soffice (electron/core/documents/libreoffice.ts), in the same order. */
const sofficeLocations = [
  '/usr/bin/soffice',
  '/usr/lib/libreoffice/program/soffice',
  '/opt/libreoffice/program/soffice',
  '/Applications/LibreOffice.app/Contents/MacOS/soffice',
  'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
  'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
];

function findSoffice(env, platform) {
  if (env.LIANHETI_SOFFICE && existsSync(env.LIANHETI_SOFFICE)) return env.LIANHETI_SOFFICE;
  return onPath('soffice', env, platform) ?? onPath('libreoffice', env, platform) ?? sofficeLocations.find((path) => existsSync(path)) ?? null;
}

/**
 * Whether LibreOffice's Writer and Calc modules are installed: soffice alone starts without them (Debian splits
 * them into packages), and then converting a .docx fails with an unhelpful "source file could not be loaded".
 */
function sofficeModules(soffice) {
  if (!soffice) return { writer: false, calc: false };
  let program;
  try {
    program = dirname(realpathSync(soffice));
  } catch {
    return { writer: false, calc: false };
  }
  const dirs = [program, join(program, '..', 'Frameworks')];
  const has = (stem) => dirs.some((dir) => ['.so', '.dll', '.dylib'].some((ext) => existsSync(join(dir, `${stem}${ext}`)) || existsSync(join(dir, `lib${stem}${ext}`))));
  return { writer: has('swlo'), calc: has('sclo') };
}

function hasCjkFont(fcList) {
  const listed = spawnSync(fcList, [':lang=zh', 'family'], { encoding: 'utf8', timeout: 10_000 });
  return listed.status === 0 && /Noto (Sans|Serif) CJK SC/.test(listed.stdout);
}

/** Looks at this machine: the ids (of `tools`) that are missing. Only `fc-list` is started, and only once. */
export function probeMissing(env = process.env, platform = process.platform) {
  const soffice = findSoffice(env, platform);
  const modules = sofficeModules(soffice);
  const fcList = onPath('fc-list', env, platform);
  const present = {
    chromium: existsSync(env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    'soffice-writer': modules.writer,
    'soffice-calc': modules.calc,
    poppler: ['pdftotext', 'pdftoppm', 'pdfinfo'].every((name) => onPath(name, env, platform) !== null),
    fontconfig: fcList !== null || platform === 'win32',
    // Windows has no fc-list: the fonts are then checked by the document tests themselves.
    'fonts-cjk': platform === 'win32' ? true : fcList !== null && hasCjkFont(fcList),
    xmllint: onPath('xmllint', env, platform) !== null,
    python3: onPath('python3', env, platform) !== null,
    unzip: onPath('unzip', env, platform) !== null,
  };
  return tools.filter((tool) => !present[tool.id]).map((tool) => tool.id);
}

/** Debian, Ubuntu and their derivatives (ID or ID_LIKE in /etc/os-release), which have apt-get. */
export function isDebianLike(osRelease) {
  const field = (name) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(osRelease)?.[1] ?? '';
  return /\b(debian|ubuntu)\b/.test(`${field('ID')} ${field('ID_LIKE')}`);
}

const byId = new Map(tools.map((tool) => [tool.id, tool]));
const labels = (missing) => missing.map((id) => `  - ${byId.get(id).label}`).join('\n');

/** The apt packages for the missing tools, each once, in the order of `tools`. */
export function debianPackages(missing) {
  return [...new Set(missing.flatMap((id) => byId.get(id).debian))];
}

export function aptCommand(packages, sudo) {
  // sudo drops the environment, so the non-interactive front end is set inside it (as root it is inherited).
  const [update, install] = sudo ? ['sudo apt-get', 'sudo DEBIAN_FRONTEND=noninteractive apt-get'] : ['apt-get', 'apt-get'];
  return `${update} update && ${install} install -y --no-install-recommends ${packages.join(' ')}`;
}

/**
 * What to do, from what the probes found (no side effects, so each branch is tested):
 * - `ok`: everything is there;
 * - `install`: run `command` (as root, or with sudo when `sudo` is true), then look again;
 * - `stop`: print `message` and fail the run.
 */
export function decide({ missing, platform, osRelease, hasAptGet, isRoot, sudoWorks, chromiumPath }) {
  if (missing.length === 0) return { action: 'ok' };
  const head = `npm test 需要以下系统工具，本机缺少：\n${labels(missing)}\n`;
  // A browser named by hand that is not there is a typo, not something a package manager can fix.
  if (missing.includes('chromium') && chromiumPath) {
    return { action: 'stop', message: `环境变量 CHROMIUM_PATH 指向的文件不存在：${chromiumPath}\n请把它改为 Chromium 或 Chrome 可执行文件的完整路径，或取消该变量以使用 /usr/bin/chromium。\n` };
  }
  if (platform === 'linux' && hasAptGet && isDebianLike(osRelease)) {
    const packages = debianPackages(missing);
    if (isRoot) return { action: 'install', packages, sudo: false, command: aptCommand(packages, false) };
    if (sudoWorks) return { action: 'install', packages, sudo: true, command: aptCommand(packages, true) };
    return {
      action: 'stop',
      message: `${head}\n当前用户不是 root，sudo 也需要密码，无法自动安装。请运行以下命令后再运行 npm test：\n\n  ${aptCommand(packages, true)}\n`,
    };
  }
  const chromiumNote = missing.includes('chromium') ? '\n安装 Chromium 后，若其不在 /usr/bin/chromium，请把环境变量 CHROMIUM_PATH 设为它的完整路径。' : '';
  if (platform === 'darwin') {
    const commands = [...new Set(missing.map((id) => byId.get(id).mac).filter(Boolean))];
    return { action: 'stop', message: `${head}\n请用 Homebrew（https://brew.sh/）安装后再运行 npm test：\n\n${commands.map((c) => `  ${c}`).join('\n')}\n${chromiumNote}\n` };
  }
  if (platform === 'win32') {
    const items = [...new Set(missing.map((id) => byId.get(id).windows).filter(Boolean))];
    return { action: 'stop', message: `${head}\n请安装以下软件并把它们的程序目录加入 PATH，然后在 Git Bash 中再运行 npm test：\n\n${items.map((c) => `  - ${c}`).join('\n')}\n${chromiumNote}\n` };
  }
  const packages = debianPackages(missing);
  return {
    action: 'stop',
    message: `${head}\n此系统不是 Debian/Ubuntu（或没有 apt-get），无法自动安装。请用本系统的包管理器安装上述工具（Debian 上的包名：${packages.join(' ')}），然后再运行 npm test。${chromiumNote}\n`,
  };
}

function readOsRelease() {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

/**
 * The whole check with its effects injected, so a test can walk every path without touching the machine.
 * Returns the exit code.
 */
export function ensureSystemTools({
  env = process.env,
  probe = () => probeMissing(env),
  platform = process.platform,
  osRelease = platform === 'linux' ? readOsRelease() : '',
  hasAptGet = () => onPath('apt-get') !== null,
  isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0,
  sudoWorks = () => spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 10_000 }).status === 0,
  run = (command) => spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status ?? 1,
  print = (text) => console.log(text),
  printError = (text) => console.error(text),
} = {}) {
  const missing = probe();
  if (missing.length === 0) return 0;
  const root = isRoot();
  const plan = decide({
    missing,
    platform,
    osRelease,
    hasAptGet: platform === 'linux' && hasAptGet(),
    isRoot: root,
    sudoWorks: !root && sudoWorks(),
    chromiumPath: env.CHROMIUM_PATH,
  });
  if (plan.action === 'stop') {
    printError(plan.message);
    return 1;
  }
  print(`npm test 需要的系统工具缺少 ${missing.join('、')}，正在安装：${plan.command}`);
  const status = run(plan.command);
  const still = probe();
  if (status !== 0 || still.length > 0) {
    printError(
      `${status === 0 ? 'apt-get 已运行完毕' : `apt-get 失败（退出码 ${status}）`}，但仍缺少：\n${labels(still.length > 0 ? still : missing)}\n请检查上面 apt-get 的输出，或手动运行：\n\n  ${aptCommand(debianPackages(still.length > 0 ? still : missing), !root)}\n`,
    );
    return 1;
  }
  print('系统工具已安装齐全。');
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exit(ensureSystemTools());
