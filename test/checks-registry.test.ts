/**
 * The house rules for checks (ESLint/gosec style): every check module is registered, has its own
 * test beside it and a doc page, its id and name are unique, and every reference it cites
 * (MASVS control, CWE, FIGI test) resolves in the catalogue.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { Check } from '../src/core/check.js';
import { ANDROID_CHECKS } from '../src/android/checks/index.js';
import type { AuditContext } from '../src/android/audit/context.js';
import { validateRefs } from '../src/catalog/index.js';
import { REPO_ROOT } from './helpers.js';

const CHECKS_DIR = join(REPO_ROOT, 'src', 'android', 'checks');

function checkModules(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) checkModules(p, out);
    else if (
      name.endsWith('.ts') &&
      !name.endsWith('.test.ts') &&
      dir !== CHECKS_DIR &&
      !p.includes('/shared/') &&
      !p.includes('/lib/')
    )
      out.push(p);
  }
  return out;
}

test('every check module is registered, tested and documented', async () => {
  const modules = checkModules(CHECKS_DIR);
  assert.ok(modules.length >= 1);
  const registered = new Set<Check<AuditContext>>(ANDROID_CHECKS);
  for (const m of modules) {
    const mod = (await import(pathToFileURL(m).href)) as { default?: Check<AuditContext> };
    const rel = relative(REPO_ROOT, m);
    assert.ok(mod.default && typeof mod.default.run === 'function', `${rel} must default-export a check`);
    assert.ok(registered.has(mod.default), `${rel} (${mod.default.id}) is not in ANDROID_CHECKS`);
    assert.ok(existsSync(m.replace(/\.ts$/, '.test.ts')), `${rel} has no test beside it`);
  }
});

test('check ids and names are unique; docs and references exist', () => {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const c of ANDROID_CHECKS) {
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
    assert.ok(!names.has(c.name), `duplicate name ${c.name}`);
    ids.add(c.id);
    names.add(c.name);
    assert.ok(
      existsSync(join(REPO_ROOT, 'docs', 'checks', `${c.id}.md`)),
      `docs/checks/${c.id}.md is missing`,
    );
    assert.deepEqual(validateRefs(c.refs), [], `${c.id} cites unknown references`);
    assert.ok(c.refs.masvs.length > 0, `${c.id} cites no MASVS control`);
    assert.ok(c.refs.cwe.length > 0 || c.severity === 'info', `${c.id} cites no CWE`);
  }
});

test('docs/checks/README.md lists every check (npm run docs:checks)', async () => {
  const { checksIndex } = await import('../scripts/gen-checks-index.js');
  const { readFileSync } = await import('node:fs');
  const committed = readFileSync(join(REPO_ROOT, 'docs', 'checks', 'README.md'), 'utf8');
  assert.equal(committed, checksIndex(), 'docs/checks/README.md is stale: run npm run docs:checks');
});
