import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditPackagingCases, rezip } from '../../../../test/packaging-checks-helpers.js';
import { auditBytes, findingsOf } from '../../testing/check-harness.js';
import check from './native-alignment.js';

const LIB = 'lib/arm64-v8a/libpayments.so';
const ELF = new Uint8Array(256).fill(7);

test('AND-PKG-007 stored native libraries that are not page-aligned', async (t) => {
  const { base, mappedLibs } = await auditPackagingCases(t, check);
  if (!base || !mappedLibs) return;
  assert.equal(findingsOf(base, check.id).length, 0);
  const withLib = (apk: Uint8Array, align?: number) =>
    rezip(apk, (es) => [...es, { name: LIB, data: ELF, method: 0, ...(align ? { align } : {}) }]);

  const unaligned = await auditBytes(withLib(base.ctx.apk.bytes), [check]);
  const f = findingsOf(unaligned, check.id);
  assert.deepEqual(
    f.map((x) => [x.messageId, x.severity]),
    [['unaligned', 'info']],
  );
  const ev = f[0].evidence[0];
  assert.ok(ev.kind === 'file' && ev.byteOffset === unaligned.ctx.apk.zip.byName.get(LIB)?.dataOffset);

  // extractNativeLibs="false": the library must be mapped from the APK, so the install fails.
  const mapped = findingsOf(await auditBytes(withLib(mappedLibs.ctx.apk.bytes), [check]), check.id);
  assert.deepEqual(
    mapped.map((x) => [x.messageId, x.severity]),
    [['unaligned', 'low']],
  );
  assert.ok(
    mapped[0].evidence.some((e) => e.kind === 'manifest' && e.attribute === 'android:extractNativeLibs'),
  );

  const page4k = findingsOf(await auditBytes(withLib(base.ctx.apk.bytes, 4096), [check]), check.id);
  assert.deepEqual(
    page4k.map((x) => x.messageId),
    ['not16k'],
  );
  assert.equal(findingsOf(await auditBytes(withLib(base.ctx.apk.bytes, 16384), [check]), check.id).length, 0);
});
