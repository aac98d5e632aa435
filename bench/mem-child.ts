/**
 * Child process for the memory measurement: `node --import tsx bench/mem-child.ts <file> [baseline]`.
 * Prints one JSON line with maxRSS (bytes) after a full `inspect` of the file (or, with
 * `baseline`, after only loading the modules and reading the file, to show the fixed cost).
 */
import { inspect } from '../src/android/inspect.js';
import { readBytes } from './common.js';

const KiB = 1024;
const [file, mode] = process.argv.slice(2);
const bytes = readBytes(file);
const t0 = performance.now();
let ok = true;
if (mode !== 'baseline') {
  try {
    inspect(bytes, file);
  } catch {
    ok = false;
  }
}
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ maxRss: process.resourceUsage().maxRSS * KiB, ms, ok })}\n`);
