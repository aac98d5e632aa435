/**
 * Oracle helpers for the DEX tests: collect every DEX in the shared files (loose and inside APKs),
 * and stream-parse `dexdump -f -d` output into header counts, member
 * counts and, per method, the ordered invoke targets.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isDfslabError } from '../src/core/errors.js';
import { inflateEntry, readZip } from '../src/android/zip/index.js';
import { sharedApks, sharedDexFiles } from './helpers.js';

export type SharedDex = { label: string; bytes: Uint8Array; sha1: string };

export type DexdumpResult = {
  status: number;
  stderr: string;
  header: Record<string, number>;
  classes: number;
  fields: number;
  methods: number;
  /** `Lcls;->name(sig)ret` (occurrence-suffixed when repeated) → ordered `Lcls;.name:(sig)ret@idx` targets. */
  invokes: Map<string, string[]>;
  /**
   * Same keys → per instruction `offset:name:registers` (decimal offset) with `registers: true`,
   * else `XXXX: name` as dexdump prints it (payloads as dexdump names them).
   */
  insns: Map<string, string[]>;
};

/** Runs `cmd` and resolves with its stdout as bytes (never rejects on a non-zero exit). */
export function runBytes(cmd: string, args: string[]): Promise<{ status: number; out: Buffer }> {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    p.stdout.on('data', (c: Buffer) => chunks.push(c));
    p.on('close', (code) => resolve({ status: code ?? -1, out: Buffer.concat(chunks) }));
  });
}

/** Maps `items` through `fn` with at most `limit` running at once, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const DEX_ENTRY = /^classes\d*\.dex$/;

/** The classes*.dex entries of an APK through dfslab's zip reader, or undefined when it refuses the zip. */
function dexEntriesWithZipReader(
  abs: string,
  label: string,
): { label: string; bytes: Uint8Array }[] | undefined {
  try {
    const bytes = new Uint8Array(readFileSync(abs));
    const zip = readZip(bytes);
    return [...zip.byName.values()]
      .filter((e) => DEX_ENTRY.test(e.name))
      .map((e) => ({ label: `${label}!${e.name}`, bytes: inflateEntry(bytes, e) }));
  } catch (e) {
    if (isDfslabError(e)) return undefined;
    throw e;
  }
}

/**
 * Every loose .dex and every classes*.dex of every shared APK, extracted with dfslab's zip reader
 * and, for the zips it refuses (some apksig vectors are broken on purpose), with `unzip`.
 */
export async function collectSharedDex(): Promise<SharedDex[]> {
  const loose = sharedDexFiles().map((f) => ({ label: f.path, bytes: new Uint8Array(readFileSync(f.abs)) }));
  const inApks = await mapLimit(sharedApks(), 2, async (f) => {
    const viaReader = dexEntriesWithZipReader(f.abs, f.path);
    if (viaReader) return viaReader;
    const list = await runBytes('unzip', ['-Z1', f.abs]);
    const names = list.out
      .toString('utf8')
      .split('\n')
      .filter((n) => DEX_ENTRY.test(n));
    const out: { label: string; bytes: Uint8Array }[] = [];
    for (const name of names) {
      const r = await runBytes('unzip', ['-p', f.abs, name]);
      if (r.out.length > 0) out.push({ label: `${f.path}!${name}`, bytes: new Uint8Array(r.out) });
    }
    return out;
  });
  return [...loose, ...inApks.flat()].map((d) => ({
    ...d,
    sha1: createHash('sha1').update(d.bytes).digest('hex'),
  }));
}

