import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { parseDex, type DexFile } from '../dex/index.js';
import {
  analyzeMethodValues,
  classesImplementing,
  constantInt,
  findMethod,
  formatInsn,
  formatValue,
  hasNonConstantPart,
  knownBytes,
  methodAlwaysReturnsConst,
  methodCallsOnReceiver,
  methodReturnsNullOrEmptyArray,
  methodReturnsWithoutThrowing,
  possibleInts,
  possibleStrings,
  reachedOnEveryPath,
  resolveMethod,
  subclassesOf,
  trivialBody,
  valuesAtCall,
  type CallValues,
  type MethodHandle,
} from './index.js';
import { assembleCodeTestdata } from './testing.js';

const CIPHER = 'Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;';
const KEY_SPEC = 'Ljavax/crypto/spec/SecretKeySpec;-><init>([BLjava/lang/String;)V';
const IV_SPEC = 'Ljavax/crypto/spec/IvParameterSpec;-><init>([B)V';
const JS = 'Landroid/webkit/WebSettings;->setJavaScriptEnabled(Z)V';
const RAW_QUERY =
  'Landroid/database/sqlite/SQLiteDatabase;->rawQuery(Ljava/lang/String;[Ljava/lang/String;)Landroid/database/Cursor;';
const CHECK_SERVER = '([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V';
const VERIFY = '(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z';

let dex: DexFile | undefined;

function load(t: TestContext): DexFile | undefined {
  const d = assembleCodeTestdata(t);
  if (d && !dex) dex = parseDex(d);
  return d ? dex : undefined;
}

function method(d: DexFile, cls: string, name: string, proto?: string): MethodHandle {
  const m = findMethod(d, cls, name, proto);
  assert.ok(m, `${cls}->${name}`);
  return m;
}

/** The calls to `callee` made by a method, in bytecode order. */
function callsTo(d: DexFile, cls: string, name: string, callee: string): CallValues[] {
  const m = method(d, cls, name);
  return [...analyzeMethodValues(d, m.method).calls.values()]
    .filter((c) => c.descriptor === callee)
    .sort((a, b) => a.offset - b.offset);
}

function cipherArg(d: DexFile, name: string): string[] | undefined {
  const [c] = callsTo(d, 'Lt/Crypto;', name, CIPHER);
  assert.ok(c, `no Cipher.getInstance in ${name}`);
  return possibleStrings(c.args[0]);
}

test('a constant reaches Cipher.getInstance directly, through moves, fields, branches, switches and builders', (t) => {
  const d = load(t);
  if (!d) return;
  assert.deepEqual(cipherArg(d, 'direct'), ['AES/ECB/PKCS5Padding']);
  assert.deepEqual(cipherArg(d, 'moves'), ['DES']);
  assert.deepEqual(
    cipherArg(d, 'staticField'),
    ['AES/ECB/PKCS5Padding'],
    'static final value from static_values',
  );
  assert.deepEqual(cipherArg(d, 'clinitField'), ['DESede/ECB/NoPadding'], 'value stored by <clinit>');
  assert.deepEqual(cipherArg(d, 'branches')?.sort(), ['AES/CBC/PKCS5Padding', 'AES/ECB/NoPadding']);
  assert.deepEqual(cipherArg(d, 'switched')?.sort(), ['A', 'B', 'C']);
  assert.deepEqual(cipherArg(d, 'builder'), ['AES/ECB/PKCS5Padding']);
  const [wide] = callsTo(d, 'Lt/Crypto;', 'wideParams', CIPHER);
  assert.deepEqual(
    wide.args[0],
    { kind: 'param', index: 1, type: 'Ljava/lang/String;' },
    'a long parameter takes two registers',
  );
  assert.equal(cipherArg(d, 'loop'), undefined, 'a loop-built string is not a known constant');
  assert.equal(cipherArg(d, 'helperAppends'), undefined, 'a builder passed to other code may be appended to');
  const [helper] = callsTo(d, 'Lt/Crypto;', 'helperAppends', CIPHER);
  assert.ok(hasNonConstantPart(helper.args[0]));
});

