#!/usr/bin/env node
// Bundles the `dfslab` command (dist/cli/main.js, built by tsc) into dist/bin/dfslab.js plus a few
// lazily loaded chunks, so starting the command reads a handful of files instead of ~560 modules
// (ours, the ASN.1/X.509 library, commander). It cuts ~0.1–0.15 s off every command; see
// docs/adr/0004-bundled-command.md. The library entry (dist/index.js) stays unbundled.
//
// Kept external (loaded from node_modules as usual): every package the lab server needs — they are
// only imported by `dfslab serve|worker`, some load WebAssembly or native code relative to their
// own files (PGlite, argon2), and zod must stay one copy shared with @hono/zod-openapi.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Pure-JavaScript packages the audit path loads at start-up: bundled. */
const BUNDLED = new Set(['@peculiar/asn1-cms', '@peculiar/asn1-schema', '@peculiar/asn1-x509', 'commander']);

const external = Object.keys(pkg.dependencies ?? {})
  .filter((name) => !BUNDLED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

const outdir = join(root, 'dist', 'bin');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { dfslab: 'dist/cli/main.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // The ES-module builds of the ASN.1 packages: no CommonJS interop at start-up (it cost ~50 ms).
  mainFields: ['module', 'main'],
  target: 'node20',
  external,
  chunkNames: 'chunks/[name]-[hash]',
  // The bundled CommonJS packages (the ASN.1 library) call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __dfslabRequire } from 'node:module';\nconst require = __dfslabRequire(import.meta.url);",
  },
  legalComments: 'linked',
  logLevel: 'warning',
});
