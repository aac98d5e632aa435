/**
 * Helpers for the ELF oracle test: find the native libraries inside APKs with `unzip`, and read
 * the facts `readelf` reports, in the shape parseElf's result uses.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_BUFFER = 256 * 1024 * 1024;

/** `lib/<abi>/<name>.so` entries of an APK, from `unzip -Z1` (empty when unzip cannot read it). */
export async function listNativeLibs(apk: string): Promise<string[]> {
  try {
    const { stdout } = await run('unzip', ['-Z1', apk], { maxBuffer: MAX_BUFFER });
    return stdout.split('\n').filter((n) => /^lib\/[^/]+\/[^/]+\.so$/.test(n));
  } catch {
    return [];
  }
}

/** The bytes of one entry, via `unzip -p`. */
export async function extractEntry(apk: string, entry: string): Promise<Buffer> {
  // unzip treats [ ] * ? in names as wildcards; the names we pass are plain lib/<abi>/<x>.so.
  const { stdout } = await run('unzip', ['-p', apk, entry], { encoding: 'buffer', maxBuffer: MAX_BUFFER });
  return stdout;
}

export type ReadelfFacts = {
  machine: string;
  type: string;
  /** GNU_STACK's Flg column ('RW', 'RWE'), or undefined when there is no GNU_STACK. */
  gnuStackFlags?: string;
  gnuRelro: boolean;
  /** The Type column of the program headers, in order. */
  segmentTypes: string[];
  bindNow: boolean;
  textrel: boolean;
  needed: string[];
  soname?: string;
  runpath: string[];
  rpath: string[];
  /** Undefined and defined-global dynamic symbol names, without @version suffixes. */
  imports: string[];
  exports: string[];
};

/** Parses `readelf -h -l -d --dyn-syms -W` output. */
export function parseReadelf(out: string): ReadelfFacts {
  const field = (name: string): string =>
    new RegExp(`^\\s+${name}:\\s+(.*)$`, 'm').exec(out)?.[1].trim() ?? '';
  const stack = /^\s+GNU_STACK\s+(?:0x[0-9a-f]+\s+){5}(.*?)\s+(?:0x[0-9a-f]+|\d+)\s*$/m.exec(out);
  const dynList = (tag: string, label: string): string[] =>
    [...out.matchAll(new RegExp(`\\(${tag}\\)\\s+${label}: \\[(.*)\\]`, 'g'))].map((m) => m[1]);
  const imports: string[] = [];
  const exports: string[] = [];
  const symtab = out.indexOf("Symbol table '.dynsym'");
  if (symtab >= 0) {
    for (const line of out.slice(symtab).split('\n')) {
      // Num: Value Size Type Bind Vis Ndx Name
      const m = /^\s*\d+:\s+[0-9a-f]+\s+\S+\s+\S+\s+(\S+)\s+\S+\s+(\S+)\s+(.+)$/.exec(line);
      if (!m) continue;
      const [, bind, ndx, rawName] = m;
      const name = rawName.replace(/ \(\d+\)$/, '').replace(/@.*$/, '');
      if (!name) continue;
      if (ndx === 'UND') imports.push(name);
      else if (bind !== 'LOCAL') exports.push(name);
    }
  }
  const flagsLine = /\(FLAGS\)\s+(.*)$/m.exec(out)?.[1] ?? '';
  const flags1Line = /\(FLAGS_1\)\s+Flags:(.*)$/m.exec(out)?.[1] ?? '';
  const soname = dynList('SONAME', 'Library soname')[0];
  return {
    machine: field('Machine'),
    type: field('Type').split(' ')[0],
    gnuStackFlags: stack ? stack[1].replace(/\s+/g, '') : undefined,
    gnuRelro: /^\s+GNU_RELRO\s/m.test(out),
    segmentTypes: segmentTypes(out),
    bindNow: /\(BIND_NOW\)/.test(out) || /\bBIND_NOW\b/.test(flagsLine) || /\bNOW\b/.test(flags1Line),
    textrel: /\(TEXTREL\)/.test(out) || /\bTEXTREL\b/.test(flagsLine),
    needed: dynList('NEEDED', 'Shared library'),
    ...(soname !== undefined ? { soname } : {}),
    runpath: dynList('RUNPATH', 'Library runpath').flatMap((p) => p.split(':').filter(Boolean)),
    rpath: dynList('RPATH', 'Library rpath').flatMap((p) => p.split(':').filter(Boolean)),
    imports,
    exports,
  };
}

function segmentTypes(out: string): string[] {
  const start = out.indexOf('Program Headers:');
  if (start < 0) return [];
  const end = out.indexOf('Section to Segment mapping', start);
  const block = out.slice(start, end < 0 ? undefined : end);
  return [...block.matchAll(/^\s+(\S+)\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+0x/gm)].map((m) => m[1]);
}

/** Runs readelf on a file; `ok` is false when readelf rejects it (exit status or "Not an ELF file"). */
export async function readelf(path: string): Promise<{ ok: boolean; out: string }> {
  try {
    const { stdout, stderr } = await run('readelf', ['-h', '-l', '-d', '--dyn-syms', '-W', path], {
      maxBuffer: MAX_BUFFER,
    });
    return { ok: !/Not an ELF file/.test(stderr), out: stdout };
  } catch (e) {
    const err = e as { stdout?: string };
    return { ok: false, out: err.stdout ?? '' };
  }
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
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
