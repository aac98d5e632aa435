import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import { assertDexEvidence } from '../crypto/lib/smali-fixtures.js';
import { setterCall } from './lib/setter-fixture.js';
import check from './file-url-access.js';

const UNIVERSAL = 'Landroid/webkit/WebSettings;->setAllowUniversalAccessFromFileURLs(Z)V';
const FILE_URLS = 'Landroid/webkit/WebSettings;->setAllowFileAccessFromFileURLs(Z)V';

test('AND-WEBVIEW-004 webview-file-url-access', async (t) => {
  const [universal, fileUrls, off] = await auditFixtures(t, check, [
    { smali: setterCall(UNIVERSAL, 1) },
    { smali: setterCall(FILE_URLS, 1) },
    { smali: setterCall(UNIVERSAL, 0) },
  ]);
  if (!universal) return;
  const u = findingsOf(universal, check.id);
  assert.equal(u.length, 1);
  assert.equal(u[0].messageId, 'universal');
  assert.equal(u[0].severity, 'high');
  assertDexEvidence(u[0], 'Lorg/x/Web;', 'configure(', 'setAllowUniversalAccessFromFileURLs');
  const f = findingsOf(fileUrls, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'fileUrls');
  assert.equal(
    f[0].message,
    'WebSettings.setAllowFileAccessFromFileURLs(true) in Lorg/x/Web;->configure(Landroid/webkit/WebSettings;Z)V at 0x1: scripts in file:// pages can read other local files.',
  );
  assert.deepEqual(findingsOf(off, check.id), []);
});
