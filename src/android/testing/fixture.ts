/**
 * Builds real, signed APK fixtures from source for check tests: smali (Debian's libsmali-java),
 * aapt (with Debian's framework-res.apk as the platform), zipalign and apksigner — the same
 * toolchain as a real build, so a check's positive and negative cases are real APKs.
 *
 * JVM start-up dominates (smali and apksigner are Java), so `buildFixtures` assembles every DEX
 * and signs every APK of a batch in ONE JVM each (a small Java driver compiled on first use), and
 * caches each fixture under test-output/fixtures/<hash of its sources>.apk.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const OUT = join(REPO, 'test-output', 'fixtures');
const FRAMEWORK = '/usr/share/android-framework-res/framework-res.apk';
const KEYSTORE = join(REPO, 'samples', 'demo-wallet', 'test-keystore.p12');
const KS_PASS = 'dfslab-demo';
const KS_ALIAS = 'demo';
const SMALI_JARS = ['smali', 'dexlib2', 'smali-util', 'antlr3-runtime', 'guava', 'jcommander'];
const APKSIGNER_JAR = '/usr/share/java/apksigner.jar';

export type FixtureSpec = {
  /** AndroidManifest.xml as text (aapt compiles it). */
  manifest: string;
  /** Smali sources: relative path (e.g. 'org/x/A.smali') → text. No smali → no classes.dex. */
  smali?: Record<string, string>;
  /** Resource files: path under res/ (e.g. 'values/strings.xml', 'xml/network_security_config.xml') → text. */
  res?: Record<string, string>;
  /** Extra zip entries added after aapt: path → bytes or text (assets, lib/<abi>/x.so, …). */
  files?: Record<string, string | Uint8Array>;
  /** Signing schemes to enable; default v1+v2. 'none' leaves the APK unsigned. */
  sign?: 'none' | { v1: boolean; v2: boolean; v3: boolean; minSdk?: number };
  /** smali --api level (default 26). */
  api?: number;
};

export type Fixture = { path: string; bytes: Uint8Array };

function hashSpec(spec: FixtureSpec): string {
  const h = createHash('sha256');
  const enc = (v: unknown): unknown =>
    v instanceof Uint8Array
      ? { $b: Buffer.from(v).toString('base64') }
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort()
              .map(([k, x]) => [k, enc(x)]),
          )
        : v;
  h.update(JSON.stringify(enc(spec)));
  h.update('v1'); // bump when the build recipe changes
  return h.digest('hex').slice(0, 24);
}

function jar(name: string): string | undefined {
  for (const p of [
    `/usr/share/java/${name}.jar`,
    `/usr/share/java/${name}-4.jar`,
    `/usr/share/java/${name}3.jar`,
  ])
    if (existsSync(p)) return p;
  return undefined;
}

const DRIVER = `
import java.io.*;
import java.util.*;
public class FixtureDriver {
  public static void main(String[] a) throws Exception {
    BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(a[0]), "UTF-8"));
    String line;
    while ((line = r.readLine()) != null) {
      if (line.isEmpty()) continue;
      String[] p = line.split("\\t");
      if (p[0].equals("smali")) {
        org.jf.smali.SmaliOptions o = new org.jf.smali.SmaliOptions();
        o.outputDexFile = p[2];
        o.apiLevel = Integer.parseInt(p[3]);
        if (!org.jf.smali.Smali.assemble(o, Collections.singletonList(p[1]))) throw new RuntimeException("smali failed for " + p[1]);
      } else if (p[0].equals("sign")) {
        com.android.apksigner.ApkSignerTool.main(p);
      }
    }
  }
}`;

function driverClasspath(): string {
  const jars = [...SMALI_JARS.map(jar), APKSIGNER_JAR].filter((x): x is string => !!x && existsSync(x));
  return jars.join(':');
}

function ensureDriver(): string {
  const dir = join(OUT, 'driver');
  const cls = join(dir, 'FixtureDriver.class');
  if (existsSync(cls)) return dir;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'FixtureDriver.java'), DRIVER);
  execFileSync('javac', ['-nowarn', '-cp', driverClasspath(), '-d', dir, join(dir, 'FixtureDriver.java')], {
    stdio: 'pipe',
  });
  return dir;
}

function runDriver(commands: string[][]): void {
  if (!commands.length) return;
  const dir = ensureDriver();
  const list = join(OUT, `batch-${process.pid}-${Date.now()}.tsv`);
  writeFileSync(list, commands.map((c) => c.join('\t')).join('\n') + '\n');
  try {
    execFileSync(
      'java',
      ['-Djava.security.manager=allow', '-cp', `${dir}:${driverClasspath()}`, 'FixtureDriver', list],
      { stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 },
    );
  } finally {
    rmSync(list, { force: true });
  }
}

