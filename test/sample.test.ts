/**
 * The bundled demo app: scripts/build-sample.sh rebuilds it from samples/demo-wallet/ into a temp
 * folder; the result must be a valid, signed APK per aapt and apksigner, contain the planted
 * weaknesses listed in samples/demo-wallet/README.md, and match the committed
 * samples/demo-wallet.apk entry for entry (so the sources and the APK never drift apart).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseElf } from '../src/android/elf/index.js';
import { extractEntry } from './elf-helpers.js';
import { hasTool, REPO_ROOT, requireTool, runTool } from './helpers.js';

const COMMITTED = join(REPO_ROOT, 'samples/demo-wallet.apk');
const TOOLS = ['aapt', 'apksigner', 'smali', 'zipalign', 'zip', 'unzip', 'gcc', 'dexdump'];

let dir = '';
let apk = '';
let buildError = '';

before(() => {
  if (!TOOLS.every(hasTool)) return;
  dir = mkdtempSync(join(tmpdir(), 'dfslab-sample-'));
  const r = runTool('bash', [join(REPO_ROOT, 'scripts/build-sample.sh'), '--out', dir], {
    timeoutMs: 180_000,
  });
  if (r.status === 0) apk = join(dir, 'demo-wallet.apk');
  else buildError = `build-sample.sh exited ${r.status}: ${r.err}${r.out}`;
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function ready(t: Parameters<typeof requireTool>[0]): boolean {
  for (const tool of TOOLS) if (!requireTool(t, tool)) return false;
  assert.equal(buildError, '', buildError);
  assert.ok(apk, 'the sample was not built');
  return true;
}

/** name → CRC-32 of every entry outside META-INF/, from `unzip -lv`. */
function entryCrcs(path: string): Map<string, string> {
  const r = runTool('unzip', ['-lv', path]);
  assert.equal(r.status, 0, r.err);
  const out = new Map<string, string>();
  for (const line of r.out.split('\n')) {
    const m = /^\s*\d+\s+\S+\s+\d+\s+\S+\s+\S+\s+\S+\s+([0-9a-f]{8})\s+(.+)$/.exec(line);
    if (m && !m[2].startsWith('META-INF/')) out.set(m[2], m[1]);
  }
  return out;
}

