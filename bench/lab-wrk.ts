/** Run Debian's `wrk` against one URL and parse its summary (requests/s, latency percentiles, errors). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type WrkOptions = {
  url: string;
  headers?: Record<string, string>;
  seconds: number;
  connections: number;
  threads?: number;
};

export type WrkResult = {
  requests: number;
  rps: number;
  p50Ms: number;
  p75Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** Responses that were not 2xx/3xx. */
  non2xx: number;
  /** connect + read + write + timeout socket errors. */
  socketErrors: number;
};

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

export function parseDuration(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`wrk: cannot read the duration '${text}'`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

/** Parse `wrk --latency` output. */
export function parseWrk(out: string): WrkResult {
  const pct = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(out);
    if (!m) throw new Error(`wrk: no ${p}% latency in its output:\n${out}`);
    return parseDuration(m[1]);
  };
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(out);
  const total = /^\s*(\d+) requests in/m.exec(out);
  if (!rps || !total) throw new Error(`wrk: unexpected output:\n${out}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    requests: Number(total[1]),
    rps: Number(rps[1]),
    p50Ms: pct('50'),
    p75Ms: pct('75'),
    p90Ms: pct('90'),
    p99Ms: pct('99'),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: sock ? sock.slice(1).reduce((s, x) => s + Number(x), 0) : 0,
  };
}

export async function wrk(o: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${o.threads ?? 1}`,
    `-c${o.connections}`,
    `-d${o.seconds}s`,
    '--latency',
    '--timeout',
    '5s',
    ...Object.entries(o.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]),
    o.url,
  ];
  const { stdout } = await run('wrk', args, { maxBuffer: 1024 * 1024 });
  return parseWrk(stdout);
}

export async function wrkAvailable(): Promise<boolean> {
  try {
    await run('wrk', ['--version']);
    return true;
  } catch (e) {
    // wrk --version prints its usage and exits 1; only a missing binary is ENOENT.
    return !(e && typeof e === 'object' && 'code' in e && e.code === 'ENOENT');
  }
}
