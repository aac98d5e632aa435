import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** How far above this module dfslab's package.json may be (src/core, dist/core: 2; dist/bin/chunks: 3). */
const MAX_LEVELS_UP = 4;

/**
 * dfslab's version from its package.json, the nearest one named `dfslab` above this module (two
 * levels up from src/core and dist/core, two or three from the bundled command in dist/bin).
 */
export function dfslabVersion(): string {
  if (cached) return cached;
  cached = '0.0.0';
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < MAX_LEVELS_UP; i++) {
    dir = dirname(dir);
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name !== 'dfslab') continue;
      cached = pkg.version ?? cached;
      break;
    } catch {
      // no readable package.json here: look one level up
    }
  }
  return cached;
}
