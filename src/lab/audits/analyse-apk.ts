/** The APK job's analysis: read the stored upload, run the Android audit with per-check progress. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { auditApk } from '../../android/audit/audit.js';
import { ANDROID_CHECKS } from '../../android/checks/index.js';
import type { Check } from '../../core/check.js';
import type { Report, ToolInfo } from '../../core/report/index.js';
import type { Progress } from './progress.js';

/** Percent reached when the checks start and end; the rest is reading/parsing and storing. */
const CHECKS_FROM = 30;
const CHECKS_TO = 90;
/** Yield to I/O (so progress writes go out) every this many checks. */
const YIELD_EVERY = 8;

/** The Android checks, each announcing itself (the engine runs them in order). */
export function countedChecks<C>(
  checks: readonly Check<C>[],
  progress: Progress,
  from: number,
  to: number,
): Check<C>[] {
  const n = checks.length;
  return checks.map((c, i) => ({
    ...c,
    // Synchronous checks stay synchronous; every YIELD_EVERY-th waits for I/O first.
    run: (ctx: C, report: Parameters<Check<C>['run']>[1]) => {
      progress.step(`running checks (${i + 1} of ${n})`, from + ((to - from) * i) / n);
      if (i % YIELD_EVERY !== 0) return c.run(ctx, report);
      return yieldToIo().then(() => c.run(ctx, report));
    },
  }));
}

export async function analyseApk(
  storedPath: string,
  fileName: string,
  opts: { dataDir: string; tool: ToolInfo; now: () => Date; progress: Progress },
): Promise<Report> {
  const { progress } = opts;
  progress.step('reading the stored APK', 5);
  const bytes = await readFile(join(opts.dataDir, 'artifacts', storedPath));
  const stagePercent: Record<string, number> = {
    'reading the APK': 10,
    'parsing manifest, resources, DEX and signatures': 15,
  };
  const { report } = await auditApk(
    new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    fileName,
    {
      tool: opts.tool,
      now: opts.now,
      checks: countedChecks(ANDROID_CHECKS, progress, CHECKS_FROM, CHECKS_TO),
      onProgress: (stage) => progress.step(stage, stagePercent[stage] ?? CHECKS_FROM),
    },
  );
  return report;
}
