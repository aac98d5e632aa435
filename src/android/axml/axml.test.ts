import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FormatError, isDfslabError, LimitError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { SHARED_APKS } from '../../../test/helpers.js';
import { ATTR, axmlToXml, parseAxml } from './index.js';
import type { AxmlDocument } from './index.js';
import { aBool, aInt, aRef, aStr, writeAxml } from './testing/writer.js';
import type { WNode } from './testing/writer.js';
import { TYPE } from './values.js';

const sample: WNode = {
  name: 'manifest',
  attrs: [aStr('package', 'org.example', undefined, null), aInt('versionCode', 7, ATTR.versionCode)],
  children: [
    {
      name: 'uses-sdk',
      line: 3,
      attrs: [
        aInt('minSdkVersion', 21, ATTR.minSdkVersion),
        aInt('targetSdkVersion', 33, ATTR.targetSdkVersion),
      ],
    },
    {
      name: 'application',
      line: 5,
      comment: 'the app',
      attrs: [aBool('debuggable', true, ATTR.debuggable), aRef('label', 0x7f010000, ATTR.label)],
      children: [
        { name: 'meta-data', text: 'hello & <bye>', attrs: [aStr('name', 'k\u00e9y\u{1F600}', ATTR.name)] },
      ],
    },
  ],
};

function codes(doc: AxmlDocument): string[] {
  return [...new Set(doc.anomalies.map((a) => a.code))].sort();
}

describe('parseAxml on generated documents', () => {
  for (const utf8 of [false, true]) {
    it(`reads a ${utf8 ? 'UTF-8' : 'UTF-16'} pool: names, typed values, text, comments, lines, offsets`, () => {
      const bytes = writeAxml(sample, { utf8, sortAttributes: false });
      const doc = parseAxml(bytes);
      assert.equal(doc.utf8, utf8);
      assert.deepEqual(doc.anomalies, []);
      assert.deepEqual(
        doc.namespaces.map((n) => [n.prefix, n.uri]),
        [['android', 'http://schemas.android.com/apk/res/android']],
      );
      const root = doc.root;
      assert.equal(root.name, 'manifest');
      assert.equal(root.attributes[0].name, 'package');
      assert.equal(root.attributes[0].ns, undefined);
      assert.deepEqual(root.attributes[0].value, { type: 'string', value: 'org.example' });
      assert.equal(root.attributes[0].raw, 'org.example');
      assert.deepEqual(root.attributes[1].value, { type: 'int', value: 7 });
      assert.equal(root.attributes[1].resourceId, ATTR.versionCode);
      const app = root.children[1];
      assert.equal(app.line, 5);
      assert.equal(app.comment, 'the app');
      assert.deepEqual(app.attributes[0].value, { type: 'boolean', value: true });
      assert.deepEqual(app.attributes[1].value, { type: 'reference', value: 0x7f010000 });
      const md = app.children[0];
      assert.equal(md.text, 'hello & <bye>');
      assert.deepEqual(md.attributes[0].value, { type: 'string', value: 'k\u00e9y\u{1F600}' });
      // Offsets point at the start-element chunk and at the attribute record.
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      assert.equal(view.getUint16(app.offset, true), 0x0102);
      assert.equal(bytes[app.attributes[0].offset + 15], TYPE.INT_BOOLEAN);
      assert.equal(view.getUint32(app.attributes[1].offset + 16, true), 0x7f010000);
    });
  }

  it('reads long strings with two-unit lengths (UTF-8 > 127 bytes, UTF-16 > 32767 chars)', () => {
    const long8 = 'x'.repeat(300) + '\u00e9'.repeat(100);
    const long16 = 'y'.repeat(40000);
    for (const [s, utf8] of [
      [long8, true],
      [long16, false],
    ] as const) {
      const doc = parseAxml(writeAxml({ name: 'a', attrs: [aStr('v', s, undefined, null)] }, { utf8 }));
      assert.deepEqual(doc.root.attributes[0].value, { type: 'string', value: s });
    }
  });

  it('names a framework attribute by its resource id, not its (masked) string, and says so', () => {
    const doc = parseAxml(writeAxml({ name: 'application', attrs: [aBool('zz', true, ATTR.debuggable)] }));
    const a = doc.root.attributes[0];
    assert.equal(a.name, 'debuggable');
    assert.equal(a.poolName, 'zz');
    assert.equal(a.resourceId, ATTR.debuggable);
    assert.deepEqual(codes(doc), ['masked-attribute-name']);
  });

  it('flags a framework attribute in a foreign namespace', () => {
    const doc = parseAxml(
      writeAxml({ name: 'application', attrs: [aBool('debuggable', true, ATTR.debuggable, 'http://evil')] }),
    );
    assert.deepEqual(codes(doc), ['attribute-namespace-mismatch']);
  });

  it('without a resource map, attributes have no resource id', () => {
    const doc = parseAxml(writeAxml(sample, { resourceMap: false, sortAttributes: false }));
    assert.equal(doc.resourceIds.length, 0);
    assert.ok(doc.root.attributes.every((a) => a.resourceId === undefined));
    assert.equal(doc.root.attributes[1].name, 'versionCode');
  });

  it('decodes every Res_value type', () => {
    const attrs = [
      { name: 'n', type: TYPE.NULL, data: 0 },
      { name: 'at', type: TYPE.ATTRIBUTE, data: 0x01010000 },
      { name: 'f', type: TYPE.FLOAT, data: 0x3fc00000 },
      { name: 'dim', type: TYPE.DIMENSION, data: (16 << 8) | 1 }, // 16 in radix 23p0, unit dip
      { name: 'frac', type: TYPE.FRACTION, data: 0x40000030 }, // mantissa 0.5 in radix 0p23 -> 50%
      { name: 'hex', type: TYPE.INT_HEX, data: 0xffffffff },
      { name: 'c8', type: TYPE.INT_COLOR_ARGB8, data: 0x80ff0000 },
      { name: 'c4', type: TYPE.INT_COLOR_RGB4, data: 0xff112233 },
      { name: 'u', type: 0x77, data: 5 },
    ];
    const doc = parseAxml(writeAxml({ name: 'x', attrs }));
    const v = doc.root.attributes.map((a) => a.value);
    assert.deepEqual(v[0], { type: 'null', value: null });
    assert.deepEqual(v[1], { type: 'attribute', value: 0x01010000 });
    assert.deepEqual(v[2], { type: 'float', value: 1.5 });
    assert.deepEqual(v[3], { type: 'dimension', value: 16, raw: '16.0dip' });
    assert.deepEqual(v[4], { type: 'fraction', value: 50, raw: '50.0%' });
    assert.deepEqual(v[5], { type: 'int', value: -1 });
    assert.deepEqual(v[6], { type: 'color', value: 0x80ff0000, raw: '#80ff0000' });
    assert.deepEqual(v[7], { type: 'color', value: 0xff112233, raw: '#123' });
    assert.deepEqual(v[8], { type: 'unknown', value: 5, dataType: 0x77 });
  });

  it('renders readable XML', () => {
    const xml = axmlToXml(parseAxml(writeAxml(sample, { sortAttributes: false })));
    assert.match(
      xml,
      /<manifest xmlns:android="http:\/\/schemas.android.com\/apk\/res\/android" package="org.example" android:versionCode="7">/,
    );
    assert.match(xml, /<application android:debuggable="true" android:label="@0x7f010000">/);
    assert.match(xml, /<meta-data android:name="k\u00e9y\u{1F600}">hello &amp; &lt;bye&gt;<\/meta-data>/u);
  });
});

