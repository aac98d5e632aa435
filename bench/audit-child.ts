/**
 * Child process for the cold audit: `node --import tsx bench/audit-child.ts <file>`. Loads the
 * modules, reads the file, runs one full audit (every check, JSON report rendered) and prints one
 * JSON line: the audit's own ms, the whole process's ms since start-up and peak RSS (bytes).
 */
import { readFileSync } from 'node:fs';
import { auditApk } from '../src/android/audit/audit.js';
import { renderJson } from '../src/core/report/index.js';

const KiB = 1024;
const file = process.argv[2];
const b = readFileSync(file);
const bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const t0 = performance.now();
const { report } = await auditApk(bytes, file, { tool: { name: 'dfslab', version: 'bench' } });
const json = renderJson(report);
const ms = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({
    auditMs: ms,
    sinceStartMs: performance.now(),
    findings: report.findings.length,
    jsonBytes: json.length,
    maxRss: process.resourceUsage().maxRSS * KiB,
  })}\n`,
);