test('instance fields resolve to what every constructor stores, unless the method writes them', (t) => {
  const d = load(t);
  if (!d) return;
  const [iv] = callsTo(d, 'Lt/Holder;', 'use', IV_SPEC);
  assert.deepEqual([...(knownBytes(iv.args[1]) ?? [])], new Array<number>(8).fill(0));
  const [name, other] = callsTo(d, 'Lt/Holder;', 'use', CIPHER);
  assert.deepEqual(
    possibleStrings(name.args[0])?.sort(),
    ['AES', 'DES'],
    'joined over the constructors; this(...) delegation skipped',
  );
  assert.equal(possibleStrings(other.args[0]), undefined, 'one constructor leaves it null');
  const [over] = callsTo(d, 'Lt/Holder;', 'overwrite', CIPHER);
  assert.equal(possibleStrings(over.args[0]), undefined, 'written by the method itself');
});

test('values reach the catch handler along exception edges', (t) => {
  const d = load(t);
  if (!d) return;
  const calls = callsTo(d, 'Lt/Crypto;', 'inCatch', CIPHER);
  assert.equal(calls.length, 2);
  assert.deepEqual(possibleStrings(calls[0].args[0]), ['AES/GCM/NoPadding']);
  assert.deepEqual(possibleStrings(calls[1].args[0]), ['RC4']);
});

test('hard-coded key and IV bytes reach SecretKeySpec and IvParameterSpec', (t) => {
  const d = load(t);
  if (!d) return;
  const key = callsTo(d, 'Lt/Crypto;', 'keyFromArray', KEY_SPEC)[0];
  assert.deepEqual(
    [...(knownBytes(key.args[1]) ?? [])],
    [0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0xff],
  );
  assert.equal(key.args[0].kind, 'new', 'the receiver is the new SecretKeySpec');
  const fromString = callsTo(d, 'Lt/Crypto;', 'keyFromString', KEY_SPEC)[0];
  assert.equal(Buffer.from(knownBytes(fromString.args[1]) ?? []).toString(), 'secretkey1234567');
  const fromClinit = callsTo(d, 'Lt/Crypto;', 'clinitField', KEY_SPEC)[0];
  assert.deepEqual(
    [...(knownBytes(fromClinit.args[1]) ?? [])],
    [1, 2, 3, 4],
    'static byte[] filled in <clinit>',
  );
  const iv = callsTo(d, 'Lt/Crypto;', 'zeroIv', IV_SPEC)[0];
  assert.deepEqual(
    [...(knownBytes(iv.args[1]) ?? [])],
    new Array<number>(16).fill(0),
    'new-array without fill is all zeros',
  );
  const aput = callsTo(d, 'Lt/Crypto;', 'aputKey', IV_SPEC)[0];
  assert.deepEqual([...(knownBytes(aput.args[1]) ?? [])], [7, 42]);
  const random = callsTo(d, 'Lt/Crypto;', 'randomIv', IV_SPEC)[0];
  assert.equal(knownBytes(random.args[1]), undefined, 'SecureRandom.nextBytes wrote into the IV');
  const iv2 = random.args[1];
  assert.equal(iv2.kind === 'array' ? iv2.length : -1, 16, 'the length survives');
});

test('setJavaScriptEnabled(true) vs (false) vs a parameter', (t) => {
  const d = load(t);
  if (!d) return;
  const arg = (name: string) => callsTo(d, 'Lt/Web;', name, JS)[0].args[1];
  assert.equal(constantInt(arg('enable')), 1);
  assert.equal(constantInt(arg('disable')), 0);
  const p = arg('fromParam');
  assert.equal(constantInt(p), undefined);
  assert.deepEqual(p, { kind: 'param', index: 1, type: 'Z' });
  const recv = callsTo(d, 'Lt/Web;', 'enable', JS)[0].args[0];
  assert.deepEqual(recv, { kind: 'param', index: 0, type: 'Landroid/webkit/WebSettings;' });
});

