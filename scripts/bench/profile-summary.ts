import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/**
 * Summarises a V8 CPU profile (node --cpu-prof) as two short tables: where the time is spent (self) and
 * what it is spent under (total), by function and file. Used to find the cause of a missed target:
 *
 *   npx tsx scripts/bench/profile-summary.ts CPU.….cpuprofile [--top=25] [--filter=docx]
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileLine {
  name: string;
  selfMs: number;
  totalMs: number;
}

const root = resolve(__dirname, '../..');

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith('file://') ? relative(root, decodeURIComponent(url.slice('file://'.length))) : url;
  return `${functionName || '(anonymous)'} ${file ? `${file.replace(/^node_modules\//, '~/')}:${lineNumber + 1}` : ''}`.trim();
}

/** Self and total time per function; total counts a function once per sample even when it recurses. */
export function summariseProfile(profile: CpuProfile): { lines: ProfileLine[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((sampleId, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(sampleId);
    if (!leaf) return;
    const leafName = frameName(leaf);
    self.set(leafName, (self.get(leafName) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = sampleId; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const name = frameName(node);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  const names = new Set([...self.keys(), ...total.keys()]);
  const lines = [...names].map((name) => ({ name, selfMs: self.get(name) ?? 0, totalMs: total.get(name) ?? 0 }));
  return { lines, totalMs };
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--'));
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [--top=25] [--filter=text]');
  const top = Number(args.find((arg) => arg.startsWith('--top='))?.slice(6) ?? 25);
  const filter = args.find((arg) => arg.startsWith('--filter='))?.slice(9);
  const { lines, totalMs } = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile);
  const shown = filter ? lines.filter((line) => line.name.includes(filter)) : lines;
  const print = (title: string, key: 'selfMs' | 'totalMs') => {
    process.stdout.write(`\n${title} (of ${totalMs.toFixed(0)} ms sampled)\n`);
    for (const line of [...shown].sort((a, b) => b[key] - a[key]).slice(0, top)) {
      process.stdout.write(`${line[key].toFixed(0).padStart(8)} ms ${((line[key] / totalMs) * 100).toFixed(1).padStart(5)} %  ${line.name}\n`);
    }
  };
  print('Self time', 'selfMs');
  print('Total time', 'totalMs');
}

if (require.main === module) main();