const HEADER_LINE = /^([a-z_]+)\s+: (\d+)/;
/** `invoke-kind {regs}, Lcls;.name:(sig)ret // method@XXXX`; invoke-polymorphic adds `, (proto)` before the comment. */
const INVOKE_LINE =
  /\|[0-9a-f]{4}: invoke-[a-z-]+(?:\/range)? \{[^}]*\}, (\S+?)(?:, \(\S*)? \/\/ method@([0-9a-f]+)/;
const QUOTED = /: '(.*)'$/;
const INSN_LINE = /^\|([0-9a-f]{4,}): (\S+)(.*)$/s;
const METHOD_HEAD = /^ {4}#\d+ +: \(in /;
const REGISTER = /(?:^|[ {])v(\d+)(?=[,}]|$)/g;

/** `offset:name:r1,r2` — registers are taken before any string literal, comment or literal. */
export function insnSummary(offset: number, name: string, rest: string): string {
  const operands = rest.split(/"|\/\/|#/)[0];
  const regs = [...operands.matchAll(REGISTER)].map((m) => m[1]);
  return `${offset}:${name}:${regs.join(',')}`;
}

/**
 * The lines the invoke comparison needs: header fields, class/member structure and invoke
 * instructions. `grep` drops the rest (most of dexdump's text) before node reads it.
 */
const STRUCTURE_AND_INVOKES = [
  '^[a-z_]+ +: ',
  '^Class #',
  '^  (Class descriptor|Static fields|Instance fields|Direct methods|Virtual methods|Source file|Interfaces)',
  '^    #[0-9]+ +: \\(in ',
  '^      (name|type) +: ',
  '^[0-9a-f]{6}: [0-9a-f .]+\\|[0-9a-f]{4}: invoke-',
].join('|');

export type DexdumpMode = {
  /** `all`: every instruction line; `invokes`: only structure and invoke lines (much faster). */
  lines: 'all' | 'invokes';
  /** With `lines: 'all'`, summarize instructions with their registers. */
  registers: boolean;
};

/**
 * Streams `dexdump -f -d file` (through `grep` in `invokes` mode) and collects what the oracle
 * test compares. In `invokes` mode `insns` stays empty.
 */
export function dexdump(file: string, opts: DexdumpMode): Promise<DexdumpResult> {
  return new Promise((resolve) => {
    const p =
      opts.lines === 'all'
        ? spawn('dexdump', ['-f', '-d', file], { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(
            'bash',
            [
              '-c',
              `set -o pipefail; dexdump -f -d "$1" | LC_ALL=C grep -a -E '${STRUCTURE_AND_INVOKES}'`,
              'dexdump',
              file,
            ],
            {
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
    const res: DexdumpResult = {
      status: -1,
      stderr: '',
      header: {},
      classes: 0,
      fields: 0,
      methods: 0,
      invokes: new Map(),
      insns: new Map(),
    };
    let cls = '';
    let name = '';
    let section: 'fields' | 'methods' | '' = '';
    let current: string[] | undefined;
    let currentInsns: string[] = [];
    let inHeader = true;
    const onLine = (line: string): void => {
      // Instruction lines ("0001a4: 1a02 0d00   |0023: const-string ...") are most of the output.
      const bar = line.charCodeAt(6) === 0x3a ? line.indexOf('|') : -1;
      if (bar > 0) {
        if (!current || line.charCodeAt(bar + 1) === 0x5b) return;
        let space = line.indexOf(' ', bar + 7);
        if (space < 0) space = line.length;
        if (opts.lines === 'invokes') {
          // Only invoke lines were kept.
        } else if (opts.registers) {
          const insn = INSN_LINE.exec(line.slice(bar));
          if (insn) currentInsns.push(insnSummary(parseInt(insn[1], 16), insn[2], insn[3]));
        } else {
          currentInsns.push(line.slice(bar + 1, space));
        }
        if (!line.startsWith('invoke-', bar + 7)) return;
        const m = INVOKE_LINE.exec(line);
        if (m) current.push(`${m[1]}@${parseInt(m[2], 16)}`);
        return;
      }
      if (inHeader) {
        const h = HEADER_LINE.exec(line);
        if (h) res.header[h[1]] = Number(h[2]);
      }
      if (line.startsWith('Class #')) {
        inHeader = false;
        res.classes++;
        current = undefined;
        return;
      }
      if (line.startsWith('  Class descriptor  :')) cls = QUOTED.exec(line)?.[1] ?? '';
      else if (line === '  Static fields     -' || line === '  Instance fields   -') section = 'fields';
      else if (line === '  Direct methods    -' || line === '  Virtual methods   -') section = 'methods';
      else if (line.startsWith('  Source file') || line.startsWith('  Interfaces')) section = '';
      else if (METHOD_HEAD.test(line)) {
        current = undefined;
        if (section === 'fields') res.fields++;
        if (section === 'methods') res.methods++;
      } else if (line.startsWith('      name          :')) name = QUOTED.exec(line)?.[1] ?? '';
      else if (line.startsWith('      type          :') && section === 'methods') {
        let key = `${cls}->${name}${QUOTED.exec(line)?.[1] ?? ''}`;
        for (let n = 2; res.invokes.has(key); n++) key = `${key.replace(/#\d+$/, '')}#${n}`;
        current = [];
        currentInsns = [];
        res.invokes.set(key, current);
        res.insns.set(key, currentInsns);
      }
    };
    let rest = '';
    p.stdout.setEncoding('latin1');
    p.stdout.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    p.stderr.on('data', (c: Buffer) => (res.stderr += c.toString('utf8')));
    p.on('close', (code) => {
      if (rest) onLine(rest);
      res.status = code ?? -1;
      resolve(res);
    });
  });
}
