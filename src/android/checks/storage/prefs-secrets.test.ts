import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './prefs-secrets.js';
import { method, smaliClass } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Store';
const PUT =
  'invoke-interface {p1, v0, v1}, Landroid/content/SharedPreferences$Editor;->putString(Ljava/lang/String;Ljava/lang/String;)Landroid/content/SharedPreferences$Editor;';

function store(key: string, value: string[]): Record<string, string> {
  return smaliClass(
    CLS,
    [
      method('save', '(Landroid/content/SharedPreferences$Editor;Ljava/lang/String;)V', 2, [
        `const-string v0, "${key}"`,
        ...value,
        PUT,
      ]),
    ],
    'Ljava/lang/Object;',
  );
}

test('AND-STORAGE-006 plaintext-secret-preferences', async (t) => {
  const viaField = (call: string): string[] => [
    call,
    'move-result-object v1',
    `iput-object v1, p0, L${CLS};->secret:Ljava/lang/String;`,
    `iget-object v1, p0, L${CLS};->secret:Ljava/lang/String;`,
  ];
  const [pin, name, encrypted, fieldEncrypted, fieldPlain] = await auditFixtures(t, check, [
    { smali: store('user_pin', ['move-object v1, p2']) },
    { smali: store('display_name', ['move-object v1, p2']) },
    {
      smali: store('authToken', [
        `invoke-static {p2}, L${CLS};->encrypt(Ljava/lang/String;)Ljava/lang/String;`,
        'move-result-object v1',
      ]),
    },
    {
      smali: store(
        'superSecurePassword',
        viaField(`invoke-static {p2}, L${CLS};->aesEncryptedString(Ljava/lang/String;)Ljava/lang/String;`),
      ),
    },
    {
      smali: store(
        'superSecurePassword',
        viaField('invoke-virtual {p2}, Ljava/lang/String;->trim()Ljava/lang/String;'),
      ),
    },
  ]);
  if (!pin) return;
  const f = findingsOf(pin, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'plain');
  assert.match(f[0].message, /putString\("user_pin", param1\).*a pin is stored/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'dex' &&
      ev.method === 'save(Landroid/content/SharedPreferences$Editor;Ljava/lang/String;)V' &&
      /putString/.test(ev.instruction ?? ''),
  );
  assert.equal(findingsOf(name, check.id).length, 0);
  assert.equal(findingsOf(encrypted, check.id).length, 0);
  assert.equal(findingsOf(fieldEncrypted, check.id).length, 0, 'encrypted into a field first, then stored');
  const fp = findingsOf(fieldPlain, check.id);
  assert.equal(fp.length, 1);
  assert.match(fp[0].message, /a password is stored/);
});
