import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { fakeChars, fakePem } from '../../secrets/testing.js';
import check from './private-key.js';
import { constString, smaliClass, sput } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Keys';

test('AND-SECRET-001 hard-coded-private-key', async (t) => {
  const inCode = fakePem('RSA ', 4);
  const inAsset = fakePem('EC ', 3);
  const asset = `# client credentials\nkey: |\n${inAsset}\n`;
  const [pos, neg] = await auditFixtures(t, check, [
    {
      smali: smaliClass(CLS, [{ name: 'KEY' }], [constString(0, inCode), sput(0, CLS, 'KEY')]),
      files: { 'assets/config/client.yml': asset },
    },
    {
      // A PEM parser's header constants and a public key are not private keys.
      smali: smaliClass(
        CLS,
        [],
        [
          constString(0, '-----BEGIN RSA PRIV' + 'ATE KEY-----'),
          constString(1, '-----END RSA PRIV' + 'ATE KEY-----'),
        ],
      ),
      files: {
        'assets/server.pem': `-----BEGIN PUBLIC KEY-----\n${fakeChars(64)}\n-----END PUBLIC KEY-----\n`,
      },
    },
  ]);
  if (!pos) return;
  const f = findingsOf(pos, check.id);
  assert.equal(f.length, 2);
  const code = f.find((x) => x.evidence[0].kind === 'dex');
  const file = f.find((x) => x.evidence[0].kind === 'file');
  assert.ok(code && file);
  assert.equal(code.messageId, 'pem');
  const dex = code.evidence[0];
  if (dex.kind === 'dex') {
    assert.equal(dex.class, `L${CLS};`);
    assert.equal(dex.method, 'run()V');
    assert.equal(dex.bytecodeOffset, 0);
    assert.match(dex.instruction ?? '', /^const-string "-----BEGIN RSA PRIVATE KEY----- … \(\d+ chars\)"$/);
  }
  const ev = file.evidence[0];
  if (ev.kind === 'file') {
    assert.equal(ev.file, 'assets/config/client.yml');
    assert.equal(ev.byteOffset, asset.indexOf('-----BEGIN'));
  }
  for (const x of f) {
    const body = JSON.stringify(x);
    assert.ok(
      !body.includes(inCode.split('\n')[1]) && !body.includes(inAsset.split('\n')[1]),
      'no key material in the finding',
    );
  }
  assert.equal(findingsOf(neg, check.id).length, 0);
});
