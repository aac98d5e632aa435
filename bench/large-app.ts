/**
 * The synthetic large app for the audit goal "a 50 MB app with 40+ DEX files": the appium
 * uiautomator2 server APK (18 MB, 16 DEX, its manifest and resources) plus the largest distinct
 * DEX files of /work/shared/apks renamed classes17.dex, classes18.dex, … until the APK has at least
 * MIN_DEX DEX files and MIN_BYTES bytes. Repacked with `zip`, aligned with `zipalign` and signed
 * (v1 + v2) with Debian's `apksigner` and the demo keystore; cached in bench/out/large-app/.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { readZip } from '../src/android/zip/index.js';
import { MiB, OUT_DIR, ROOT, SHARED_APKS, log, readBytes, sharedRows } from './common.js';
import { uiautomator2Apk } from './large.js';

export const MIN_DEX = 42;
/** 50 MB (decimal, as app stores count). */
export const MIN_BYTES = 50_000_000;
/** Safety bound on how many DEX files are added. */
const MAX_DEX = 80;
const DIR = join(OUT_DIR, 'large-app');
const APK = join(DIR, 'large-app.apk');
const KEYSTORE = join(ROOT, 'samples', 'demo-wallet', 'test-keystore.p12');
const KS_PASS = 'dfslab-demo';
const KS_ALIAS = 'demo';
const DEX_NAME = /^classes(\d*)\.dex$/;
const METHOD_STORED = 0;

type DexSource = { from: string; entry: string; data: Uint8Array };

/** Every distinct loaded DEX of the shared APKs, largest first (ties by path: deterministic). */
function sharedDex(skip: Set<string>): DexSource[] {
  const seen = new Set(skip);
  const out: DexSource[] = [];
  for (const row of sharedRows()) {
    if (!row.path.endsWith('.apk')) continue;
    let bytes: Uint8Array;
    try {
      bytes = readBytes(join(SHARED_APKS, row.path));
      const zip = readZip(bytes);
      for (const e of zip.entries) {
        if (!DEX_NAME.test(e.name) || e.uncompressedSize < 1024) continue;
        const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
        const data = e.method === METHOD_STORED ? raw : new Uint8Array(inflateRawSync(raw));
        const sha = createHash('sha256').update(data).digest('hex');
        if (seen.has(sha)) continue;
        seen.add(sha);
        out.push({ from: row.path, entry: e.name, data });
      }
    } catch {
      continue; // the deliberately broken zips of the corpus
    }
  }
  return out.sort((a, b) => b.data.length - a.data.length || a.from.localeCompare(b.from));
}

function baseDexCount(bytes: Uint8Array): { count: number; hashes: Set<string> } {
  const zip = readZip(bytes);
  const hashes = new Set<string>();
  let count = 0;
  for (const e of zip.entries) {
    if (!DEX_NAME.test(e.name)) continue;
    count++;
    const raw = bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    const data = e.method === METHOD_STORED ? raw : inflateRawSync(raw);
    hashes.add(createHash('sha256').update(data).digest('hex'));
  }
  return { count, hashes };
}

/** Builds (once) and returns the path of the synthetic large APK, or undefined when a tool is missing. */
export function largeApp(): string | undefined {
  if (existsSync(APK)) return APK;
  const base = uiautomator2Apk();
  if (!base) {
    log('large app: the uiautomator2 server APK is not available; skipped');
    return undefined;
  }
  try {
    rmSync(DIR, { recursive: true, force: true });
    const work = join(DIR, 'work');
    mkdirSync(work, { recursive: true });
    const unsigned = join(DIR, 'unsigned.apk');
    copyFileSync(base, unsigned);
    // Drop the old v1 signature files; the v2 block goes when zip rewrites the archive.
    execFileSync('zip', ['-q', '-d', unsigned, 'META-INF/*.SF', 'META-INF/*.RSA', 'META-INF/MANIFEST.MF'], {
      stdio: 'ignore',
    });
    const baseBytes = readBytes(base);
    const { count, hashes } = baseDexCount(baseBytes);
    let n = count;
    let size = statSync(unsigned).size;
    const added: string[] = [];
    const names: string[] = [];
    for (const d of sharedDex(hashes)) {
      if ((n >= MIN_DEX && size >= MIN_BYTES) || n >= MAX_DEX) break;
      n++;
      const name = `classes${n}.dex`;
      writeFileSync(join(work, name), d.data);
      names.push(name);
      added.push(`${name} ← ${d.from}!${d.entry} (${(d.data.length / MiB).toFixed(1)} MB)`);
      size += deflateRawSync(d.data).length; // what zip will store
    }
    execFileSync('zip', ['-q', '-X', unsigned, ...names], { cwd: work, stdio: 'ignore' });
    const aligned = join(DIR, 'aligned.apk');
    execFileSync('zipalign', ['-f', '-p', '4', unsigned, aligned], { stdio: 'ignore' });
    execFileSync(
      'apksigner',
      [
        'sign',
        '--ks',
        KEYSTORE,
        '--ks-type',
        'PKCS12',
        '--ks-pass',
        `pass:${KS_PASS}`,
        '--ks-key-alias',
        KS_ALIAS,
        '--v1-signing-enabled',
        'true',
        '--v2-signing-enabled',
        'true',
        '--out',
        APK,
        aligned,
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(join(DIR, 'sources.txt'), `${added.join('\n')}\n`);
    rmSync(work, { recursive: true, force: true });
    rmSync(unsigned, { force: true });
    rmSync(aligned, { force: true });
    rmSync(`${APK}.idsig`, { force: true });
    log(`large app: ${n} DEX, ${(statSync(APK).size / 1e6).toFixed(1)} MB → ${APK}`);
    return APK;
  } catch (e) {
    log(`large app: could not build (${String(e)})`);
    return undefined;
  }
}

if (process.argv[1]?.endsWith('large-app.ts')) {
  const p = largeApp();
  process.stdout.write(`${p ?? 'not built'}\n`);
}
