/**
 * Child process for the memory measurement: `node --import tsx bench/mem-child.ts <file> [baseline]`.
 * Prints one JSON line: `rssBefore`, the resident set once Node, tsx and every module are loaded
 * but before the file is read; `maxRss`, the process's peak resident set after reading the file and
 * running one full `inspect` (with `baseline`: after only reading the file). `maxRss − rssBefore`
 * is what the file and `inspect` cost on top of a loaded Node (an upper bound: a peak reached while
 * loading modules would count too).
 */
import { inspectAsync } from '../src/android/inspect.js';
import { readBytes } from './common.js';

const KiB = 1024;
const [file, mode] = process.argv.slice(2);
const rssBefore = process.memoryUsage().rss;
const bytes = readBytes(file);
const t0 = performance.now();
let ok = true;
let facts: unknown;
if (mode !== 'baseline') {
  try {
    facts = await inspectAsync(bytes, file);
  } catch {
    ok = false;
  }
}
const ms = performance.now() - t0;
const maxRss = process.resourceUsage().maxRSS * KiB;
// What is live at the end (the facts still referenced): JS heap and buffers (file bytes included).
const { heapUsed, arrayBuffers } = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ maxRss, rssBefore, heapUsed, arrayBuffers, ms, ok: ok && (mode === 'baseline' || facts !== undefined) })}\n`,
);
