/**
 * Hostile input: fixed-seed mutations of real manifests. parseAxml, parseManifest,
 * parseNetworkSecurityConfig and axmlToXml must return or throw a DfslabError, nothing else, and
 * every location in their results must still resolve to what it names.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isDfslabError } from '../../core/errors.js';
import { SHARED_APKS } from '../../../test/helpers.js';
import { readZipEntry } from '../../../test/manifest-helpers.js';
import { ATTR } from '../axml/attrs.js';
import { axmlToXml } from '../axml/to-xml.js';
import { parseAxml } from '../axml/parse.js';
import { aBool, aInt, aStr, writeAxml } from '../axml/testing/writer.js';
import { parseManifest, parseNetworkSecurityConfig } from './index.js';
import { checkLocations } from './testing/locations.js';

function seeds(): Uint8Array[] {
  const out: Uint8Array[] = [
    writeAxml(
      {
        name: 'manifest',
        attrs: [aStr('package', 'a.b', undefined, null)],
        children: [
          { name: 'uses-sdk', attrs: [aInt('minSdkVersion', 16, ATTR.minSdkVersion)] },
          {
            name: 'application',
            attrs: [aBool('debuggable', true, ATTR.debuggable)],
            children: [{ name: 'provider', attrs: [aStr('name', '.P', ATTR.name)] }],
          },
        ],
      },
      { utf8: true },
    ),
  ];
  const dir = join(SHARED_APKS, 'androguard', 'AXML');
  try {
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.xml')) out.push(readFileSync(join(dir, f)));
    for (const apk of [
      'dvba/dvba.apk',
      'ostorlab/Ostorlab_insecure_app.apk',
      'insecurebankv2/InsecureBankv2-release.apk',
    ]) {
      const m = readZipEntry(readFileSync(join(SHARED_APKS, apk)), 'AndroidManifest.xml');
      if (m) out.push(m);
    }
  } catch {
    // Without the shared corpus the generated seed still runs.
  }
  return out;
}

function exercise(bytes: Uint8Array): void {
  const doc = parseAxml(bytes);
  const m = parseManifest(doc);
  JSON.stringify(m);
  checkLocations(doc, m); // every location still points at its element or attribute
  checkLocations(doc, parseNetworkSecurityConfig(doc));
  axmlToXml(doc);
}

const offset = fc.oneof(fc.nat({ max: 700 }), fc.nat());
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat(), v: fc.constant(0) }),
  fc.record({ kind: fc.constant('flip' as const), at: offset, v: fc.integer({ min: 1, max: 255 }) }),
  fc.record({
    kind: fc.constant('u32' as const),
    at: offset,
    v: fc.constantFrom(0, 1, 0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff),
  }),
  fc.record({
    kind: fc.constant('u16' as const),
    at: offset,
    v: fc.constantFrom(0, 1, 8, 16, 0x8000, 0xfffe, 0xffff),
  }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), v: fc.nat() }),
);

function mutate(src: Uint8Array, ms: { kind: string; at: number; v: number }[]): Uint8Array {
  let b = Uint8Array.from(src);
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'flip') b[at] ^= m.v;
    else if (m.kind === 'u32' && at + 4 <= b.length) view.setUint32(at - (at % 4), m.v >>> 0, true);
    else if (m.kind === 'u16' && at + 2 <= b.length) view.setUint16(at - (at % 2), m.v, true);
    else if (m.kind === 'splice') {
      const from = m.v % b.length;
      const len = Math.min(64, b.length - Math.max(at, from));
      b.copyWithin(at, from, from + len);
    }
  }
  return b;
}

test('mutated manifests: only DfslabError escapes', () => {
  const all = seeds();
  for (const s of all) exercise(s);
  let errors = 0;
  let ok = 0;
  fc.assert(
    fc.property(
      fc.nat({ max: all.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (which, ms) => {
        try {
          exercise(mutate(all[which], ms));
          ok++;
        } catch (e) {
          if (!isDfslabError(e)) throw e;
          errors++;
        }
      },
    ),
    { seed: 0x5eed_a8, numRuns: 3000 },
  );
  assert.ok(errors > 0, 'some mutations must be refused');
  assert.ok(ok > 0, 'some mutations must still parse');
});
