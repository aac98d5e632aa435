import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliInit, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './trust-all-manager.js';

const TM = 'Ljavax/net/ssl/X509TrustManager;';
const CERTS = '([Ljava/security/cert/X509Certificate;Ljava/lang/String;)V';

/** A trust manager class whose checkServerTrusted has `serverBody` as its body. */
function manager(cls: string, serverBody: string, registers = 3): Record<string, string> {
  return smaliClass(
    cls,
    [
      smaliInit(),
      smaliMethod('public', `checkClientTrusted${CERTS}`, 3, 'return-void'),
      smaliMethod('public', `checkServerTrusted${CERTS}`, registers, serverBody),
      smaliMethod(
        'public',
        'getAcceptedIssuers()[Ljava/security/cert/X509Certificate;',
        2,
        'const/4 v0, 0x0\nnew-array v0, v0, [Ljava/security/cert/X509Certificate;\nreturn-object v0',
      ),
    ],
    { implements: [TM] },
  );
}

/** Code that installs `cls` with SSLContext.init. */
function installer(cls: string): Record<string, string> {
  return smaliClass('Lorg/x/Net;', [
    smaliMethod(
      'public static',
      'trustEveryone()V',
      5,
      `const-string v0, "TLS"
invoke-static {v0}, Ljavax/net/ssl/SSLContext;->getInstance(Ljava/lang/String;)Ljavax/net/ssl/SSLContext;
move-result-object v0
const/4 v1, 0x1
new-array v1, v1, [Ljavax/net/ssl/TrustManager;
new-instance v2, ${cls}
invoke-direct {v2}, ${cls}-><init>()V
const/4 v3, 0x0
aput-object v2, v1, v3
const/4 v4, 0x0
invoke-virtual {v0, v4, v1, v4}, Ljavax/net/ssl/SSLContext;->init([Ljavax/net/ssl/KeyManager;[Ljavax/net/ssl/TrustManager;Ljava/security/SecureRandom;)V
return-void`,
    ),
  ]);
}

test('AND-NET-001 trust-all-trust-manager', async (t) => {
  const logOnly =
    'const-string v0, "tm"\nconst-string v1, "trusting"\ninvoke-static {v0, v1}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I\nreturn-void';
  // Delegates to the platform trust manager held in a field: a real check.
  const delegating = `iget-object v0, p0, Lorg/x/Pinned;->inner:${TM}\ninvoke-interface {v0, p1, p2}, ${TM}->checkServerTrusted${CERTS}\nreturn-void`;
  // The array is built once into a static field in <clinit> and used by another method.
  const viaField = smaliClass(
    'Lorg/x/Holder;',
    [
      smaliMethod(
        'static constructor',
        '<clinit>()V',
        3,
        `const/4 v0, 0x1\nnew-array v0, v0, [Ljavax/net/ssl/TrustManager;\nnew-instance v1, Lorg/x/TrustAll;\ninvoke-direct {v1}, Lorg/x/TrustAll;-><init>()V\nconst/4 v2, 0x0\naput-object v1, v0, v2\nsput-object v0, Lorg/x/Holder;->TMS:[Ljavax/net/ssl/TrustManager;\nreturn-void`,
      ),
      smaliMethod(
        'public static',
        'init(Ljavax/net/ssl/SSLContext;)V',
        3,
        `sget-object v0, Lorg/x/Holder;->TMS:[Ljavax/net/ssl/TrustManager;\nconst/4 v1, 0x0\ninvoke-virtual {p0, v1, v0, v1}, Ljavax/net/ssl/SSLContext;->init([Ljavax/net/ssl/KeyManager;[Ljavax/net/ssl/TrustManager;Ljava/security/SecureRandom;)V\nreturn-void`,
      ),
    ],
    { fields: ['.field static TMS:[Ljavax/net/ssl/TrustManager;'] },
  );
  const [installed, unused, safe, field] = await auditFixtures(t, check, [
    { smali: { ...manager('Lorg/x/TrustAll;', 'return-void'), ...installer('Lorg/x/TrustAll;') } },
    { smali: manager('Lorg/x/LogOnly;', logOnly) },
    {
      smali: {
        ...smaliClass(
          'Lorg/x/Pinned;',
          [smaliInit(), smaliMethod('public', `checkServerTrusted${CERTS}`, 4, delegating)],
          { implements: [TM], fields: [`.field private inner:${TM}`] },
        ),
        ...installer('Lorg/x/Pinned;'),
      },
    },
    { smali: { ...manager('Lorg/x/TrustAll;', 'return-void'), ...viaField } },
  ]);
  if (!installed) return;
  const f = findingsOf(installed, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'installed');
  assert.equal(f[0].severity, 'critical');
  assert.match(
    f[0].message,
    /^Lorg\/x\/TrustAll;->checkServerTrusted\(.*\)V returns without throwing \(empty body\) and Lorg\/x\/TrustAll; is installed by SSLContext\.init in Lorg\/x\/Net;->trustEveryone\(\)V at 0x/,
  );
  assertDexEvidence(f[0], 'Lorg/x/TrustAll;', 'checkServerTrusted(', 'return-void');
  const second = f[0].evidence[1];
  assert.ok(
    second.kind === 'dex' &&
      second.class === 'Lorg/x/Net;' &&
      second.instruction?.includes('SSLContext;->init'),
  );

  const u = findingsOf(unused, check.id);
  assert.equal(u.length, 1);
  assert.equal(u[0].messageId, 'unused');
  assert.equal(u[0].confidence, 'medium');
  assert.match(u[0].message, /only Landroid\/util\/Log;->d/);

  assert.deepEqual(findingsOf(safe, check.id), []);

  const v = findingsOf(field, check.id);
  assert.equal(v.length, 1);
  assert.equal(v[0].messageId, 'installed');
  assert.match(
    v[0].message,
    /installed by SSLContext\.init in Lorg\/x\/Holder;->init\(Ljavax\/net\/ssl\/SSLContext;\)V at 0x3/,
  );
});