function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    if (!resolve(p).startsWith(resolve(root) + '/'))
      throw new Error(`fixture path escapes its folder: ${rel}`);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

/** Builds (or takes from the cache) every fixture of the batch; the result is in spec order. */
export function buildFixtures(specs: FixtureSpec[]): Fixture[] {
  mkdirSync(OUT, { recursive: true });
  const jobs = specs.map((spec) => {
    const id = hashSpec(spec);
    // Per-process work dir and temp output, renamed into place: parallel test files may build the same fixture.
    return {
      spec,
      id,
      work: join(OUT, `${id}-${process.pid}`),
      apk: join(OUT, `${id}.apk`),
      tmp: join(OUT, `${id}.apk.${process.pid}.tmp`),
    };
  });
  const todo = jobs.filter((j, i) => !existsSync(j.apk) && jobs.findIndex((k) => k.id === j.id) === i);
  // 1. sources on disk, 2. all DEX in one JVM, 3. aapt + zip + zipalign per APK, 4. all signing in one JVM.
  for (const j of todo) {
    rmSync(j.work, { recursive: true, force: true });
    writeTree(j.work, { 'AndroidManifest.xml': j.spec.manifest });
    if (j.spec.smali) writeTree(join(j.work, 'smali'), j.spec.smali);
    if (j.spec.res) writeTree(join(j.work, 'res'), j.spec.res);
    mkdirSync(join(j.work, 'pkg'), { recursive: true });
  }
  runDriver(
    todo
      .filter((j) => j.spec.smali)
      .map((j) => [
        'smali',
        join(j.work, 'smali'),
        join(j.work, 'pkg', 'classes.dex'),
        String(j.spec.api ?? 26),
      ]),
  );
  const signs: string[][] = [];
  for (const j of todo) {
    const unsigned = join(j.work, 'unsigned.apk');
    const aaptArgs = [
      'package',
      '-f',
      '-M',
      join(j.work, 'AndroidManifest.xml'),
      '-I',
      FRAMEWORK,
      '-F',
      unsigned,
    ];
    if (j.spec.res) aaptArgs.push('-S', join(j.work, 'res'));
    execFileSync('aapt', aaptArgs, { stdio: 'pipe' });
    const extra: Record<string, string | Uint8Array> = { ...(j.spec.files ?? {}) };
    if (j.spec.smali) extra['classes.dex'] = readFileSync(join(j.work, 'pkg', 'classes.dex'));
    if (Object.keys(extra).length) {
      writeTree(join(j.work, 'pkg'), extra);
      execFileSync('zip', ['-q', '-X', unsigned, ...Object.keys(extra)], {
        cwd: join(j.work, 'pkg'),
        stdio: 'pipe',
      });
    }
    const aligned = join(j.work, 'aligned.apk');
    execFileSync('zipalign', ['-f', '-p', '4', unsigned, aligned], { stdio: 'pipe' });
    const sign = j.spec.sign ?? { v1: true, v2: true, v3: false };
    if (sign === 'none') {
      writeFileSync(j.tmp, readFileSync(aligned));
      continue;
    }
    signs.push([
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
      String(sign.v1),
      '--v2-signing-enabled',
      String(sign.v2),
      '--v3-signing-enabled',
      String(sign.v3),
      ...(sign.minSdk ? ['--min-sdk-version', String(sign.minSdk)] : []),
      '--out',
      j.tmp,
      aligned,
    ]);
  }
  runDriver(signs);
  for (const j of todo) {
    rmSync(j.work, { recursive: true, force: true });
    renameSync(j.tmp, j.apk);
    rmSync(`${j.tmp}.idsig`, { force: true });
  }
  return jobs.map((j) => ({ path: j.apk, bytes: readFileSync(j.apk) }));
}

export function buildFixture(spec: FixtureSpec): Fixture {
  return buildFixtures([spec])[0];
}

/** A minimal manifest; `app` is inserted inside <application>, `top` before it. */
export function manifestXml(
  opts: {
    pkg?: string;
    minSdk?: number;
    targetSdk?: number;
    app?: string;
    appAttrs?: string;
    top?: string;
    manifestAttrs?: string;
  } = {},
): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="${opts.pkg ?? 'org.dfslab.fixture'}" android:versionCode="1" android:versionName="1.0" ${opts.manifestAttrs ?? ''}>
  <uses-sdk android:minSdkVersion="${opts.minSdk ?? 24}" android:targetSdkVersion="${opts.targetSdk ?? 33}" />
  ${opts.top ?? ''}
  <application android:label="Fixture" ${opts.appAttrs ?? ''}>
    ${opts.app ?? ''}
  </application>
</manifest>
`;
}