describe('samples/demo-wallet.apk', () => {
  test('rebuilds into a signed (v1+v2+v3), aligned APK that aapt reads', (t) => {
    if (!ready(t)) return;
    const v = runTool('apksigner', ['verify', '-v', apk]);
    assert.equal(v.status, 0, v.err);
    assert.match(v.out, /Verified using v1 scheme \(JAR signing\): true/);
    assert.match(v.out, /Verified using v2 scheme \(APK Signature Scheme v2\): true/);
    assert.match(v.out, /Verified using v3 scheme \(APK Signature Scheme v3\): true/);
    const certs = runTool('apksigner', ['verify', '--print-certs', apk]);
    assert.match(certs.out, /CN="?dfslab demo \(TEST KEY, NOT SECRET\)"?/);
    assert.equal(runTool('zipalign', ['-c', '4', apk]).status, 0);
    const b = runTool('aapt', ['dump', 'badging', apk]);
    assert.equal(b.status, 0, b.err);
    assert.match(b.out, /^package: name='org\.dfslab\.demo\.wallet' versionCode='7' versionName='1\.2\.0'/m);
    assert.match(b.out, /^sdkVersion:'21'$/m);
    assert.match(b.out, /^targetSdkVersion:'28'$/m);
    assert.match(b.out, /^application-label:'Demo Wallet'$/m);
    assert.match(b.out, /^application-label-fr:'Portefeuille démo'$/m);
    assert.match(b.out, /^launchable-activity: name='org\.dfslab\.demo\.wallet\.LoginActivity'/m);
    assert.match(b.out, /^native-code: 'x86_64'$/m);
    assert.match(b.out, /uses-permission: name='android\.permission\.READ_SMS'/);
  });

  test('the committed APK matches a rebuild from the sources', (t) => {
    if (!ready(t)) return;
    const fresh = entryCrcs(apk);
    const committed = entryCrcs(COMMITTED);
    assert.ok(fresh.size >= 5);
    assert.deepEqual(committed, fresh, 'samples/demo-wallet.apk is stale: run bash scripts/build-sample.sh');
    assert.ok(statSync(COMMITTED).size < 50_000, 'the demo APK should stay small');
  });

  test('the manifest carries the planted weaknesses (aapt dump xmltree)', (t) => {
    if (!ready(t)) return;
    const x = runTool('aapt', ['dump', 'xmltree', apk, 'AndroidManifest.xml']);
    assert.equal(x.status, 0, x.err);
    const xml = x.out;
    const element = (name: string, component: string): string => {
      const start = xml.indexOf(`A: android:name(0x01010003)="${component}"`);
      assert.ok(start >= 0, `${name} ${component} is missing`);
      const open = xml.lastIndexOf(`E: ${name} `, start);
      const next = xml.slice(start).search(/\n\s+E: (activity|service|receiver|provider) /);
      return xml.slice(open, next < 0 ? undefined : start + next);
    };
    assert.match(xml, /android:allowBackup\(0x01010280\)=\(type 0x12\)0xffffffff/, 'W1');
    assert.doesNotMatch(xml, /fullBackupContent|dataExtractionRules/, 'W1: no backup rules');
    assert.match(
      xml,
      /android:debuggable\(0x0101000f\)=\(type 0x12\)0x0\b/,
      'debuggable is explicitly false',
    );
    assert.match(xml, /android:usesCleartextTraffic\(0x010104ec\)=\(type 0x12\)0xffffffff/, 'W2');
    assert.match(xml, /android:networkSecurityConfig\(0x01010527\)=@0x7f/, 'W3');
    const transfer = element('activity', '.TransferActivity');
    assert.match(transfer, /android:exported\(0x01010010\)=\(type 0x12\)0xffffffff/, 'W4');
    assert.doesNotMatch(transfer, /android:permission/, 'W4');
    const sms = element('receiver', '.SmsReceiver');
    assert.match(sms, /"android\.provider\.Telephony\.SMS_RECEIVED"/, 'W5');
    assert.match(xml, /"android\.permission\.READ_SMS"/, 'W5');
    const provider = element('provider', '.TransactionsProvider');
    assert.match(provider, /android:exported\(0x01010010\)=\(type 0x12\)0xffffffff/, 'W6');
    assert.doesNotMatch(provider, /[Pp]ermission/, 'W6');
    assert.match(xml, /android:minSdkVersion\(0x0101020c\)=\(type 0x10\)0x15/);
    assert.match(xml, /android:targetSdkVersion\(0x01010270\)=\(type 0x10\)0x1c/);
    const service = element('service', '.BalanceService');
    assert.match(service, /android:exported\(0x01010010\)=\(type 0x12\)0x0\b/);
    const nsc = runTool('aapt', ['dump', 'xmltree', apk, 'res/xml/network_security_config.xml']);
    assert.match(nsc.out, /cleartextTrafficPermitted.*"true"/, 'W3');
    assert.match(nsc.out, /A: src="user"/, 'W3');
  });

  test('the code carries the planted weaknesses (dexdump)', async (t) => {
    if (!ready(t)) return;
    const d = join(dir, 'dex');
    const u = runTool('unzip', ['-o', '-q', apk, 'classes.dex', '-d', d]);
    assert.equal(u.status, 0, u.err);
    const r = runTool('dexdump', ['-d', join(d, 'classes.dex')]);
    assert.equal(r.status, 0, r.err);
    const code = r.out;
    for (const [id, needle] of [
      ['W7', '"http://api.demo-wallet.example/v1/balance"'],
      ['W7', '"https://api.demo-wallet.example/v1/"'],
      ['W8', 'sk_live_DFSLAB_DEMO_NOT_A_REAL_KEY_'],
      ['W9', 'Ljavax/net/ssl/X509TrustManager;'],
      ['W9', 'Ljavax/net/ssl/HttpsURLConnection;.setDefaultSSLSocketFactory'],
      ['W10', 'Landroid/util/Log;.d:(Ljava/lang/String;Ljava/lang/String;)I'],
      ['W10', '"login attempt, pin="'],
      ['W11', 'getSharedPreferences:(Ljava/lang/String;I)'],
      ['W12', 'Landroid/webkit/WebSettings;.setJavaScriptEnabled:(Z)V'],
      ['W12', 'Landroid/webkit/WebView;.addJavascriptInterface'],
      ['W13', '"AES/ECB/PKCS5Padding"'],
      ['W14', '"DemoWalletKey123"'],
      ['W14', 'Ljavax/crypto/spec/SecretKeySpec;.<init>:([BLjava/lang/String;)V'],
    ] as const) {
      assert.ok(code.includes(needle), `${id}: ${needle} not found in classes.dex`);
    }
    // W9: checkServerTrusted is a bare return-void.
    const trust = /name\s+: 'checkServerTrusted'[\s\S]*?insns size\s+: (\d+)/.exec(code);
    assert.ok(trust, 'checkServerTrusted not found');
    assert.equal(trust[1], '1', 'checkServerTrusted should be a single return-void');
    // W11: mode 1 (MODE_WORLD_READABLE) is the second argument.
    assert.match(code, /const\/4 v1, #int 1[\s\S]{0,200}getSharedPreferences/);
  });

  test('the native library carries the planted weaknesses (parseElf)', async (t) => {
    if (!ready(t)) return;
    const e = parseElf(await extractEntry(apk, 'lib/x86_64/libwallet.so'));
    assert.equal(e.abi, 'x86_64');
    assert.equal(e.stackProtector, false, 'W15');
    assert.equal(e.stack, 'executable', 'W15');
    assert.equal(e.relro, 'none', 'W15');
    assert.equal(e.bindNow, false, 'W15');
    assert.deepEqual(e.unsafeImports, ['strcpy'], 'W16');
    assert.deepEqual(e.notableImports, ['system'], 'W17');
    assert.deepEqual(e.needed, ['libc.so']);
    assert.deepEqual(e.jniExports, ['Java_org_dfslab_demo_wallet_CryptoUtil_nativeCheck']);
    const stored = runTool('unzip', ['-v', apk, 'lib/x86_64/libwallet.so']);
    assert.match(stored.out, /\sStored\s/, 'the .so is stored uncompressed');
  });
});
