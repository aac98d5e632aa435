import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './clipboard.js';
import { method, smaliClass } from './lib/smali.js';

const CLS = 'org/dfslab/fixture/Otp';

function copy(label: string, value: string, extra: string[] = []): Record<string, string> {
  return smaliClass(CLS, [
    method('copy', '(Ljava/lang/String;)V', 3, [
      ...extra,
      `const-string v0, "${label}"`,
      value,
      'invoke-static {v0, v1}, Landroid/content/ClipData;->newPlainText(Ljava/lang/CharSequence;Ljava/lang/CharSequence;)Landroid/content/ClipData;',
      'move-result-object v2',
    ]),
  ]);
}

test('AND-STORAGE-005 clipboard-sensitive', async (t) => {
  const [otp, other, constant, marked] = await auditFixtures(t, check, [
    { smali: copy('otp', 'move-object v1, p1') },
    { smali: copy('reference', 'move-object v1, p1') },
    { smali: copy('otp', 'const-string v1, "hello"') },
    { smali: copy('otp', 'move-object v1, p1', ['const-string v2, "android.content.extra.IS_SENSITIVE"']) },
  ]);
  if (!otp) return;
  const f = findingsOf(otp, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'sensitive');
  assert.match(f[0].message, /ClipData\.newPlainText .*"otp".*param0/);
  const ev = f[0].evidence[0];
  assert.ok(ev.kind === 'dex' && ev.class === `L${CLS};` && /newPlainText/.test(ev.instruction ?? ''));
  const o = findingsOf(other, check.id);
  assert.equal(o.length, 1);
  assert.equal(o[0].messageId, 'other');
  assert.equal(o[0].severity, 'low');
  assert.equal(findingsOf(constant, check.id).length, 0);
  assert.equal(findingsOf(marked, check.id).length, 0);
});
