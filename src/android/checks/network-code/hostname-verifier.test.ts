import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliInit, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './hostname-verifier.js';

const HV = 'Ljavax/net/ssl/HostnameVerifier;';
const VERIFY = 'verify(Ljava/lang/String;Ljavax/net/ssl/SSLSession;)Z';
const verifier = (cls: string, body: string): Record<string, string> =>
  smaliClass(cls, [smaliInit(), smaliMethod('public', VERIFY, 4, body)], { implements: [HV] });

test('AND-NET-002 permissive-hostname-verifier', async (t) => {
  const install = smaliClass('Lorg/x/Net;', [
    smaliMethod(
      'public static',
      'setup()V',
      1,
      `new-instance v0, Lorg/x/YesMan;\ninvoke-direct {v0}, Lorg/x/YesMan;-><init>()V\ninvoke-static {v0}, Ljavax/net/ssl/HttpsURLConnection;->setDefaultHostnameVerifier(${HV})V\nreturn-void`,
    ),
    smaliMethod(
      'public static',
      'apache()V',
      1,
      'sget-object v0, Lorg/apache/http/conn/ssl/SSLSocketFactory;->ALLOW_ALL_HOSTNAME_VERIFIER:Lorg/apache/http/conn/ssl/X509HostnameVerifier;\nreturn-void',
    ),
  ]);
  // Checks the host against a constant: returns the comparison, not a constant.
  const strict =
    'const-string v0, "api.wallet.example"\ninvoke-virtual {v0, p1}, Ljava/lang/String;->equals(Ljava/lang/Object;)Z\nmove-result v0\nreturn v0';
  const [pos, neg] = await auditFixtures(t, check, [
    { smali: { ...verifier('Lorg/x/YesMan;', 'const/4 v0, 0x1\nreturn v0'), ...install } },
    { smali: verifier('Lorg/x/Strict;', strict) },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id).sort((a, b) => a.messageId.localeCompare(b.messageId));
  assert.deepEqual(
    f.map((x) => x.messageId),
    ['allowAllField', 'alwaysTrueInstalled'],
  );
  assert.equal(
    f[0].message,
    'SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER is read in Lorg/x/Net;->apache()V at 0x0: hostnames are not checked.',
  );
  assertDexEvidence(f[0], 'Lorg/x/Net;', 'apache()V', 'ALLOW_ALL_HOSTNAME_VERIFIER');
  assert.match(
    f[1].message,
    /^Lorg\/x\/YesMan;->verify\(.*\)Z returns true on every path and Lorg\/x\/YesMan; is installed in Lorg\/x\/Net;->setup\(\)V at 0x5\.$/,
  );
  assertDexEvidence(f[1], 'Lorg/x/YesMan;', 'verify(', 'return');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
