import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ZIP_ANOMALY_CODES } from './codes.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const EMITTED = [
  /code: '([a-z0-9-]+)'/g,
  /want\('([a-z0-9-]+)'\)/g,
  /flag\(\s*anomalies,\s*e,\s*'([a-z0-9-]+)'/g,
];

describe('zip anomaly codes', () => {
  it('ZIP_ANOMALY_CODES lists exactly the codes the reader emits', () => {
    const found = new Set<string>();
    for (const f of readdirSync(HERE)) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts') || f === 'codes.ts') continue;
      const src = readFileSync(join(HERE, f), 'utf8');
      for (const re of EMITTED) for (const m of src.matchAll(re)) found.add(m[1]);
    }
    assert.deepEqual([...found].sort(), [...ZIP_ANOMALY_CODES].sort());
  });
});
