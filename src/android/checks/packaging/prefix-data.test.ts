import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditPackagingCases, dexHeader, rezip } from '../../../../test/packaging-checks-helpers.js';
import { auditBytes, findingsOf } from '../../testing/check-harness.js';
import check from './prefix-data.js';

test('AND-PKG-002 data before the zip (Janus)', async (t) => {
  const { base } = await auditPackagingCases(t, check);
  if (!base) return;
  assert.equal(findingsOf(base, check.id).length, 0);
  const bytes = base.ctx.apk.bytes;
  const janus = findingsOf(
    await auditBytes(
      rezip(bytes, (es) => es, { prefix: dexHeader() }),
      [check],
    ),
    check.id,
  );
  assert.equal(janus.length, 1);
  assert.equal(janus[0].messageId, 'dex');
  assert.equal(janus[0].severity, 'critical');
  assert.deepEqual(janus[0].evidence[0], {
    kind: 'file',
    file: '<apk>',
    byteOffset: 0,
    length: 0x70,
    snippet: janus[0].evidence[0].kind === 'file' ? janus[0].evidence[0].snippet : '',
  });
  const junk = findingsOf(
    await auditBytes(
      rezip(bytes, (es) => es, { prefix: new TextEncoder().encode('#!/bin/sh\n') }),
      [check],
    ),
    check.id,
  );
  assert.deepEqual(
    junk.map((f) => [f.messageId, f.severity]),
    [['other', 'medium']],
  );
});
