/**
 * Hostile input for the manifest / network-config checks: the demo wallet's binary manifest and
 * network security config, mutated (byte flips, truncation, huge counts/offsets, splices), packed
 * into a stored zip and audited. The parsers may refuse the bytes (the part is then missing);
 * no check may throw.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { runChecks } from '../../../../core/check.js';
import { isDfslabError } from '../../../../core/errors.js';
import { readZipEntry } from '../../../../../test/manifest-helpers.js';
import { REPO_ROOT } from '../../../../../test/helpers.js';
import { Apk } from '../../../apk.js';
import { AuditContext } from '../../../audit/context.js';
import { ANDROID_CHECKS } from '../../index.js';

const MINE = ANDROID_CHECKS.filter((c) => /^AND-(MANIFEST|NETCFG)-/.test(c.id));
const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const EOCD = 22;

/** A zip with every entry stored (method 0). */
function storedZip(entries: [string, Uint8Array][]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const lh = Buffer.alloc(LOCAL_HEADER);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(data.length, 22);
    lh.writeUInt16LE(n.length, 26);
    const ch = Buffer.alloc(CENTRAL_HEADER);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(data.length, 24);
    ch.writeUInt16LE(n.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, n, Buffer.from(data));
    centrals.push(ch, n);
    offset += LOCAL_HEADER + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(EOCD);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

type Mutation = { kind: 'flip' | 'u32' | 'truncate' | 'splice'; at: number; value: number };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('flip', 'u32', 'truncate', 'splice'),
  at: fc.nat(),
  value: fc.constantFrom(0, 1, 0xff, 0x7fffffff, 0xffffffff, 0x10000),
});

function mutate(src: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = Buffer.from(src);
  for (const m of ms) {
    if (!b.length) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') b[at] ^= m.value & 0xff || 0x5a;
    else if (m.kind === 'u32' && at + 4 <= b.length) b.writeUInt32LE(m.value >>> 0, at);
    else if (m.kind === 'truncate') b = b.subarray(0, at);
    else if (m.kind === 'splice') b = Buffer.concat([b.subarray(0, at), b.subarray((at * 7) % b.length)]);
  }
  return b;
}

test('mutated manifests and network configs: no manifest/network-config check throws', async (t) => {
  const path = join(REPO_ROOT, 'samples', 'demo-wallet.apk');
  if (!existsSync(path)) return t.skip('samples/demo-wallet.apk not built');
  const apk = readFileSync(path);
  const manifest = readZipEntry(apk, 'AndroidManifest.xml');
  const arsc = readZipEntry(apk, 'resources.arsc');
  const nsc = readZipEntry(apk, 'res/xml/network_security_config.xml');
  assert.ok(manifest && arsc && nsc);
  let audited = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.boolean(),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      async (onManifest, ms) => {
        const m = onManifest ? mutate(manifest, ms) : manifest;
        const n = onManifest ? nsc : mutate(nsc, ms);
        let ctx: AuditContext;
        try {
          ctx = new AuditContext(
            Apk.open(
              storedZip([
                ['AndroidManifest.xml', m],
                ['resources.arsc', arsc],
                ['res/xml/network_security_config.xml', n],
              ]),
            ),
          );
        } catch (e) {
          if (!isDfslabError(e)) throw e;
          return;
        }
        const r = await runChecks(MINE, ctx);
        assert.deepEqual(
          r.errors.filter(
            (e) => !['FormatError', 'LimitError', 'UnsupportedError'].includes(e.errorName ?? ''),
          ),
          [],
        );
        audited++;
      },
    ),
    { seed: 0x0dfa_b5ec, numRuns: 1500 },
  );
  assert.ok(audited > 300, `only ${audited} mutated APKs could be audited`);
});
