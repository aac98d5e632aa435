/** Test helper: assembles every .smali under testdata/ into one DEX with Debian's smali (once per process). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { requireTool } from '../../../test/helpers.js';

export const CODE_TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

let assembled: Uint8Array | undefined;

/** The assembled test DEX, or undefined when smali is missing locally (the test is then skipped; CI fails). */
export function assembleCodeTestdata(t: TestContext): Uint8Array | undefined {
  if (assembled) return assembled;
  if (!requireTool(t, 'smali')) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-code-'));
  try {
    const out = join(dir, 'out.dex');
    const r = spawnSync('smali', ['a', '--api', '28', CODE_TESTDATA, '-o', out], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (r.status !== 0) throw new Error(`smali failed: ${r.stderr}`);
    assembled = new Uint8Array(readFileSync(out));
    return assembled;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