describe('parseAxml refuses hostile documents with typed errors', () => {
  const good = writeAxml(sample, { sortAttributes: false });
  const patched = (at: number, v: number, width: 2 | 4 = 4): Uint8Array => {
    const b = good.slice();
    const view = new DataView(b.buffer);
    if (width === 4) view.setUint32(at, v, true);
    else view.setUint16(at, v, true);
    return b;
  };
  const POOL = 8;

  it('a huge string count is a LimitError, an impossible one a FormatError', () => {
    assert.throws(() => parseAxml(patched(POOL + 8, 0xffffffff)), LimitError);
    assert.throws(() => parseAxml(patched(POOL + 8, 900_000)), FormatError);
  });

  it('a huge style count is bounded: reported, strings still read', () => {
    const doc = parseAxml(patched(POOL + 12, 0x00ffffff));
    assert.deepEqual(codes(doc), ['style-count-too-large']);
    assert.equal(doc.root.attributes[0].raw, 'org.example');
  });

  it('a huge attribute count is refused', () => {
    const doc = parseAxml(good);
    const at = doc.root.offset + 16 + 12;
    assert.throws(() => parseAxml(patched(at, 0xffff, 2)), LimitError);
    assert.throws(() => parseAxml(patched(at, 50, 2)), FormatError);
  });

  it('nesting deeper than maxDepth is a LimitError', () => {
    let n: WNode = { name: 'leaf' };
    for (let i = 0; i < 40; i++) n = { name: 'n', children: [n] };
    assert.throws(() => parseAxml(writeAxml(n), { ...DEFAULT_LIMITS.axml, maxDepth: 32 }), LimitError);
    assert.equal(parseAxml(writeAxml(n)).root.name, 'n');
  });

  it('too small, empty and chunk-less inputs are FormatErrors', () => {
    assert.throws(() => parseAxml(new Uint8Array(3)), FormatError);
    assert.throws(() => parseAxml(good.subarray(0, 8)), FormatError);
    assert.throws(() => parseAxml(patched(POOL + 4, 0xfffffff0)), FormatError);
  });

  it('a file size larger than the buffer is tolerated as an anomaly', () => {
    const doc = parseAxml(patched(4, 0x42424242));
    assert.deepEqual(codes(doc), ['bad-file-size']);
  });
});

