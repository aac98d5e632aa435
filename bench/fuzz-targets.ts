/**
 * What each fuzzed format runs on a mutant. A target returns normally ('ok'), throws a DfslabError
 * ('typed', the parser refused the input properly) or throws anything else (a crash: a bug).
 */
import { FormatError, isDfslabError } from '../src/core/errors.js';
import { withLimits } from '../src/core/limits.js';
import { createResolver, parseArsc } from '../src/android/arsc/index.js';
import { axmlToXml, parseAxml } from '../src/android/axml/index.js';
import { analyzeDex, parseDex } from '../src/android/dex/index.js';
import { parseElf } from '../src/android/elf/index.js';
import { inspect } from '../src/android/inspect.js';
import { parseManifest } from '../src/android/manifest/index.js';
import { verifyApkSignatures } from '../src/android/signing/index.js';
import { createInflateBudget, inflateEntry, readZip } from '../src/android/zip/index.js';
import type { Format } from './fuzz-seeds.js';

const MiB = 1024 * 1024;
/** Small limits: a mutant may declare anything, the parsers must refuse it cheaply. */
export const FUZZ_LIMITS = withLimits({
  zip: { maxEntries: 20_000, maxEntrySize: 16 * MiB, maxTotalSize: 64 * MiB },
  axml: { maxNodes: 200_000, maxStrings: 200_000 },
  arsc: { maxStrings: 500_000 },
  dex: { maxSize: 32 * MiB, maxItems: 2_000_000, maxInsnsPerMethod: 1_000_000 },
  signing: { maxBlockSize: 16 * MiB },
  maxArtifactSize: 64 * MiB,
});
/** Resolving every id of a mutated table is quadratic-ish in the worst case; bound the walk. */
const MAX_IDS = 50_000;
/** Alternate the signing policy between mutants: v1 required (minSdk 14) and v2+ only (minSdk 28). */
const SIGNING_MIN_SDKS = [14, 28];

type Target = (bytes: Uint8Array, variant: number) => void;

function zipTarget(bytes: Uint8Array): void {
  const zip = readZip(bytes, FUZZ_LIMITS.zip);
  const budget = createInflateBudget(FUZZ_LIMITS.zip);
  let firstTyped: unknown;
  for (const e of zip.entries) {
    if (e.isDirectory) continue;
    try {
      inflateEntry(bytes, e, FUZZ_LIMITS.zip, budget, { verifyCrc: true });
    } catch (err) {
      if (!isDfslabError(err)) throw err;
      firstTyped ??= err;
    }
  }
  if (firstTyped !== undefined) throw firstTyped;
}

function axmlTarget(bytes: Uint8Array): void {
  const doc = parseAxml(bytes, FUZZ_LIMITS.axml);
  axmlToXml(doc);
  parseManifest(doc);
}

function arscTarget(bytes: Uint8Array): void {
  const table = parseArsc(bytes, FUZZ_LIMITS.arsc);
  const res = createResolver(table);
  let n = 0;
  for (const pkg of table.packages) {
    for (const group of pkg.types) {
      if (!group) continue;
      for (let e = 0; e < group.entryCount && n < MAX_IDS; e++, n++) {
        const id = ((pkg.id << 24) | (group.id << 16) | e) >>> 0;
        res.values(id);
        res.resolve(id);
        res.name(id);
        res.filePath(id);
      }
    }
  }
}

function dexTarget(bytes: Uint8Array): void {
  const dex = parseDex(bytes, FUZZ_LIMITS.dex, { verifyChecksum: true });
  analyzeDex(dex, FUZZ_LIMITS.dex);
}

function signingTarget(bytes: Uint8Array, variant: number): void {
  const zip = readZip(bytes, FUZZ_LIMITS.zip);
  verifyApkSignatures(bytes, zip, {
    minSdkVersion: SIGNING_MIN_SDKS[variant % SIGNING_MIN_SDKS.length],
    limits: FUZZ_LIMITS.signing,
  });
}

function elfTarget(bytes: Uint8Array): void {
  parseElf(bytes);
}

function apkTarget(bytes: Uint8Array): void {
  inspect(bytes, 'fuzz.apk', FUZZ_LIMITS);
}

/**
 * Checks the harness itself (`--format canary`, never part of a default run): throws a TypeError
 * when byte 0 is 0x01 and spins forever when it is 0x02, so the campaign must report one crash
 * signature and one hang.
 */
function canaryTarget(bytes: Uint8Array): void {
  if (bytes[0] === 0x01) throw new TypeError('canary crash');
  if (bytes[0] === 0x02) for (;;);
  if (bytes[0] === 0x03) throw new FormatError('canary', 0, 'typed refusal');
}

export const TARGETS: Record<Format, Target> = {
  canary: canaryTarget,
  zip: zipTarget,
  axml: axmlTarget,
  arsc: arscTarget,
  dex: dexTarget,
  signing: signingTarget,
  elf: elfTarget,
  apk: apkTarget,
};
