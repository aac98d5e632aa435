import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { fakeChars, fakeJwt } from '../../secrets/testing.js';
import check from './jwt.js';
import { constString, smaliClass, stringsXml } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Session';

test('AND-SECRET-003 embedded-jwt', async (t) => {
  const forever = fakeJwt({ sub: 'agent-7', role: 'admin' });
  const expired = fakeJwt({ sub: 'agent-8', exp: 1262304000 }, 'RS256');
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: smaliClass(CLS, [], [constString(0, `Bearer ${forever}`)]),
      res: stringsXml({ demo_token: expired }),
    },
    {
      smali: smaliClass(
        CLS,
        [],
        [
          constString(0, `eyJ${fakeChars(20)}.eyJ${fakeChars(20)}.${fakeChars(20)}`),
          constString(1, 'eyJhbGciOiJIUzI1NiJ9'),
        ],
      ),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 2);
  const live = f.find((x) => x.messageId === 'live');
  const old = f.find((x) => x.messageId === 'expired');
  assert.ok(live && old);
  assert.equal(live.severity, 'high');
  assert.match(
    live.message,
    /alg HS256, no exp claim: never expires; claims: sub, role\) is embedded in Lorg\/dfslab\/fixture\/Session;->run/,
  );
  const ev = live.evidence[0];
  assert.equal(ev.kind, 'dex');
  if (ev.kind === 'dex') assert.equal(ev.bytecodeOffset, 0);
  assert.equal(old.severity, 'medium');
  assert.match(old.message, /alg RS256, expired 2010-01-01T00:00:00.000Z/);
  assert.equal(old.evidence[0].kind, 'file');
  for (const x of f) assert.ok(!JSON.stringify(x).includes(forever) && !JSON.stringify(x).includes(expired));
  assert.equal(findingsOf(neg, check.id).length, 0);
});
