/**
 * Shared test helpers: where the shared APKs are, and how to require an oracle tool.
 * A test that needs a Debian tool fails in CI when the tool is missing (never a silent skip);
 * on a developer machine it skips with the reason.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = resolve(REPO_ROOT, '..', 'shared');
export const SHARED_APKS = join(SHARED, 'apks');
export const TEST_OUTPUT = join(REPO_ROOT, 'test-output');
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

export type SharedFile = {
  path: string; // relative to SHARED_APKS
  abs: string;
  size: number;
  sha256: string;
  zipCheck: string;
  aaptPackage: string;
  apksignerDefault: string;
  groundTruth: string;
};

/** Every row of ../shared/apks/MANIFEST.tsv. */
export function sharedFiles(): SharedFile[] {
  const tsv = readFileSync(join(SHARED_APKS, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  return tsv.slice(1).map((line) => {
    const c = line.split('\t');
    return {
      path: c[0],
      abs: join(SHARED_APKS, c[0]),
      size: Number(c[1]),
      sha256: c[2],
      zipCheck: c[5] ?? '',
      aaptPackage: c[6] ?? '',
      apksignerDefault: c[7] ?? '',
      groundTruth: c[8] ?? '',
    };
  });
}

export function sharedApks(): SharedFile[] {
  return sharedFiles().filter((f) => f.path.endsWith('.apk'));
}

export function sharedDexFiles(): SharedFile[] {
  return sharedFiles().filter((f) => f.path.endsWith('.dex'));
}

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Returns true when the tool is present. Otherwise: in CI it throws (a skipped oracle is a
 * failure there); locally it marks the test skipped and returns false.
 */
export function requireTool(t: TestContext, name: string): boolean {
  if (hasTool(name)) return true;
  if (IN_CI)
    throw new Error(`${name} is missing: run scripts/setup-debian.sh (CI must not skip oracle tests)`);
  t.skip(`${name} not installed (scripts/setup-debian.sh installs it)`);
  return false;
}

export function requireShared(t: TestContext): boolean {
  if (existsSync(join(SHARED_APKS, 'MANIFEST.tsv'))) return true;
  if (IN_CI) throw new Error(`${SHARED_APKS} is missing`);
  t.skip('../shared/apks is missing');
  return false;
}

/** Runs a tool and returns stdout+stderr and its status, never throwing on a non-zero exit. */
export function runTool(
  cmd: string,
  args: string[],
  opts: { timeoutMs?: number } = {},
): { status: number; out: string; err: string } {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: opts.timeoutMs ?? 120_000,
  });
  return { status: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '' };
}

export function toolOutput(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}
