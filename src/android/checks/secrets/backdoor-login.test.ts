import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import check from './backdoor-login.js';

/** DoLogin's shape: the typed user name (a field) compared with a constant, choosing the endpoint. */
function login(cls: string, field: string, constant: string): Record<string, string> {
  const body = `iget-object v0, p0, ${cls}->${field}:Ljava/lang/String;
const-string v1, "${constant}"
invoke-virtual {v0, v1}, Ljava/lang/String;->equals(Ljava/lang/Object;)Z
move-result v0
if-eqz v0, :normal
const-string v0, "/devlogin"
return-object v0
:normal
const-string v0, "/login"
return-object v0`;
  return smaliClass(cls, [smaliMethod('public', 'endpoint()Ljava/lang/String;', 3, body)], {
    fields: [`.field public ${field}:Ljava/lang/String;`],
  });
}

test('AND-SECRET-006 backdoor-login', async (t) => {
  const [pos, buildType, ordinary] = await auditFixtures(t, check, [
    { smali: login('Lorg/x/DoLogin;', 'username', 'devadmin') },
    // A build flavour compared with "debug" is not user input.
    { smali: login('Lorg/x/DoLogin;', 'flavor', 'debug') },
    // The user name compared with an ordinary word is not a developer account.
    { smali: login('Lorg/x/DoLogin;', 'username', 'guest') },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(
    f[0].message,
    'String.equals in Lorg/x/DoLogin;->endpoint()Ljava/lang/String; at 0x4 compares the user input Lorg/x/DoLogin;->username:Ljava/lang/String; with the hard-coded account name "devadmin" and branches on it: a developer backdoor in the login path.',
  );
  assertDexEvidence(f[0], 'Lorg/x/DoLogin;', 'endpoint(', 'equals');
  assert.deepEqual(findingsOf(buildType, check.id), []);
  assert.deepEqual(findingsOf(ordinary, check.id), []);
});
