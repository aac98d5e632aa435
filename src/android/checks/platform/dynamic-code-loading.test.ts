import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './dynamic-code-loading.js';
import { method, smaliClass } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Plugins';

function loader(path: string): Record<string, string> {
  return smaliClass(
    CLS,
    [
      method('load', '(Ljava/lang/ClassLoader;)V', 4, [
        'new-instance v0, Ldalvik/system/DexClassLoader;',
        `const-string v1, "${path}"`,
        'const-string v2, "/data/data/org.dfslab.fixture/code_cache"',
        'const/4 v3, 0',
        'invoke-direct {v0, v1, v2, v3, p1}, Ldalvik/system/DexClassLoader;-><init>(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/ClassLoader;)V',
      ]),
    ],
    'Ljava/lang/Object;',
  );
}

test('AND-PLATFORM-001 dynamic-code-loading', async (t) => {
  const [external, internal, none] = await auditFixtures(t, check, [
    { smali: loader('/sdcard/plugin.apk') },
    { smali: loader('/data/data/org.dfslab.fixture/files/plugin.dex') },
    {
      smali: smaliClass(
        CLS,
        [method('load', '()V', 1, ['const-string v0, "DexClassLoader"'])],
        'Ljava/lang/Object;',
      ),
    },
  ]);
  if (!external) return;
  const f = findingsOf(external, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'external');
  assert.equal(f[0].severity, 'high');
  assert.match(f[0].message, /new DexClassLoader .*"\/sdcard\/plugin\.apk"/);
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'dex' &&
      ev.method === 'load(Ljava/lang/ClassLoader;)V' &&
      /DexClassLoader;-><init>/.test(ev.instruction ?? ''),
  );
  const i = findingsOf(internal, check.id);
  assert.equal(i.length, 1);
  assert.equal(i[0].messageId, 'path');
  assert.equal(i[0].severity, 'medium');
  assert.equal(findingsOf(none, check.id).length, 0, 'a string naming the class is not a load');
});
