import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { fakeChars } from '../../secrets/testing.js';
import check from './password.js';
import { constString, smaliClass, sput, stringsXml } from './lib/smali.js';

const APP = 'org/dfslab/fixture/Db';
const LIB = 'okhttp3/internal/Fixture';
const PUT =
  'invoke-virtual {v2, v0, v1}, Lorg/json/JSONObject;->put(Ljava/lang/String;Ljava/lang/Object;)Lorg/json/JSONObject;';

test('AND-SECRET-005 hard-coded-secret', async (t) => {
  const dbPassword = 'Dinesh' + '@123$';
  const jsonPassword = 'Agent' + '#2024!';
  const secret = fakeChars(40, undefined, 31);
  const bearer = fakeChars(32, undefined, 32);
  const getterSecret = fakeChars(28, undefined, 33);
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: {
        ...smaliClass(
          APP,
          [{ name: 'DB_PASSWORD' }],
          [
            constString(0, dbPassword),
            sput(0, APP, 'DB_PASSWORD'),
            'new-instance v2, Lorg/json/JSONObject;',
            constString(0, 'password'),
            constString(1, jsonPassword),
            PUT,
            constString(3, 'Authorization'),
            constString(4, `Bearer ${bearer}`),
            'invoke-virtual {v2, v3, v4}, Ljava/net/HttpURLConnection;->setRequestProperty(Ljava/lang/String;Ljava/lang/String;)V',
          ],
        ),
        ...smaliClass('org/dfslab/fixture/Keys', [], [constString(0, getterSecret)], 'getApiSecret'),
      },
      res: stringsXml({ api_secret: secret }),
    },
    {
      smali: {
        ...smaliClass(LIB, [{ name: 'PASSWORD' }], [constString(0, dbPassword), sput(0, LIB, 'PASSWORD')]),
        ...smaliClass(
          'org/dfslab/fixture/Crypto',
          [],
          [constString(0, 'AES/CBC/PKCS5Padding'), constString(1, 'x9' + '#Kp2mL!')],
          'encryptPassword',
        ),
        ...smaliClass(
          APP,
          [{ name: 'PASSWORD_HINT' }, { name: 'TOKEN' }],
          [
            constString(0, 'Kx9#pLm2'),
            sput(0, APP, 'PASSWORD_HINT'),
            constString(1, 'short1'),
            sput(1, APP, 'TOKEN'),
          ],
        ),
      },
      res: stringsXml({
        password: 'Password:',
        password_hint: 'At least 8 chars, 1 digit',
        api_key: 'YOUR_API_KEY',
      }),
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.deepEqual(f.map((x) => x.messageId).sort(), [
    'entropy',
    'entropy',
    'entropy',
    'password',
    'password',
  ]);
  const db = f.find((x) => x.message.includes('"DB_PASSWORD"'));
  assert.ok(db);
  assert.match(
    db.message,
    /A password-like constant D… \(11 chars\) named "DB_PASSWORD" in Lorg\/dfslab\/fixture\/Db;->run/,
  );
  const ev = db.evidence[0];
  assert.equal(ev.kind, 'dex');
  if (ev.kind === 'dex') assert.equal(ev.bytecodeOffset, 0);
  const json = f.find((x) => x.message.includes('named "password"'));
  assert.ok(json, 'the key string just before the value names it');
  const res = f.find((x) => x.messageId === 'entropy' && x.message.includes('api_secret'));
  assert.ok(res);
  assert.match(res.message, /named "string\/api_secret" in @string\/api_secret/);
  for (const x of f)
    for (const s of [dbPassword, jsonPassword, secret]) assert.ok(!JSON.stringify(x).includes(s));
  assert.deepEqual(
    findingsOf(neg, check.id).map((x) => x.message),
    [],
  );
});