test('rawQuery with a concatenated parameter vs constant SQL with selection args', (t) => {
  const d = load(t);
  if (!d) return;
  const bad = callsTo(d, 'Lt/Db;', 'inject', RAW_QUERY)[0];
  const sql = bad.args[1];
  assert.equal(sql.kind, 'concat');
  assert.ok(hasNonConstantPart(sql));
  assert.equal(possibleStrings(sql), undefined);
  if (sql.kind === 'concat')
    assert.deepEqual(
      sql.parts.map((p) => p.kind),
      ['string', 'param', 'string'],
    );
  assert.equal(bad.args[2].kind, 'null', 'a 0 passed as a reference is null');
  const good = callsTo(d, 'Lt/Db;', 'safe', RAW_QUERY)[0];
  assert.deepEqual(possibleStrings(good.args[1]), ['SELECT * FROM users WHERE name = ?']);
  assert.equal(hasNonConstantPart(good.args[1]), false);
  assert.equal(good.args[2].kind, 'array');
  const exec = callsTo(
    d,
    'Lt/Db;',
    'concat',
    'Landroid/database/sqlite/SQLiteDatabase;->execSQL(Ljava/lang/String;)V',
  )[0];
  assert.ok(hasNonConstantPart(exec.args[1]), formatValue(exec.args[1]));
  const [fmt] = callsTo(d, 'Lt/Db;', 'formatted', RAW_QUERY);
  const f = fmt.args[1];
  assert.equal(f.kind, 'concat', formatValue(f));
  if (f.kind === 'concat')
    assert.deepEqual(
      f.parts.map((p) => (p.kind === 'string' ? p.text : p.kind)),
      ["SELECT * FROM users WHERE name = '", 'param', "' AND age > ", '18'],
    );
  assert.ok(hasNonConstantPart(f));
  const [fmtConst] = callsTo(
    d,
    'Lt/Db;',
    'formatted',
    'Landroid/database/sqlite/SQLiteDatabase;->execSQL(Ljava/lang/String;)V',
  );
  assert.deepEqual(
    possibleStrings(fmtConst.args[1]),
    ['SELECT 7%'],
    'String.format folds constant arguments',
  );
});

test('trust-all trust managers vs ones that throw or delegate', (t) => {
  const d = load(t);
  if (!d) return;
  const all = method(d, 'Lt/TrustAll;', 'checkServerTrusted', CHECK_SERVER);
  assert.equal(methodReturnsWithoutThrowing(d, all.method), true);
  assert.deepEqual(trivialBody(d, all.method), {
    kind: 'logging-only',
    calls: ['Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I'],
  });
  assert.deepEqual(trivialBody(d, method(d, 'Lt/TrustAll;', 'checkClientTrusted').method), {
    kind: 'empty',
    calls: [],
  });
  assert.equal(
    methodReturnsNullOrEmptyArray(d, method(d, 'Lt/TrustAll;', 'getAcceptedIssuers').method),
    true,
  );
  assert.equal(
    methodReturnsWithoutThrowing(d, method(d, 'Lt/Strict;', 'checkServerTrusted').method),
    false,
    'throws',
  );
  assert.equal(
    methodReturnsWithoutThrowing(d, method(d, 'Lt/Strict;', 'checkClientTrusted').method),
    false,
    'delegates',
  );
  assert.equal(methodReturnsNullOrEmptyArray(d, method(d, 'Lt/Strict;', 'getAcceptedIssuers').method), false);
  const impls = classesImplementing([d], 'Ljavax/net/ssl/X509TrustManager;')
    .map((c) => c.descriptor)
    .sort();
  assert.deepEqual(
    impls,
    ['Lt/MyTrust;', 'Lt/Strict;', 'Lt/SubTrust;', 'Lt/TrustAll;'],
    'direct, via a superclass and via a sub-interface',
  );
  assert.equal(
    resolveMethod([d], 'Lt/SubTrust;', 'checkServerTrusted', CHECK_SERVER)?.cls,
    'Lt/TrustAll;',
    'inherited implementation',
  );
});

