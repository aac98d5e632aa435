/** House rules for the STK checks: unique ids/names, a doc page each, resolvable references, profile coverage. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateRefs } from '../../src/catalog/index.js';
import { STK_CHECKS, auditStk, loadStkInput } from '../../src/stk/index.js';
import { REPO_ROOT } from '../helpers.js';

test('STK checks: unique ids and names, docs/checks/<id>.md, references resolve, CWE cited', () => {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const c of STK_CHECKS) {
    assert.match(c.id, /^STK-\d{3}$/);
    assert.ok(!ids.has(c.id) && !names.has(c.name), c.id);
    ids.add(c.id);
    names.add(c.name);
    assert.ok(
      existsSync(join(REPO_ROOT, 'docs', 'checks', `${c.id}.md`)),
      `docs/checks/${c.id}.md is missing`,
    );
    assert.deepEqual(validateRefs(c.refs), [], `${c.id} cites unknown references`);
    assert.ok(c.refs.cwe.length > 0, `${c.id} cites no CWE`);
    assert.ok(c.refs.figi.length > 0, `${c.id} cites no FIGI test`);
  }
  assert.equal(STK_CHECKS.length, 8);
});

const PROFILE_CSV = `tar,name,checksum,ciphering,counter,kic,kid,signedPorOnError
B00000,RAM,none,false,none,,,
B00010,SIM RFM,rc,false,present,,crc32,
000000,ISD,cc,true,higher,11,11,true
505348,S@T,none,false,none,,,
B00011,USIM RFM,cc,true,one-higher,25,25,false
`;

test('profile audit (CSV): each weak row yields its finding, the strong row none', () => {
  const { report } = auditStk(loadStkInput(PROFILE_CSV, 'card.csv'));
  const got = report.findings
    .map((f) => `${f.checkId} ${f.evidence[0].kind === 'packet' ? f.evidence[0].field : ''}`)
    .sort();
  assert.deepEqual(got, [
    'STK-001 profile TAR B00000 SPI1',
    'STK-002 profile TAR B00010 SPI1',
    'STK-003 profile TAR 000000 KID',
    'STK-003 profile TAR 000000 KIc',
    'STK-004 profile TAR B00000 SPI1 counter',
    'STK-004 profile TAR B00010 SPI1 counter',
    'STK-005 profile TAR 000000 PoR CC',
    'STK-008 profile TAR 505348 SPI1',
  ]);
  assert.equal(report.findings.find((f) => f.checkId === 'STK-005')?.severity, 'critical');
});

test('profile audit (JSON) with spi octets and algorithm names equals the CSV form', () => {
  const json = JSON.stringify({
    format: 'dfslab-stk-profile',
    name: 'card',
    tars: [
      { tar: 'B00000', spi: '00' },
      { tar: 'B00010', checksum: 'rc', counter: 'present', kid: 'crc32' },
      { tar: '000000', spi: '16', kic: 'des-cbc', kid: ['des-cbc'], signedPorOnError: true },
      { tar: '505348', checksum: 'none' },
      { tar: 'B00011', spi: '1e', kic: '25', kid: '3des-2key' },
    ],
  });
  const a = auditStk(loadStkInput(json, 'card.json'))
    .report.findings.map((f) => f.fingerprint)
    .sort();
  const b = auditStk(loadStkInput(PROFILE_CSV, 'card.csv'))
    .report.findings.map((f) => f.fingerprint)
    .sort();
  assert.deepEqual(a, b);
  assert.throws(() => loadStkInput('{"tars":[{"tar":"xyz"}]}', 'p.json'), { name: 'FormatError' });
  assert.throws(() => loadStkInput('{"tars":[{"tar":"B00000","checksum":"cc","kic":"rot13"}]}', 'p.json'), {
    name: 'FormatError',
  });
});

test('text and CSV captures are read like JSON ones; an undecodable packet is recorded, not thrown', () => {
  const text =
    '# cmd  resp\n00150d00193535b0000000000000000000a40000023f00 027100000e0ab0000000000000000000016132\nzz\n';
  const ctx = loadStkInput(text, 'cap.txt');
  assert.equal(ctx.source, 'capture');
  if (ctx.source !== 'capture') return;
  assert.equal(ctx.capture.exchanges.length, 2);
  assert.match(ctx.capture.exchanges[1].commandError ?? '', /hex/);
  const csv =
    'command,response\n00150d00193535b0000000000000000000a40000023f00,027100000e0ab0000000000000000000016132\n';
  const a = auditStk(loadStkInput(csv, 'cap.csv')).report.findings.map((f) => f.checkId);
  const b = auditStk(ctx).report.findings.map((f) => f.checkId);
  assert.deepEqual(a, ['STK-001', 'STK-004']);
  assert.deepEqual(b, a);
});

test('hostile audit inputs (mutated profile/capture text) give a context or a DfslabError, never another exception', async () => {
  const fc = (await import('fast-check')).default;
  const { isDfslabError } = await import('../../src/core/errors.js');
  const { WEAK, transcript } = await import('./transcripts.js');
  const seeds = [
    PROFILE_CSV,
    transcript(WEAK, true),
    'command,response\n00150d00193535b0000000000000000000a40000023f00,027100000e0ab0000000000000000000016132\n',
  ];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: seeds.length - 1 }),
      fc.nat(),
      fc.nat(),
      fc.string({ maxLength: 12 }),
      (i, at, len, ins) => {
        const s = seeds[i];
        const p = at % (s.length + 1);
        const text = s.slice(0, p) + ins + s.slice(p + (len % 40));
        try {
          auditStk(loadStkInput(text, 'x'));
        } catch (e) {
          if (!isDfslabError(e)) throw e;
        }
      },
    ),
    { seed: 99, numRuns: 400 },
  );
});
