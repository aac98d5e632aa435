import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './no-debugger-detection.js';
import { method, smaliClass } from '../storage/lib/smali.js';

const CLS = 'org/dfslab/fixture/Main';
const main = (body: string[]): Record<string, string> =>
  smaliClass(CLS, [method('onResume', '()V', 2, body)]);

test('AND-RESILIENCE-003 no-debugger-detection', async (t) => {
  const [none, api, tracer, native] = await auditFixtures(t, check, [
    { smali: main(['invoke-static {}, Landroid/os/Debug;->getNativeHeapSize()J']) },
    { smali: main(['invoke-static {}, Landroid/os/Debug;->isDebuggerConnected()Z']) },
    { smali: main(['const-string v0, "TracerPid:"']) },
    { smali: main([]), files: { 'lib/x86_64/libguard.so': '\u007fELF....frida-agent....' } },
  ]);
  if (!none) return;
  const f = findingsOf(none, check.id);
  assert.equal(f.length, 1);
  assert.equal(f[0].messageId, 'absent');
  assert.ok(f[0].tags?.includes('resilience'));
  assert.equal(findingsOf(api, check.id).length, 0);
  assert.equal(findingsOf(tracer, check.id).length, 0);
  assert.equal(findingsOf(native, check.id).length, 0);
});
