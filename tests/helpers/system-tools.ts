import { probeMissing, tools, type ToolId } from '../../scripts/ensure-system-tools.mjs';

/**
 * Fails the calling test (never skips it) when a system tool it needs is missing. `npm test` has already run
 * scripts/ensure-system-tools.mjs, so a miss here means the tool was removed or a test file was run on its own.
 */
export function requireSystemTools(...needed: ToolId[]): void {
  const missing = probeMissing().filter((id) => needed.includes(id));
  if (missing.length === 0) return;
  const names = missing.map((id) => tools.find((tool) => tool.id === id)?.label ?? id).join(', ');
  throw new Error(`missing system tools: ${names} — run \`node scripts/ensure-system-tools.mjs\` (npm test runs it first) to install them`);
}