test('HostnameVerifier returning true vs delegating', (t) => {
  const d = load(t);
  if (!d) return;
  assert.equal(methodAlwaysReturnsConst(d, method(d, 'Lt/AllowAll;', 'verify', VERIFY).method), 1);
  assert.equal(
    methodAlwaysReturnsConst(d, method(d, 'Lt/AllowAll;', 'branchy').method),
    1,
    'true on both arms',
  );
  assert.equal(methodAlwaysReturnsConst(d, method(d, 'Lt/AllowAll;', 'checks').method), undefined);
  assert.equal(methodAlwaysReturnsConst(d, method(d, 'Lt/Delegating;', 'verify').method), undefined);
  const ret = analyzeMethodValues(d, method(d, 'Lt/Delegating;', 'verify').method).returns[0].value;
  assert.equal(
    ret?.kind === 'invoke' ? ret.method : undefined,
    'Ljavax/net/ssl/HostnameVerifier;->verify(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z',
  );
  assert.equal(possibleInts(ret ?? { kind: 'unknown' }), undefined);
});

test('SslErrorHandler.proceed() on the handler parameter, always or conditionally', (t) => {
  const d = load(t);
  if (!d) return;
  const proceed = 'Landroid/webkit/SslErrorHandler;->proceed()V';
  const clients = subclassesOf([d], 'Landroid/webkit/WebViewClient;')
    .map((c) => c.descriptor)
    .sort();
  assert.deepEqual(clients, ['Lt/CondClient;', 'Lt/MyClient;']);
  for (const [cls, always] of [
    ['Lt/MyClient;', true],
    ['Lt/CondClient;', false],
  ] as const) {
    const m = method(d, cls, 'onReceivedSslError');
    const calls = methodCallsOnReceiver(d, m.method, proceed, 1);
    assert.equal(calls.length, 1, cls);
    assert.equal(methodCallsOnReceiver(d, m.method, proceed, 0).length, 0, 'not on the WebView parameter');
    const mv = analyzeMethodValues(d, m.method);
    assert.equal(
      reachedOnEveryPath(
        mv,
        calls.map((c) => c.offset),
      ),
      always,
      cls,
    );
  }
});

test('valuesAtCall and formatInsn agree on an invoke', (t) => {
  const d = load(t);
  if (!d) return;
  const m = method(d, 'Lt/Crypto;', 'direct');
  const mv = analyzeMethodValues(d, m.method);
  const insn = mv.insns.find((i) => i.name === 'invoke-static');
  assert.ok(insn);
  assert.equal(formatInsn(d, insn), `invoke-static {v0}, ${CIPHER}`);
  assert.equal(formatInsn(d, mv.insns[0]), 'const-string v0, "AES/ECB/PKCS5Padding"');
  const v = valuesAtCall(d, m.method, insn.offset);
  assert.equal(v?.descriptor, CIPHER);
  assert.deepEqual(possibleStrings(v?.args[0] ?? { kind: 'unknown' }), ['AES/ECB/PKCS5Padding']);
  assert.equal(valuesAtCall(d, m.method, 0), undefined, 'not an invoke');
  const moves = method(d, 'Lt/Crypto;', 'moves');
  const mm = analyzeMethodValues(d, moves.method);
  assert.equal(formatInsn(d, mm.insns[2]), 'move-object/from16 v17, v2');
  const state = mm.stateBefore(mm.insns[4].offset);
  assert.deepEqual(possibleStrings(state?.[17] ?? { kind: 'unknown' }), ['DES']);
  const range = mv.insns.find((i) => i.name === 'return-void');
  assert.ok(range);
  assert.equal(formatInsn(d, range), 'return-void');
});
