import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditPackagingCases, auditShared, rezip } from '../../../../test/packaging-checks-helpers.js';
import { auditBytes, findingsOf } from '../../testing/check-harness.js';
import check from './local-central-mismatch.js';

test('AND-PKG-003 local header disagrees with the central directory', async (t) => {
  const { base } = await auditPackagingCases(t, check);
  if (!base) return;
  assert.equal(findingsOf(base, check.id).length, 0);
  // The local header of classes.dex names another file of the same length.
  const forged = rezip(base.ctx.apk.bytes, (es) =>
    es.map((e) => (e.name === 'classes.dex' ? { ...e, localName: 'classes.jar' } : e)),
  );
  const r = await auditBytes(forged, [check]);
  const f = findingsOf(r, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'mismatch');
  assert.equal(f[0].severity, 'high');
  const ev = f[0].evidence[0];
  assert.ok(
    ev.kind === 'file' &&
      ev.file === '<apk>' &&
      ev.byteOffset === r.ctx.apk.zip.byName.get('classes.dex')?.localHeaderOffset,
  );
});

test('AND-PKG-003 apksig vector with a mismatched compression method', async (t) => {
  const r = await auditShared(t, check, 'androguard/APK/apksig/mismatched-compression-method.apk');
  if (!r) return;
  const f = findingsOf(r, check.id);
  assert.deepEqual(
    f.map((x) => x.messageId),
    ['mismatch'],
  );
  assert.match(f[0].message, /META-INF\/CERT\.RSA/);
});
