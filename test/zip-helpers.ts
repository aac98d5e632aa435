/** Helpers for the zip oracle test: run zipinfo with bounded parallelism and parse its listing. */
import { execFile } from 'node:child_process';

export type ZipinfoEntry = { name: string; uncompressedSize: number; compressedSize: number; method: string };
export type ZipinfoListing = { count: number | undefined; entries: ZipinfoEntry[]; status: number };

// perms ver os usize type csize method date time name
const LINE = /^(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\d\d:\d\d) (.*)$/;
const HEADER = /number of entries: (\d+)/;

export function parseZipinfo(out: string, status: number): ZipinfoListing {
  const entries: ZipinfoEntry[] = [];
  let count: number | undefined;
  for (const line of out.split('\n')) {
    const h = HEADER.exec(line);
    if (h && count === undefined) count = Number(h[1]);
    const m = LINE.exec(line);
    if (!m) continue;
    entries.push({ name: m[10], uncompressedSize: Number(m[4]), compressedSize: Number(m[6]), method: m[7] });
  }
  return { count, entries, status };
}

export function zipinfo(file: string): Promise<ZipinfoListing> {
  return new Promise((resolve) => {
    execFile(
      'zipinfo',
      ['-l', file],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      (err, stdout) => {
        const status = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve(parseZipinfo(stdout, status));
      },
    );
  });
}

/** Maps items through `fn` with at most `width` in flight. */
export async function mapBounded<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

/** zipinfo's four-letter method column as a zip method number (undefined when it is neither). */
export function zipinfoMethod(m: string): number | undefined {
  if (m === 'stor') return 0;
  if (m.startsWith('def')) return 8;
  return undefined;
}

/** How zipalign prints a name: a C string, cut at NUL. */
export function zipalignShows(name: string): string {
  const nul = name.indexOf('\0');
  return nul < 0 ? name : name.slice(0, nul);
}

/** How zipinfo prints a name: cut at NUL (a C string), control characters as ^X. */
export function zipinfoShows(name: string): string {
  const nul = name.indexOf('\0');
  const cut = nul < 0 ? name : name.slice(0, nul);
  let out = '';
  for (const ch of cut) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 ? `^${String.fromCharCode(c + 64)}` : ch;
  }
  return out;
}

export type ZipalignEntry = { dataOffset: number; name: string; status: string };

// Names may hold CR or LF (apksig vectors), so match across lines lazily.
const ZIPALIGN_LINE = /^\s*(\d+) ([^]*?) \((OK|OK - compressed|BAD - \d+)\)$/gm;

/** `zipalign -c -v -p 4 file`: the data offset, name and alignment verdict of every entry (.so: 4 KiB). */
export function zipalign(file: string): Promise<{ entries: ZipalignEntry[]; status: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      'zipalign',
      ['-c', '-v', '-p', '4', file],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      (err, stdout) => {
        const status = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        const entries: ZipalignEntry[] = [];
        for (const m of stdout.matchAll(ZIPALIGN_LINE))
          entries.push({ dataOffset: Number(m[1]), name: m[2], status: m[3] });
        resolve({ entries, status, out: stdout });
      },
    );
  });
}

/** `unzip -tq file`: exit status and everything it printed (warnings go to stdout and stderr). */
export function unzipTest(file: string): Promise<{ status: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      'unzip',
      ['-tq', file],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const status = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ status, out: `${stdout}\n${stderr}` });
      },
    );
  });
}
