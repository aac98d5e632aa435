import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './url-credentials.js';
import { constString, smaliClass, stringsXml } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Sync';

test('AND-SECRET-004 url-credentials', async (t) => {
  const pw = 'Agent' + '!2024$';
  const url = `ftp://agent:${pw}@files.bank.co.ke/reports/`;
  const [pos, neg] = await auditFixtures(t, check, [
    { smali: smaliClass(CLS, [], ['const/4 v1, 0x0', constString(0, url)]) },
    {
      smali: smaliClass(
        CLS,
        [],
        [
          constString(0, 'https://%s:%s@api.bank.co.ke/'),
          constString(1, 'https://user:password@host.example.net/'),
        ],
      ),
      res: stringsXml({ docs: 'https://agent@files.bank.co.ke/ (your user name only)' }),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'userinfo');
  assert.match(
    f[0].message,
    /password in a ftp:\/\/ URL for files\.bank\.co\.ke: user "agent" with password A… \(11 chars\)/,
  );
  const ev = f[0].evidence[0];
  assert.equal(ev.kind, 'dex');
  if (ev.kind === 'dex') {
    assert.equal(ev.class, `L${CLS};`);
    assert.equal(ev.bytecodeOffset, 1);
  }
  assert.ok(!JSON.stringify(f[0]).includes(pw));
  assert.equal(findingsOf(neg, check.id).length, 0);
});
