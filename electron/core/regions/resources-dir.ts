import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where the resources folder is, on its own: a reading worker needs it without the template schemas. */

/** Points at the resources folder (the one holding regions/) where walking up cannot find it. */
export const resourcesEnvVar = 'LIANHETI_RESOURCES';

/** The folder of this module, where the runtime has one (CommonJS, tsx, vitest; not an ES module bundle). */
function moduleDir(): string | undefined {
  return typeof __dirname === 'string' ? __dirname : undefined;
}

/**
 * The resources folder: LIANHETI_RESOURCES if set, else the first `resources` folder holding `regions`
 * found walking up from this module and then from the working directory — so the same code works from
 * the sources (tests, tsx), from a bundle in out/ and from an asar archive that contains resources/.
 */
export function resourcesDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[resourcesEnvVar];
  if (override) {
    const dir = resolve(override);
    if (!existsSync(join(dir, 'regions'))) {
      throw new Error(`${resourcesEnvVar} is set to ${override}, but ${join(dir, 'regions')} does not exist`);
    }
    return dir;
  }
  const starts = [moduleDir(), process.cwd()].filter((start): start is string => start !== undefined);
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'resources', 'regions'))) return join(dir, 'resources');
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`Cannot find resources/regions above ${starts.join(' or ')}; set ${resourcesEnvVar} to the resources folder`);
}
