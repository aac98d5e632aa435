#!/usr/bin/env node
// Builds the lab's web UI: web/src/*.ts type-checked and compiled by the installed TypeScript to
// ES modules that browsers load natively (no bundler), plus web/index.html, web/app.css and
// web/favicon.svg, into dist/web (which `dfslab serve` serves; see src/lab/web.ts).
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'web', 'src');
const out = join(root, 'dist', 'web');
// Build beside the live folder and swap it in, so a server (or a browser test) reading dist/web
// never sees it half-written or missing.
const tmp = join(root, 'dist', `.web-${process.pid}`);

function tsFiles(dir, acc = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) tsFiles(p, acc);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) acc.push(p);
  }
  return acc;
}

const options = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  strict: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
  noEmitOnError: true,
  sourceMap: false,
  rootDir: src,
  outDir: join(tmp, 'assets'),
};

rmSync(tmp, { recursive: true, force: true });
mkdirSync(join(tmp, 'assets'), { recursive: true });
const program = ts.createProgram(tsFiles(src), options);
const emit = program.emit();
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emit.diagnostics];
if (diagnostics.length) {
  const host = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  };
  console.error(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}
cpSync(join(root, 'web', 'index.html'), join(tmp, 'index.html'));
cpSync(join(root, 'web', 'favicon.svg'), join(tmp, 'favicon.svg'));
cpSync(join(root, 'web', 'app.css'), join(tmp, 'assets', 'app.css'));
// rename() cannot replace a non-empty folder: move the old one aside first, then drop it.
const old = join(root, 'dist', `.web-old-${process.pid}`);
try {
  renameSync(out, old);
} catch {
  // no previous build
}
try {
  renameSync(tmp, out);
} catch {
  // a concurrent build swapped its (identical) output in first: keep that one
  rmSync(tmp, { recursive: true, force: true });
}
rmSync(old, { recursive: true, force: true });
console.log(`web UI built in ${out}`);
