/** House rules for the USSD checks: unique ids and names, a doc page each, resolvable references. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { validateRefs } from '../../src/catalog/index.js';
import { USSD_CHECKS } from '../../src/ussd/index.js';
import { REPO_ROOT } from '../helpers.js';

/** Latency has no FIGI test; its reference is the gateway timeout and X.1456. */
const NO_FIGI = new Set(['USSD-015']);

test('USSD checks: unique ids and names, docs/checks/<id>.md, references resolve, CWE and X.1456 cited', () => {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const c of USSD_CHECKS) {
    assert.match(c.id, /^USSD-\d{3}$/);
    assert.ok(!ids.has(c.id) && !names.has(c.name), c.id);
    ids.add(c.id);
    names.add(c.name);
    assert.ok(
      existsSync(join(REPO_ROOT, 'docs', 'checks', `${c.id}.md`)),
      `docs/checks/${c.id}.md is missing`,
    );
    assert.deepEqual(validateRefs(c.refs), [], `${c.id} cites unknown references`);
    assert.ok(c.refs.cwe.length > 0, `${c.id} cites no CWE`);
    assert.ok(c.refs.figi.length > 0 || NO_FIGI.has(c.id), `${c.id} cites no FIGI reference`);
    assert.ok(
      c.refs.other?.some((o) => o.name.includes('X.1456')),
      `${c.id} cites no X.1456`,
    );
    assert.ok(
      c.tags?.some((t) => /^catalogue:USSD-\d\d$/.test(t)),
      `${c.id} names no catalogue test`,
    );
  }
  assert.equal(USSD_CHECKS.at(-1)?.id, 'USSD-009', 'the brute force (which may lock the account) runs last');
});
