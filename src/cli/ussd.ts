/**
 * `dfslab ussd scan` (automated USSD security tests through the gateway callback) and
 * `dfslab ussd dial` (a phone-screen emulator). Wire with `registerUssdCommands(program)`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../core/errors.js';
import { exceedsThreshold, parseThreshold, type Severity } from '../core/findings.js';
import { REPORT_FORMATS, renderReport, type Report, type ReportFormat } from '../core/report/index.js';
import {
  DEFAULT_BUDGET,
  DEFAULT_SESSION_LIMITS,
  getDialect,
  Harness,
  runDialer,
  scanPlan,
  scanUssd,
  startSimSwapMock,
  DIALECT_NAMES,
  type GenericConfig,
  type ProbeOptions,
  type TestAccount,
  type UssdTarget,
} from '../ussd/index.js';
import { describeError, EXIT } from './exit.js';

export type UssdTargetCliOptions = {
  url: string;
  dialect: string;
  msisdn: string;
  code: string;
  network: string;
  header?: string[];
  ca?: string;
  genericConfig?: string;
  hopTimeout?: string;
  sessionTimeout?: string;
};

export type UssdScanCliOptions = UssdTargetCliOptions & {
  accounts?: string;
  testSystem?: boolean;
  dryRun?: boolean;
  format?: string;
  out?: string;
  failOn?: string;
  maxRequests?: string;
  delay?: string;
  maxTime?: string;
  idleWait?: string;
  simSwapMock?: string;
  altNetwork?: string;
  altCode?: string;
  tokenSamples?: string;
  tlsProbe?: boolean;
  only?: string;
  skip?: string;
  quiet?: boolean;
};

const SEV_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
/** What a gateway could plausibly send as a network code or service code (USSD-009 variants). */
const ALT_NETWORK = /^[A-Za-z0-9 _-]{1,20}$/;
const ALT_CODE = /^[*#0-9]{1,40}$/;

function int(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InputError(`--${name} must be a non-negative integer, not '${value}'`);
  return n;
}

function headers(list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of list ?? []) {
    const i = h.indexOf(':');
    if (i <= 0) throw new InputError(`--header must look like 'Name: value', not '${h}'`);
    out[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  return out;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new InputError(`cannot read the ${what} file ${file}`);
  }
}

/** Parses a test-accounts file: a JSON array of { msisdn, pin? }. */
export function parseAccounts(text: string): TestAccount[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new InputError('the accounts file is not JSON');
  }
  if (!Array.isArray(v))
    throw new InputError('the accounts file must be a JSON array of { "msisdn": "+254…", "pin": "1234" }');
  return v.map((a: unknown, i) => {
    if (!a || typeof a !== 'object') throw new InputError(`accounts[${i}] is not an object`);
    const { msisdn, pin, account } = a as { msisdn?: unknown; pin?: unknown; account?: unknown };
    if (typeof msisdn !== 'string' || !msisdn) throw new InputError(`accounts[${i}].msisdn is missing`);
    if (pin !== undefined && typeof pin !== 'string')
      throw new InputError(`accounts[${i}].pin must be a string`);
    if (account !== undefined && (typeof account !== 'string' || !account))
      throw new InputError(`accounts[${i}].account must be a non-empty string`);
    return {
      msisdn,
      ...(pin === undefined ? {} : { pin }),
      ...(account === undefined ? {} : { account }),
    };
  });
}

export async function buildTarget(o: UssdTargetCliOptions): Promise<UssdTarget> {
  const generic = o.genericConfig
    ? (JSON.parse(await readText(o.genericConfig, 'generic dialect')) as GenericConfig)
    : undefined;
  const target: UssdTarget = {
    url: o.url,
    dialect: getDialect(o.dialect, generic),
    serviceCode: o.code,
    msisdn: o.msisdn,
    network: o.network,
    headers: headers(o.header),
    limits: {
      ...DEFAULT_SESSION_LIMITS,
      hopTimeoutMs: int(o.hopTimeout, 'hop-timeout', DEFAULT_SESSION_LIMITS.hopTimeoutMs),
      sessionMaxMs: int(o.sessionTimeout, 'session-timeout', DEFAULT_SESSION_LIMITS.sessionMaxMs),
    },
  };
  if (o.ca) target.ca = await readText(o.ca, 'CA');
  return target;
}

function parseFormats(s: string | undefined, hasOut: boolean): ReportFormat[] {
  if (!s) return hasOut ? ['html', 'sarif', 'json'] : [];
  const list = s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  for (const f of list)
    if (!(REPORT_FORMATS as readonly string[]).includes(f))
      throw new InputError(`unknown --format '${f}' (use ${REPORT_FORMATS.join(', ')})`);
  return [...new Set(list)] as ReportFormat[];
}

