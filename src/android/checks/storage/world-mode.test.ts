import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './world-mode.js';
import { method, smaliClass } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Main';

function app(mode: number, api = 'getSharedPreferences'): Record<string, string> {
  const ret =
    api === 'getSharedPreferences' ? 'Landroid/content/SharedPreferences;' : 'Ljava/io/FileOutputStream;';
  return smaliClass(CLS, [
    method('save', '()V', 2, [
      'const-string v0, "wallet_prefs"',
      `const/4 v1, ${mode}`,
      `invoke-virtual {p0, v0, v1}, L${CLS};->${api}(Ljava/lang/String;I)${ret}`,
    ]),
  ]);
}

test('AND-STORAGE-001 world-accessible-files', async (t) => {
  const viaHelper = smaliClass(CLS, [
    method('prefs', '(Ljava/lang/String;I)Landroid/content/SharedPreferences;', 1, [
      `invoke-virtual {p0, p1, p2}, L${CLS};->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;`,
      'move-result-object v0',
      'return-object v0',
    ]),
    method('save', '()V', 2, [
      'const-string v0, "pin_store"',
      'const/4 v1, 1',
      `invoke-virtual {p0, v0, v1}, L${CLS};->prefs(Ljava/lang/String;I)Landroid/content/SharedPreferences;`,
    ]),
  ]);
  const [readable, writable, priv, lib, setReadable, helper] = await auditFixtures(t, check, [
    { smali: app(1) },
    { smali: app(2, 'openFileOutput') },
    { smali: app(0) },
    {
      smali: smaliClass(
        'androidx/core/Helper',
        [
          method('save', '()V', 2, [
            'const-string v0, "x"',
            'const/4 v1, 1',
            'invoke-virtual {p0, v0, v1}, Landroid/content/Context;->getSharedPreferences(Ljava/lang/String;I)Landroid/content/SharedPreferences;',
          ]),
        ],
        'Ljava/lang/Object;',
      ),
    },
    {
      smali: smaliClass(CLS, [
        method('share', '(Ljava/io/File;)V', 2, [
          'const/4 v0, 1',
          'const/4 v1, 0',
          'invoke-virtual {p1, v0, v1}, Ljava/io/File;->setReadable(ZZ)Z',
        ]),
      ]),
    },
    { smali: viaHelper },
  ]);
  if (!readable) return;
  const f = findingsOf(readable, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'mode');
  assert.match(f[0].message, /getSharedPreferences\("wallet_prefs", 1\).*MODE_WORLD_READABLE/);
  const ev = f[0].evidence[0];
  assert.equal(ev.kind, 'dex');
  if (ev.kind === 'dex') {
    assert.equal(ev.class, `L${CLS};`);
    assert.equal(ev.method, 'save()V');
    assert.equal(ev.bytecodeOffset, 3);
    assert.match(ev.instruction ?? '', /getSharedPreferences/);
  }
  const w = findingsOf(writable, check.id);
  assert.equal(w.length, 1);
  assert.match(w[0].message, /openFileOutput.*MODE_WORLD_WRITEABLE.*overwrite/);
  assert.equal(findingsOf(priv, check.id).length, 0);
  assert.equal(findingsOf(lib, check.id).length, 0, 'library code is not the app');
  const r = findingsOf(setReadable, check.id);
  assert.equal(r.length, 1);
  assert.equal(r[0].messageId, 'file');
  const h = findingsOf(helper, check.id);
  assert.equal(h.length, 1, 'the mode passed by the caller of a helper');
  assert.match(h[0].message, /getSharedPreferences\(param0, 1\) in Lorg\/dfslab\/fixture\/Main;->prefs/);
});