/**
 * androguard's deliberately odd manifests (tests/test_axml.py). Each must parse; the anomalies we
 * expect say what is odd about it. Empty = a normal file that exercises something else.
 */
const ANDROGUARD_AXML: Record<string, { why: string; anomalies: string[] }> = {
  'AndroidManifest.xml': { why: 'small ordinary manifest', anomalies: [] },
  'AndroidManifest-Chinese.xml': { why: 'non-ASCII strings', anomalies: [] },
  'AndroidManifest-xmlns.xml': { why: 'extra xmlns declarations', anomalies: [] },
  'AndroidManifestDoubleNamespace.xml': { why: 'the android namespace declared twice', anomalies: [] },
  'AndroidManifestExtraNamespace.xml': { why: 'an unused extra namespace', anomalies: [] },
  'AndroidManifestLiapp.xml': {
    why: 'Liapp packer: attribute names masked, framework attributes outside the android namespace',
    anomalies: ['attribute-namespace-mismatch', 'masked-attribute-name'],
  },
  'AndroidManifestMaskingNamespace.xml': { why: 'a namespace whose prefix masks android', anomalies: [] },
  'AndroidManifestNonZeroStyle.xml': { why: 'string pool with a styles offset but no styles', anomalies: [] },
  'AndroidManifestNullbytes.xml': { why: 'NUL bytes inside strings', anomalies: [] },
  'AndroidManifestTextChunksXML.xml': { why: 'CDATA text chunks in a manifest', anomalies: [] },
  'AndroidManifestUTF8Strings.xml': { why: 'UTF-8 string pool', anomalies: [] },
  'AndroidManifestWithComment.xml': { why: 'element comments kept by aapt', anomalies: [] },
  'AndroidManifestWrongFilesize.xml': {
    why: 'XML chunk size 0x42424242 > file; strings not terminated; an android:permission outside the resource map',
    anomalies: ['android-attribute-without-id', 'bad-file-size', 'string-not-terminated'],
  },
  'AndroidManifest_InvalidCharsInAttribute.xml': {
    why: 'control and invalid characters in attribute values',
    anomalies: [],
  },
  'AndroidManifest_NamespaceInAttributeName.xml': {
    why: 'attribute names like "android:name" in the pool (obfuscator)',
    anomalies: ['attribute-namespace-mismatch', 'masked-attribute-name'],
  },
  'AndroidManifest_NamespaceInAttributeName2.xml': {
    why: 'same trick, larger file',
    anomalies: ['attribute-namespace-mismatch', 'masked-attribute-name'],
  },
  'AndroidManifest_StringNotTerminated.xml': {
    why: 'UTF-16 strings without a NUL terminator; an android:permission outside the resource map',
    anomalies: ['android-attribute-without-id', 'string-not-terminated'],
  },
  'AndroidManifest_WrongChunkStart.xml': {
    why: 'first chunk type 0x0000 instead of RES_XML_TYPE',
    anomalies: ['unexpected-chunk-type'],
  },
  'test.xml': { why: 'a layout file (LinearLayout), not a manifest', anomalies: [] },
  'test1.xml': { why: 'layout with a sorted string pool', anomalies: [] },
  'test2.xml': { why: 'layout with a sorted string pool', anomalies: [] },
  'test3.xml': { why: 'layout', anomalies: [] },
};

describe('androguard AXML corpus', () => {
  for (const [file, { why, anomalies }] of Object.entries(ANDROGUARD_AXML)) {
    it(`${file}: ${why}`, (t) => {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(join(SHARED_APKS, 'androguard', 'AXML', file));
      } catch {
        t.skip('shared APKs missing');
        return;
      }
      const doc = parseAxml(bytes);
      const got = codes(doc);
      assert.deepEqual(got, anomalies);
      assert.ok(isDfslabError(new FormatError('axml', 0, 'x')));
    });
  }
});