/** A plain-text summary: counts, the FIGI table, findings, the menu map. */
export function formatUssdSummary(r: Report): string {
  const L: string[] = [];
  L.push(
    `${r.target.name}  ${String(r.target.details?.url ?? '')} (${String(r.target.details?.dialect ?? '')})`,
  );
  L.push(
    `  ${r.summary.total} findings: ${SEV_ORDER.map((s) => `${r.summary.bySeverity[s]} ${s}`).join(', ')}; ${r.summary.checksRun} checks`,
  );
  for (const f of r.findings.filter((x) => !x.suppression))
    L.push(`  ${f.severity.padEnd(8)} ${f.checkId}  ${f.message}`);
  for (const e of r.errors) L.push(`  check error ${e.checkId}: ${e.message}`);
  if (r.baseline) {
    L.push(`  ${r.baseline.name}:`);
    for (const row of r.baseline.rows)
      L.push(`    ${row.id.padEnd(14)} ${row.status.padEnd(18)} ${row.title}`);
  }
  const tlsVersions = r.facts?.tlsVersions;
  if (tlsVersions && typeof tlsVersions === 'object' && !Array.isArray(tlsVersions))
    L.push(
      `  TLS versions: ${Object.entries(tlsVersions)
        .map(([v, res]) => `${v} ${String(res).split(':')[0]}`)
        .join(', ')}`,
    );
  const map = r.facts?.menuMap;
  if (typeof map === 'string') L.push('', 'Menu map', map);
  return L.join('\n') + '\n';
}

export async function ussdScanCommand(
  o: UssdScanCliOptions,
  tool: { name: string; version: string },
): Promise<number> {
  const formats = parseFormats(o.format, !!o.out);
  const threshold = parseThreshold(o.failOn ?? 'none');
  if (threshold === undefined)
    throw new InputError(`unknown --fail-on '${o.failOn}' (use critical, high, medium, low, info or none)`);
  if (formats.length > 1 && !o.out) throw new InputError('writing several reports needs --out DIR');
  const target = await buildTarget(o);
  const accounts = o.accounts ? parseAccounts(await readText(o.accounts, 'accounts')) : undefined;
  const list = (s?: string): string[] | undefined =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined;
  const only = list(o.only);
  const skip = list(o.skip);
  const idle = o.idleWait === undefined ? undefined : int(o.idleWait, 'idle-wait', 0);
  if (o.altNetwork !== undefined && !ALT_NETWORK.test(o.altNetwork))
    throw new InputError(`--alt-network must be a network code such as 63903, not '${o.altNetwork}'`);
  if (o.altCode !== undefined && !ALT_CODE.test(o.altCode))
    throw new InputError(`--alt-code must be a service code such as '*384*124#', not '${o.altCode}'`);
  const probe: Partial<ProbeOptions> = {
    ...(idle === undefined ? {} : { idleWaitMs: idle }),
    ...(o.altNetwork === undefined ? {} : { altNetwork: o.altNetwork }),
    ...(o.altCode === undefined ? {} : { altServiceCode: o.altCode }),
    ...(o.tokenSamples === undefined ? {} : { tokenSamples: int(o.tokenSamples, 'token-samples', 4) }),
    ...(o.tlsProbe === false ? { tlsProbe: false } : {}),
  };
  const opts = {
    target,
    budget: {
      maxRequests: int(o.maxRequests, 'max-requests', DEFAULT_BUDGET.maxRequests),
      minDelayMs: int(o.delay, 'delay', DEFAULT_BUDGET.minDelayMs),
      maxMs: int(o.maxTime, 'max-time', DEFAULT_BUDGET.maxMs / 1000) * 1000,
    },
    testSystem: o.testSystem ?? false,
    tool,
    ...(accounts ? { accounts } : {}),
    ...(only ? { only } : {}),
    ...(skip ? { skip } : {}),
    probe,
    ...(o.quiet ? {} : { onProgress: (m: string) => process.stderr.write(`ussd: ${m}\n`) }),
  };
  if (o.dryRun) {
    if (o.simSwapMock)
      process.stdout.write(`would serve a mock CAMARA SIM Swap API on 127.0.0.1:${o.simSwapMock}\n`);
    process.stdout.write(scanPlan(opts).join('\n') + '\n(dry run: nothing was sent)\n');
    return EXIT.OK;
  }
  const mock = o.simSwapMock
    ? await startSimSwapMock({ port: int(o.simSwapMock, 'sim-swap-mock', 0) })
    : undefined;
  if (mock && !o.quiet) process.stderr.write(`ussd: mock CAMARA SIM Swap API at ${mock.apiRoot}\n`);
  const { report, ms, requests } = await scanUssd({ ...opts, ...(mock ? { simSwap: mock } : {}) }).finally(
    () => mock?.close(),
  );
  if (formats.length === 1 && !o.out) process.stdout.write(renderReport(report, formats[0]));
  else {
    process.stdout.write(formatUssdSummary(report));
    if (o.out) {
      await mkdir(o.out, { recursive: true });
      const written: string[] = [];
      for (const f of formats) {
        const p = join(o.out, `ussd.dfslab.${f}`);
        await writeFile(p, renderReport(report, f));
        written.push(p);
      }
      const svg = report.facts?.menuMapSvg;
      if (typeof svg === 'string') {
        const p = join(o.out, 'ussd.menu-map.svg');
        await writeFile(p, svg);
        written.push(p);
      }
      process.stdout.write(`  reports: ${written.join(', ')} (${Math.round(ms)} ms, ${requests} requests)\n`);
    }
  }
  return threshold !== 'none' && exceedsThreshold(report.findings, threshold) ? EXIT.FINDINGS : EXIT.OK;
}

