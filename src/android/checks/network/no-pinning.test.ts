import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './no-pinning.js';
import { withNsc } from './lib/fixtures.js';

const INTERNET = '<uses-permission android:name="android.permission.INTERNET"/>';
const PINS =
  '<pin-set expiration="2099-01-01"><pin digest="SHA-256">7HIpactkIAq2Y49orFOOQKurWxmmSFZhBCoQYcRhJ3Y=</pin></pin-set>';

const API_SMALI = `.class public Lorg/dfslab/fixture/Api;
.super Ljava/lang/Object;

.method public static build()V
    .registers 4
    new-instance v0, Lokhttp3/CertificatePinner$Builder;
    invoke-direct {v0}, Lokhttp3/CertificatePinner$Builder;-><init>()V
    const-string v1, "api.example.com"
    const/4 v2, 0x1
    new-array v2, v2, [Ljava/lang/String;
    invoke-virtual {v0, v1, v2}, Lokhttp3/CertificatePinner$Builder;->add(Ljava/lang/String;[Ljava/lang/String;)Lokhttp3/CertificatePinner$Builder;
    return-void
.end method
`;
const PLAIN_SMALI = `.class public Lorg/dfslab/fixture/Api;
.super Ljava/lang/Object;

.method public static url()Ljava/lang/String;
    .registers 1
    const-string v0, "https://api.example.com/"
    return-object v0
.end method
`;

test('AND-NETCFG-005 no-certificate-pinning', async (t) => {
  const [none, nscPins, codePins, offline, expiredOnly] = await auditFixtures(t, check, [
    { top: INTERNET, smali: { 'org/dfslab/fixture/Api.smali': PLAIN_SMALI } },
    withNsc(`<domain-config><domain>api.example.com</domain>${PINS}</domain-config>`, { top: INTERNET }),
    { top: INTERNET, smali: { 'org/dfslab/fixture/Api.smali': API_SMALI } },
    { smali: { 'org/dfslab/fixture/Api.smali': PLAIN_SMALI } },
    withNsc(
      `<domain-config><domain>api.example.com</domain>${PINS.replace('2099-01-01', '2020-01-01')}</domain-config>`,
      { top: INTERNET },
    ),
  ]);
  if (!none) return;
  const f = findingsOf(none, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'none');
  assert.equal(f[0].confidence, 'medium');
  const ev = f[0].evidence[0];
  assert.ok(ev.kind === 'manifest' && ev.element === 'manifest/application[1]' && (ev.byteOffset ?? 0) > 0);
  assert.ok(f[0].evidence.some((e) => e.kind === 'text' && e.text.includes('1 DEX')));
  assert.equal(findingsOf(nscPins, check.id).length, 0);
  assert.equal(findingsOf(codePins, check.id).length, 0);
  assert.equal(findingsOf(offline, check.id).length, 0);
  const e = findingsOf(expiredOnly, check.id);
  assert.equal(e.length, 1);
  assert.ok(e[0].evidence[0].kind === 'manifest' && e[0].evidence[0].file === 'res/xml/nsc.xml');
});
