import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeFinding, type Evidence, type Finding } from '../../src/core/findings.js';
import { matches, missing } from './match.js';

function finding(checkId: string, messageId: string, message: string, evidence: Evidence[]): Finding {
  return makeFinding({
    checkId,
    rule: 'r',
    title: 't',
    messageId,
    message,
    severity: 'high',
    confidence: 'high',
    references: { masvs: [], cwe: [], figi: [] },
    evidence,
    remediation: 'fix',
  });
}

const dex = (cls: string, method: string): Evidence => ({
  kind: 'dex',
  file: 'classes.dex',
  class: cls,
  method,
  bytecodeOffset: 0,
});

test('matches: check id, message id and message substring must all hold', () => {
  const f = finding('AND-X-001', 'a', 'Activity .PostLogin is exported', []);
  assert.ok(matches(f, { checkId: 'AND-X-001' }));
  assert.ok(matches(f, { checkId: 'AND-X-001', messageId: 'a', message: '.PostLogin' }));
  assert.ok(!matches(f, { checkId: 'AND-X-002' }));
  assert.ok(!matches(f, { checkId: 'AND-X-001', messageId: 'b' }));
  assert.ok(!matches(f, { checkId: 'AND-X-001', message: '.DoTransfer' }));
});

test('matches: class and method must be on the same DEX evidence', () => {
  const f = finding('AND-X-001', 'a', 'm', [dex('Lcom/a/One;', 'run()V'), dex('Lcom/a/Two;', 'go()V')]);
  assert.ok(matches(f, { checkId: 'AND-X-001', dexClass: 'Lcom/a/Two;', dexMethod: 'go' }));
  assert.ok(!matches(f, { checkId: 'AND-X-001', dexClass: 'Lcom/a/One;', dexMethod: 'go' }));
  assert.ok(!matches(f, { checkId: 'AND-X-001', dexClass: 'Lcom/b/' }));
});

test('matches: manifest and file evidence', () => {
  const man: Evidence = {
    kind: 'manifest',
    file: 'AndroidManifest.xml',
    element: 'manifest/application[1]',
    attribute: 'android:debuggable',
    value: 'true',
  };
  const f = finding('AND-X-001', 'a', 'm', [
    man,
    { kind: 'file', file: 'res/layout/main.xml', byteOffset: 4 },
  ]);
  assert.ok(matches(f, { checkId: 'AND-X-001', manifestAttribute: 'debuggable', manifestValue: 'true' }));
  assert.ok(!matches(f, { checkId: 'AND-X-001', manifestAttribute: 'allowBackup' }));
  assert.ok(matches(f, { checkId: 'AND-X-001', file: 'res/layout/' }));
  assert.ok(!matches(f, { checkId: 'AND-X-001', file: 'assets/' }));
  assert.ok(
    !matches(finding('AND-X-001', 'a', 'm', [dex('La;', 'b')]), {
      checkId: 'AND-X-001',
      manifestValue: 'true',
    }),
  );
});

test('missing: every matcher of a row needs its own finding', () => {
  const fs = [finding('AND-X-001', 'a', '.DoTransfer ', [])];
  const row = {
    id: 'R',
    name: 'n',
    source: 's',
    static: true as const,
    expect: [
      { checkId: 'AND-X-001', message: '.DoTransfer ' },
      { checkId: 'AND-X-001', message: '.ViewStatement ' },
    ],
  };
  assert.deepEqual(missing(row, fs), [{ checkId: 'AND-X-001', message: '.ViewStatement ' }]);
});
