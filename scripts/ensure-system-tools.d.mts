// Types for scripts/ensure-system-tools.mjs (a plain .mjs so `npm test` can run it before anything is built).
export type ToolId = 'chromium' | 'soffice-writer' | 'soffice-calc' | 'poppler' | 'fonts-cjk' | 'fontconfig' | 'xmllint' | 'python3' | 'unzip';

export interface Tool {
  id: ToolId;
  label: string;
  debian: string[];
  mac: string | null;
  windows: string | null;
}

export const tools: Tool[];

export function onPath(name: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, exists?: (path: string) => boolean): string | null;
export function probeMissing(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): ToolId[];
export function isDebianLike(osRelease: string): boolean;
export function debianPackages(missing: ToolId[]): string[];
export function aptCommand(packages: string[], sudo: boolean): string;

export type Plan =
  | { action: 'ok' }
  | { action: 'install'; packages: string[]; sudo: boolean; command: string }
  | { action: 'stop'; message: string };

export function decide(facts: {
  missing: ToolId[];
  platform: NodeJS.Platform;
  osRelease: string;
  hasAptGet: boolean;
  isRoot: boolean;
  sudoWorks: boolean;
  /** CHROMIUM_PATH, when set: a missing file there is reported as such, not installed. */
  chromiumPath?: string;
}): Plan;

export function ensureSystemTools(effects?: {
  env?: NodeJS.ProcessEnv;
  probe?: () => ToolId[];
  platform?: NodeJS.Platform;
  osRelease?: string;
  hasAptGet?: () => boolean;
  isRoot?: () => boolean;
  sudoWorks?: () => boolean;
  run?: (command: string) => number;
  print?: (text: string) => void;
  printError?: (text: string) => void;
}): number;
