import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requireTool, runTool } from '../../../../../test/helpers.js';
import { GRANTABLE_PLATFORM_PERMISSIONS } from './platform-permissions.js';

const FRAMEWORK = '/usr/share/android-framework-res/framework-res.apk';
const BASE_MASK = 0xf;
const BASE: Record<number, string> = { 0: 'normal', 1: 'dangerous' };

test('GRANTABLE_PLATFORM_PERMISSIONS levels match framework-res (oracle: aapt)', (t) => {
  if (!requireTool(t, 'aapt')) return;
  const r = runTool('aapt', ['dump', 'xmltree', FRAMEWORK, 'AndroidManifest.xml']);
  assert.equal(r.status, 0, r.err);
  const levels = new Map<string, number>();
  const lines = r.out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*E: permission /.test(lines[i])) continue;
    let name: string | undefined;
    let level = 0;
    for (let j = i + 1; j < lines.length && !/^\s*E: /.test(lines[j]); j++) {
      const n = /android:name\([^)]*\)="([^"]+)"/.exec(lines[j]);
      if (n) name = n[1];
      const l = /android:protectionLevel\([^)]*\)=\(type 0x11\)0x([0-9a-f]+)/.exec(lines[j]);
      if (l) level = parseInt(l[1], 16);
    }
    if (name) levels.set(name, level);
  }
  assert.ok(levels.size > 300, `only ${levels.size} permissions read`);
  for (const [name, want] of GRANTABLE_PLATFORM_PERMISSIONS) {
    const level = levels.get(name);
    assert.ok(level !== undefined, `${name} not declared by framework-res`);
    assert.equal(BASE[level & BASE_MASK], want, name);
  }
});
