import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAxml } from '../axml/parse.js';
import { aBool, aRef, aStr, writeAxml } from '../axml/testing/writer.js';
import type { WAttr, WNode } from '../axml/testing/writer.js';
import { parseNetworkSecurityConfig } from './index.js';

const el = (name: string, attrs: WAttr[] = [], children: WNode[] = [], text?: string): WNode => ({
  name,
  attrs,
  children,
  text,
});
const plainBool = (name: string, v: boolean) => aBool(name, v, undefined, null);
const plainStr = (name: string, v: string) => aStr(name, v, undefined, null);

describe('parseNetworkSecurityConfig', () => {
  it('reads base-config, nested domain-configs, trust anchors, pins and debug-overrides with locations', () => {
    const doc = parseAxml(
      writeAxml(
        el(
          'network-security-config',
          [],
          [
            el(
              'base-config',
              [plainBool('cleartextTrafficPermitted', true)],
              [
                el(
                  'trust-anchors',
                  [],
                  [
                    el('certificates', [plainStr('src', 'system')]),
                    el('certificates', [plainStr('src', 'user'), plainBool('overridePins', true)]),
                  ],
                ),
              ],
            ),
            el(
              'domain-config',
              [plainBool('cleartextTrafficPermitted', false)],
              [
                el('domain', [plainBool('includeSubdomains', true)], [], ' Example.COM '),
                el('trust-anchors', [], [el('certificates', [aRef('src', 0x7f030000, undefined, null)])]),
                el(
                  'pin-set',
                  [plainStr('expiration', '2030-01-01')],
                  [el('pin', [plainStr('digest', 'SHA-256')], [], 'AAAA=')],
                ),
                el(
                  'domain-config',
                  [plainBool('cleartextTrafficPermitted', true)],
                  [el('domain', [], [], 'legacy.example.com')],
                ),
              ],
            ),
            el(
              'debug-overrides',
              [],
              [el('trust-anchors', [], [el('certificates', [plainStr('src', 'user')])])],
            ),
          ],
        ),
        { namespaces: [] },
      ),
    );
    const nsc = parseNetworkSecurityConfig(doc);
    assert.deepEqual(nsc.anomalies, []);
    assert.equal(nsc.baseConfig?.cleartextTrafficPermitted?.value, true);
    assert.equal(
      nsc.baseConfig?.cleartextTrafficPermitted?.path,
      'network-security-config/base-config[1]/@cleartextTrafficPermitted',
    );
    assert.deepEqual(
      nsc.baseConfig?.trustAnchors?.certificates.map((c) => [c.src?.value, c.overridePins?.value]),
      [
        ['system', undefined],
        ['user', true],
      ],
    );
    const d = nsc.domainConfigs[0];
    assert.equal(d.cleartextTrafficPermitted?.value, false);
    assert.deepEqual(
      d.domains.map((x) => [x.name, x.includeSubdomains?.value]),
      [['example.com', true]],
    );
    assert.equal(d.trustAnchors?.certificates[0].src?.value, '@0x7f030000');
    assert.equal(d.pinSet?.expiration?.value, '2030-01-01');
    assert.deepEqual(
      d.pinSet?.pins.map((p) => [p.digest?.value, p.value]),
      [['SHA-256', 'AAAA=']],
    );
    assert.equal(d.domainConfigs[0].domains[0].name, 'legacy.example.com');
    assert.equal(d.domainConfigs[0].at.path, 'network-security-config/domain-config[1]/domain-config[1]');
    assert.equal(nsc.debugOverrides?.trustAnchors?.certificates[0].src?.value, 'user');
  });

  it('a raw-string boolean is ignored, as Android does, and reported', () => {
    const doc = parseAxml(
      writeAxml(
        el(
          'network-security-config',
          [],
          [el('base-config', [plainStr('cleartextTrafficPermitted', 'true')])],
        ),
        { namespaces: [] },
      ),
    );
    const nsc = parseNetworkSecurityConfig(doc);
    assert.equal(nsc.baseConfig?.cleartextTrafficPermitted, undefined);
    assert.deepEqual(
      nsc.anomalies.map((a) => a.code),
      ['non-boolean-attribute'],
    );
  });

  it('flags a domain-config without domains and a wrong root', () => {
    const doc = parseAxml(writeAxml(el('config', [], [el('domain-config')]), { namespaces: [] }));
    assert.deepEqual(
      parseNetworkSecurityConfig(doc).anomalies.map((a) => a.code),
      ['unexpected-root', 'domain-config-without-domain'],
    );
  });
});
