import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './firebase-database.js';
import { constString, smaliClass, stringsXml } from './lib/smali.js';

test('AND-ENDPOINT-002 firebase-database-url', async (t) => {
  const [pos, neg] = await auditFixtures(t, check, [
    { res: stringsXml({ firebase_database_url: 'https://dfslab-fixture.firebaseio.com' }) },
    {
      smali: smaliClass(
        'org/dfslab/fixture/Links',
        [],
        [
          constString(0, 'https://firebase.google.com/docs/database'),
          constString(1, 'https://dfslab-fixture.firebaseapp.com/'),
        ],
      ),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'rtdb');
  assert.equal(f[0].severity, 'info');
  assert.match(
    f[0].message,
    /https:\/\/dfslab-fixture\.firebaseio\.com \(in @string\/firebase_database_url\).*GET https:\/\/dfslab-fixture\.firebaseio\.com\/\.json/,
  );
  const ev = f[0].evidence[0];
  assert.equal(ev.kind, 'file');
  if (ev.kind === 'file') {
    assert.equal(ev.file, 'resources.arsc');
    assert.ok((ev.byteOffset ?? 0) > 0);
  }
  assert.equal(findingsOf(neg, check.id).length, 0);
});
