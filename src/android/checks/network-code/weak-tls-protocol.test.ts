import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './weak-tls-protocol.js';

const ctx = (name: string, protocol: string): string =>
  smaliMethod(
    'public static',
    `${name}()V`,
    1,
    `const-string v0, "${protocol}"\ninvoke-static {v0}, Ljavax/net/ssl/SSLContext;->getInstance(Ljava/lang/String;)Ljavax/net/ssl/SSLContext;\nreturn-void`,
  );
const enabled = (protocol: string): string =>
  smaliMethod(
    'public static',
    'restrict(Ljavax/net/ssl/SSLSocket;)V',
    4,
    `const-string v0, "${protocol}"\nfilled-new-array {v0}, [Ljava/lang/String;\nmove-result-object v1\ninvoke-virtual {p0, v1}, Ljavax/net/ssl/SSLSocket;->setEnabledProtocols([Ljava/lang/String;)V\nreturn-void`,
  );

test('AND-NET-004 weak-tls-protocol', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    { smali: smaliClass('Lorg/x/Tls;', [ctx('old', 'TLSv1'), ctx('alias', 'SSL'), enabled('SSLv3')]) },
    { smali: smaliClass('Lorg/x/Tls;', [ctx('old', 'TLS'), ctx('alias', 'TLSv1.2'), enabled('TLSv1.3')]) },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id).sort((a, b) => a.messageId.localeCompare(b.messageId));
  assert.deepEqual(
    f.map((x) => [x.messageId, x.confidence, x.message]),
    [
      [
        'alias',
        'low',
        'SSLContext.getInstance("SSL") in Lorg/x/Tls;->alias()V at 0x2: names an SSL protocol (Android maps it to TLS, but the intent is an obsolete version).',
      ],
      [
        'context',
        'medium',
        'SSLContext.getInstance("TLSv1") in Lorg/x/Tls;->old()V at 0x2: requests the obsolete protocol TLSv1.',
      ],
      [
        'enabled',
        'high',
        'setEnabledProtocols(["SSLv3"]) in Lorg/x/Tls;->restrict(Ljavax/net/ssl/SSLSocket;)V at 0x6: only obsolete protocol versions are enabled.',
      ],
    ],
  );
  assertDexEvidence(f[1], 'Lorg/x/Tls;', 'old()V', 'SSLContext;->getInstance');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