export async function ussdDialCommand(
  code: string,
  o: UssdTargetCliOptions & { chain?: string },
): Promise<number> {
  const target = await buildTarget({ ...o, code });
  const harness = new Harness(target, { ...DEFAULT_BUDGET, minDelayMs: 0 });
  const chain = o.chain ? o.chain.split('*').filter(Boolean) : [];
  await runDialer(harness, process.stdin, process.stdout, chain);
  return EXIT.OK;
}

function targetOptions(cmd: Command, withCode: boolean): Command {
  cmd
    .requiredOption('--url <url>', 'the USSD callback URL (the only host the harness talks to)')
    .option('--dialect <name>', `gateway dialect: ${DIALECT_NAMES.join(', ')}`, 'africastalking')
    .requiredOption('--msisdn <number>', "the caller's number, E.164 (+2547…)")
    .option('--network <code>', 'network / operator code sent to the app', '63902')
    .option('--header <line...>', "gateway credential header(s), e.g. 'Authorization: Bearer …'")
    .option('--ca <file>', 'PEM CA certificate to trust for an https callback')
    .option('--generic-config <file>', 'JSON field names for --dialect generic')
    .option('--hop-timeout <ms>', 'per-hop time limit (gateway default 15000)')
    .option('--session-timeout <ms>', 'whole-session limit (default 180000)');
  if (withCode) cmd.requiredOption('--code <code>', "the service code, e.g. '*384*123#'");
  return cmd;
}

function run(p: Promise<number>): Promise<void> {
  return p.then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      const d = describeError(e, 'ussd');
      process.stderr.write(d.line + '\n');
      process.exitCode = d.code;
    },
  );
}

/** Adds `ussd scan` and `ussd dial` to the dfslab program. */
export function registerUssdCommands(
  program: Command,
  tool: { name: string; version: string } = { name: 'dfslab', version: '0.0.0' },
): void {
  const ussd = program
    .command('ussd')
    .description('test USSD mobile-money menus through their gateway callback');
  targetOptions(
    ussd.command('scan').description('crawl the menu and run the USSD security checks (USSD-001…)'),
    true,
  )
    .option('--accounts <file>', 'test accounts: JSON [{ "msisdn": "+254…", "pin": "1234" }]')
    .option('--test-system', 'the target is a test system with test accounts: allow probes that move money')
    .option('--dry-run', 'print the plan and send nothing')
    .option('-f, --format <list>', 'report formats, comma-separated: html, sarif, json')
    .option('-o, --out <dir>', 'write the reports into this folder')
    .option('--fail-on <severity>', 'exit 1 when a finding at or above this severity is found', 'none')
    .option('--max-requests <n>', 'request budget', String(DEFAULT_BUDGET.maxRequests))
    .option('--delay <ms>', 'minimum delay between requests', String(DEFAULT_BUDGET.minDelayMs))
    .option('--max-time <s>', 'time budget in seconds', String(DEFAULT_BUDGET.maxMs / 1000))
    .option('--idle-wait <ms>', 'USSD-014: leave a session idle this long, then resume it')
    .option(
      '--sim-swap-mock <port>',
      "USSD-018: serve a mock CAMARA SIM Swap API on 127.0.0.1:<port> (point the target's backend at it)",
    )
    .option(
      '--alt-network <code>',
      'USSD-009: the other network code tried after a lockout (default: next MNC)',
    )
    .option(
      '--alt-code <code>',
      'USSD-009: the other service code tried after a lockout (default: last number + 1)',
    )
    .option('--token-samples <n>', 'USSD-023: fresh sessions sampled per app-issued token (default 4)')
    .option('--no-tls-probe', 'USSD-020: do not probe which TLS versions an https callback accepts')
    .option('--only <ids>', 'run only these checks (comma-separated ids)')
    .option('--skip <ids>', 'skip these checks (comma-separated ids)')
    .option('-q, --quiet', 'no progress on stderr')
    .action((o: UssdScanCliOptions) => run(ussdScanCommand(o, tool)));
  targetOptions(
    ussd.command('dial').description('an interactive phone screen: one input per line on stdin'),
    false,
  )
    .argument('<code>', "the service code to dial, e.g. '*384*123#'")
    .option('--chain <inputs>', "pre-filled inputs, '*'-separated (dial-string chaining)")
    .action((code: string, o: UssdTargetCliOptions & { chain?: string }) => run(ussdDialCommand(code, o)));
}
