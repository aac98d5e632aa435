import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './cleartext-endpoint.js';
import { endpointHosts, endpointInventory } from './lib/inventory.js';
import { constString, smaliClass, stringsXml } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Api';

/** Bytes shaped like a native library with one string in its data. */
function elfWith(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(28), Buffer.from(`\0${text}\0`)]);
}
const API = ['http://api.bank.co.ke/v1/', 'http://api.bank.co.ke/v1/pay', 'https://secure.bank.co.ke/'];

test('AND-ENDPOINT-001 cleartext-endpoint, and the endpoint inventory', async (t) => {
  const asset = '{"images": "http://cdn.bank.co.ke/img.png"}';
  const [permitted, blocked, neg] = await auditFixtures(t, check, [
    {
      appAttrs: 'android:usesCleartextTraffic="true"',
      smali: smaliClass(
        CLS,
        [],
        API.map((u, i) => constString(i, u)),
      ),
      res: stringsXml({ help_url: 'http://help.bank.co.ke/faq', gateway_host: 'gw.bank.co.ke:8443' }),
      files: {
        'assets/config.json': asset,
        'lib/arm64-v8a/libapi.so': elfWith('http://native.bank.co.ke/v2'),
      },
    },
    { smali: smaliClass(CLS, [], [constString(0, API[0])]) },
    {
      appAttrs: 'android:usesCleartextTraffic="true"',
      smali: {
        ...smaliClass(
          CLS,
          [],
          [
            constString(0, 'http://schemas.android.com/apk/res/android'),
            constString(1, 'http://localhost:8080/'),
            constString(2, 'http://10.0.2.2:3000/api'),
            constString(3, 'http://www.example.com/docs'),
            constString(4, 'http://'),
          ],
        ),
        ...smaliClass('okhttp3/internal/Fixture', [], [constString(0, 'http://lib.vendor.net/ping')]),
      },
      res: stringsXml({ ns: 'http://www.w3.org/2000/svg' }),
      files: { 'lib/arm64-v8a/libflutter.so': elfWith('http://engine.vendor.net/pub') },
    },
  ]);
  if (!permitted) return;
  const f = findingsOf(permitted, check.id);
  assert.deepEqual(
    f.map((x) => [x.messageId, x.severity]),
    [
      ['permitted', 'medium'],
      ['permitted', 'medium'],
      ['permitted', 'medium'],
      ['permitted', 'medium'],
    ],
  );
  const api = f.find((x) => x.message.startsWith('http://api.bank.co.ke'));
  assert.ok(api);
  assert.match(
    api.message,
    /\(2 URLs: http:\/\/api\.bank\.co\.ke\/v1\/, http:\/\/api\.bank\.co\.ke\/v1\/pay\) in Lorg\/dfslab\/fixture\/Api;->run and 1 other place/,
  );
  assert.deepEqual(
    api.evidence.map((e) => (e.kind === 'dex' ? e.bytecodeOffset : -1)),
    [0, 2],
  );
  const cdn = f.find((x) => x.message.startsWith('http://cdn.bank.co.ke'));
  const cev = cdn?.evidence[0];
  assert.ok(
    cev?.kind === 'file' && cev.file === 'assets/config.json' && cev.byteOffset === asset.indexOf('http://'),
  );
  const native = f.find((x) => x.message.startsWith('http://native.bank.co.ke'));
  const nev = native?.evidence[0];
  assert.ok(nev?.kind === 'file' && nev.file === 'lib/arm64-v8a/libapi.so' && nev.byteOffset === 33);
  const help = f.find((x) => x.message.startsWith('http://help.bank.co.ke'));
  assert.match(help?.message ?? '', /in @string\/help_url/);

  const b = findingsOf(blocked, check.id);
  assert.equal(b.length, 1);
  assert.equal(b[0].messageId, 'blocked');
  assert.equal(b[0].severity, 'low');

  assert.deepEqual(
    findingsOf(neg, check.id).map((x) => x.message),
    [],
  );

  // The inventory lists every endpoint, https included, with where it was found; namespaces are left out.
  const inv = endpointInventory(permitted.ctx);
  assert.deepEqual(endpointHosts(permitted.ctx), [
    'api.bank.co.ke',
    'cdn.bank.co.ke',
    'gw.bank.co.ke',
    'help.bank.co.ke',
    'native.bank.co.ke',
    'secure.bank.co.ke',
  ]);
  const gw = inv.find((e) => e.host === 'gw.bank.co.ke');
  assert.deepEqual(
    gw && { url: gw.url, scheme: gw.scheme, port: gw.port, resource: gw.sources[0].resource },
    {
      url: 'gw.bank.co.ke:8443',
      scheme: '',
      port: 8443,
      resource: 'string/gateway_host',
    },
  );
  const secure = inv.find((e) => e.url === 'https://secure.bank.co.ke/');
  assert.deepEqual(secure, {
    url: 'https://secure.bank.co.ke/',
    host: 'secure.bank.co.ke',
    scheme: 'https',
    sources: [{ file: 'classes.dex', class: `L${CLS};`, method: 'run()V', offset: 4 }],
  });
  const negInv = endpointInventory(neg.ctx);
  assert.ok(!negInv.some((e) => e.host === 'schemas.android.com' || e.host === 'www.w3.org'));
  const lib = negInv.find((e) => e.host === 'lib.vendor.net');
  assert.equal(lib?.sources[0].library, true, 'library endpoints stay in the inventory, marked');
  const engine = negInv.find((e) => e.host === 'engine.vendor.net');
  assert.deepEqual(engine?.sources, [{ file: 'lib/arm64-v8a/libflutter.so', offset: 33, library: true }]);
});
