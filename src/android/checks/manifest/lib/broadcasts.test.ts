import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireTool, runTool } from '../../../../../test/helpers.js';
import { APPWIDGET_UPDATE, PROTECTED_BROADCASTS } from './broadcasts.js';

const FRAMEWORK = '/usr/share/android-framework-res/framework-res.apk';

test('every PROTECTED_BROADCASTS entry is a <protected-broadcast> of framework-res (oracle: aapt)', (t) => {
  if (!requireTool(t, 'aapt')) return;
  const r = runTool('aapt', ['dump', 'xmltree', FRAMEWORK, 'AndroidManifest.xml']);
  assert.equal(r.status, 0, r.err);
  const names = new Set<string>();
  const lines = r.out.split('\n');
  lines.forEach((l, i) => {
    if (!l.includes('E: protected-broadcast')) return;
    const m = /"([^"]+)"/.exec(lines[i + 1] ?? '');
    if (m) names.add(m[1]);
  });
  assert.ok(names.size > 100, `only ${names.size} protected broadcasts read`);
  for (const a of PROTECTED_BROADCASTS) assert.ok(names.has(a), `${a} is not protected in framework-res`);
  assert.ok(!names.has(APPWIDGET_UPDATE));
});
