import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './insecure-socket-factory.js';

const factory = (name: string): Record<string, string> =>
  smaliClass('Lorg/x/Sockets;', [
    smaliMethod(
      'public static',
      'make()V',
      2,
      `const/4 v0, 0x0\nconst/4 v1, 0x0\ninvoke-static {v0, v1}, Landroid/net/SSLCertificateSocketFactory;->${name}(ILandroid/net/SSLSessionCache;)Ljavax/net/ssl/SSLSocketFactory;\nreturn-void`,
    ),
  ]);

test('AND-NET-003 insecure-ssl-socket-factory', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    { smali: factory('getInsecure') },
    { smali: factory('getDefault') },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(
    f[0].message,
    'SSLCertificateSocketFactory.getInsecure(…) in Lorg/x/Sockets;->make()V at 0x2: sockets from this factory accept any certificate for any host.',
  );
  assertDexEvidence(f[0], 'Lorg/x/Sockets;', 'make()V', 'getInsecure');
  assert.deepEqual(findingsOf(neg, check.id), []);
});
