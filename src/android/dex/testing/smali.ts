/** Test helper: assembles the .smali sources under testdata/smali/<name> with Debian's smali. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SMALI_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'testdata', 'smali');

export function assembleSmali(name: string, api = 28): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-smali-'));
  try {
    const out = join(dir, 'out.dex');
    const r = spawnSync('smali', ['a', '--api', String(api), join(SMALI_DIR, name), '-o', out], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (r.status !== 0) throw new Error(`smali failed: ${r.stderr}`);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
