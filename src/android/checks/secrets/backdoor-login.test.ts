import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence, smaliClass, smaliMethod } from '../crypto/lib/smali-fixtures.js';
import { mayMatch } from '../../dex/lookups.js';
import check, { BACKDOOR, BACKDOOR_PREFILTER } from './backdoor-login.js';

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

test('the byte prefilter passes every account name the pattern accepts, and rules out others', () => {
  const FIRST = [
    'dev',
    'debug',
    'test',
    'admin',
    'administrator',
    'backdoor',
    'super',
    'superuser',
    'superadmin',
    'root',
    'master',
    'qa',
  ];
  const SEP = ['', '_', '-', '.'];
  const LAST = [
    'admin',
    'user',
    'login',
    'mode',
    'account',
    'acc',
    'dev',
    'test',
    'debug',
    'root',
    '',
    '7',
    '42',
    '2024',
    '0000',
  ];
  // A string_data_item: uleb128 length (all names here are < 128), the ASCII bytes, NUL.
  const item = (s: string): Uint8Array =>
    Uint8Array.from([s.length, ...[...s].map((c) => c.charCodeAt(0)), 0]);
  // Every case pattern of the first two letters, where the pairs do their work.
  const cased = (s: string, k: number): string =>
    [...s].map((c, i) => (i < 2 && (k >> i) & 1 ? c.toUpperCase() : c)).join('');
  let names = 0;
  for (const f of FIRST)
    for (const sep of SEP)
      for (const l of LAST)
        for (let k = 0; k < 4; k++) {
          const name = cased(`${f}${sep}${l}`, k);
          if (!BACKDOOR.test(name)) continue;
          names++;
          assert.ok(mayMatch(item(name), 0, BACKDOOR_PREFILTER), name);
        }
  assert.ok(names > 2000, `only ${names} names enumerated`);
  for (const other of [
    'username',
    'password',
    'login_admin',
    'https://example.com/admin',
    'administrator_account_x',
  ])
    assert.equal(BACKDOOR.test(other), false, other);
  assert.equal(mayMatch(item('username'), 0, BACKDOOR_PREFILTER), false);
  assert.equal(
    mayMatch(item('administrator_account_x'), 0, BACKDOOR_PREFILTER),
    false,
    'longer than any name',
  );
});
