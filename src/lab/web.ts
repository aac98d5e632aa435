/**
 * The web UI: the files `scripts/build-web.mjs` writes to dist/web, served as static files under
 * the lab's strict CSP (no inline script or style, nothing from another origin). The folder is
 * found relative to this module, so an npm-installed `dfslab serve` serves it too. Files are read
 * once at start and served from memory; anything not in the built folder is not served.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import type { LabEnv } from './env.js';

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Safety bound on the built UI (it is a few hundred KiB). */
const MAX_WEB_FILES = 500;

export type WebFile = { body: Uint8Array; type: string };

/**
 * dist/web next to dist/lab (installed or built) or above the bundled command (dist/bin, or its
 * chunks folder), else the repo's dist/web when run from src/.
 */
export function webRoot(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'web'), join(here, '..', '..', 'dist', 'web')];
  if (basename(here) === 'chunks') candidates.unshift(join(here, '..', '..', 'web'));
  for (const candidate of candidates) {
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

export function loadWebFiles(root: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        walk(p);
        continue;
      }
      const type = MEDIA_TYPES[extname(name)];
      if (!type) continue;
      if (files.size >= MAX_WEB_FILES) throw new Error(`web UI in ${root} has over ${MAX_WEB_FILES} files`);
      files.set('/' + relative(root, p).split(sep).join('/'), { body: readFileSync(p), type });
    }
  };
  walk(root);
  return files;
}

const NOT_BUILT = 'The web UI is not built. Run `npm run build:web` (the API is under /api).\n';

/** Mount GET / and the built assets on `app` (call after the /api routes). */
export function mountWeb(app: Hono<LabEnv>, root: string | undefined = webRoot()): void {
  const files = root ? loadWebFiles(root) : new Map<string, WebFile>();
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/api/')) return next();
    const file = files.get(path === '/' ? '/index.html' : path);
    if (!file) {
      if (path === '/' && files.size === 0) return c.text(NOT_BUILT, 503);
      return next();
    }
    c.header('content-type', file.type);
    c.header('cache-control', file.type.startsWith('text/html') ? 'no-cache' : 'public, max-age=300');
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200);
  });
}
