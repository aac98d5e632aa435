/**
 * `scanUssd`: a target description in, a Report out. Crawls the menu, runs the USSD checks, and
 * puts the menu map (text and SVG) into the report's facts.
 */
import { runChecks, type RunResult } from '../core/check.js';
import { buildReport, type Report, type ToolInfo } from '../core/report/index.js';
import type { SimSwapMock } from './camara-mock.js';
import { DEFAULT_BUDGET, Harness, type Budget, type UssdTarget } from './client.js';
import { crawlMenu, DEFAULT_CRAWL, type CrawlOptions, type MenuMap } from './crawler.js';
import { figiUssdVerdict } from './baseline.js';
import { USSD_CHECKS, type ProbeOptions, type UssdContext } from './checks/index.js';
import { otherNetworkCode, otherServiceCode } from './checks/context.js';
import { otherNumberFormat } from './checks/pin.js';
import { menuMapSvg, menuMapText } from './menu-map.js';
import { redactFindings } from './redact.js';
import { maskSecret } from './screen.js';

/** A test account: its number, PIN, and the account / wallet id its menus use (default: the number). */
export type TestAccount = { msisdn: string; pin?: string; account?: string };

export type UssdScanOptions = {
  target: UssdTarget;
  budget?: Partial<Budget>;
  crawl?: Partial<CrawlOptions>;
  /** Test accounts; the one matching target.msisdn gives the PIN, the next one is the peer. */
  accounts?: readonly TestAccount[];
  testSystem?: boolean;
  probe?: Partial<ProbeOptions>;
  /** A mock CAMARA SIM Swap API the target's backend uses (enables USSD-018). */
  simSwap?: SimSwapMock;
  only?: readonly string[];
  skip?: readonly string[];
  tool?: ToolInfo;
  onProgress?: (message: string) => void;
};

export type UssdScanResult = { report: Report; map: MenuMap; run: RunResult; requests: number; ms: number };

const DEFAULT_TOOL: ToolInfo = { name: 'dfslab', version: '0.0.0' };

/** True when the dialect carries the subscriber's input in the URL query string (GET). */
function sendsInputInQuery(target: UssdTarget): boolean {
  const marker = 'dfslabInputMarker';
  const wire = target.dialect.encodeRequest({
    sessionId: 's',
    msisdn: target.msisdn,
    serviceCode: target.serviceCode,
    network: target.network,
    history: [marker],
    isNew: false,
    sequence: 2,
  });
  return wire.query?.includes(marker) ?? false;
}

function isStringRecord(v: unknown): v is Record<string, string> {
  return !!v && typeof v === 'object' && Object.values(v).every((x) => typeof x === 'string');
}

/** What the scan would do, without sending anything (`--dry-run`). */
export function scanPlan(opts: UssdScanOptions): string[] {
  const b = { ...DEFAULT_BUDGET, ...opts.budget };
  const c = { ...DEFAULT_CRAWL, ...opts.crawl };
  const lines = [
    `target ${opts.target.url} (${opts.target.dialect.name}), service code ${opts.target.serviceCode}, caller ${opts.target.msisdn}`,
    `budget: at most ${b.maxRequests} requests, ${b.minDelayMs} ms apart, ${Math.round(b.maxMs / 1000)} s in all; hop limit ${opts.target.limits.hopTimeoutMs} ms`,
    `crawl: breadth-first, depth ≤ ${c.maxDepth}, ≤ ${c.maxScreens} screens; confirmations are never sent by the crawler`,
    `money movement: ${opts.testSystem ? 'ALLOWED (--test-system): chained confirmation probe may move test money' : 'never'}`,
    `after a lockout (USSD-009): network code ${opts.probe?.altNetwork ?? otherNetworkCode(opts.target.network)}, service code ${opts.probe?.altServiceCode ?? otherServiceCode(opts.target.serviceCode)}, number written as ${otherNumberFormat(opts.target) ?? '(no other form)'}`,
    ...(opts.target.url.startsWith('https:') && opts.probe?.tlsProbe !== false
      ? [
          `TLS (USSD-020): one handshake each offering only TLS 1.0, 1.1, 1.2, 1.3 (counted in the request budget)`,
        ]
      : []),
  ];
  for (const ch of USSD_CHECKS) {
    if (opts.only && !opts.only.includes(ch.id)) continue;
    if (opts.skip?.includes(ch.id)) continue;
    lines.push(`check ${ch.id} ${ch.title}${ch.needs?.length ? ` (needs ${ch.needs.join(', ')})` : ''}`);
  }
  return lines;
}

export async function scanUssd(opts: UssdScanOptions): Promise<UssdScanResult> {
  const started = new Date();
  const t0 = performance.now();
  const progress = opts.onProgress ?? ((): void => undefined);
  const harness = new Harness(opts.target, { ...DEFAULT_BUDGET, ...opts.budget });
  const own = opts.accounts?.find((a) => a.msisdn === opts.target.msisdn);
  const peerAcct = opts.accounts?.find((a) => a.msisdn !== opts.target.msisdn);
  const peer = peerAcct?.msisdn;
  const pin = own?.pin;
  const peerPin = peerAcct?.pin;
  progress(`crawling ${opts.target.serviceCode} at ${harness.origin}`);
  const map = await crawlMenu(harness, {
    ...DEFAULT_CRAWL,
    ...(peer ? { peerMsisdn: peer } : {}),
    ...(pin ? { pin } : {}),
    ...opts.crawl,
  });
  if (map.root?.kind !== 'con')
    progress(
      `warning: the first screen was not a CON menu (${map.root?.text ?? 'no reply'}): check --url, --dialect, --header and --code`,
    );
  progress(
    `menu: ${map.nodes.length} screens, ${harness.requestCount} requests${map.truncated ? ` (stopped: ${map.truncated})` : ''}`,
  );
  const probe: ProbeOptions = {
    bruteForceAttempts: 5,
    latencyP95Ms: opts.target.limits.hopTimeoutMs,
    ...opts.probe,
  };
  const ctx: UssdContext = {
    harness,
    map,
    testSystem: opts.testSystem ?? false,
    probe,
    facts: {},
    ...(pin ? { pin } : {}),
    ...(peer ? { peer } : {}),
    ...(peerPin ? { peerPin } : {}),
    ...(own?.account ? { ownAccount: own.account } : {}),
    ...(peerAcct?.account ? { peerAccount: peerAcct.account } : {}),
    ...(opts.simSwap ? { simSwap: opts.simSwap } : {}),
  };
  const available = [
    'http',
    ...(pin ? ['pin'] : []),
    ...(peer ? ['peer'] : []),
    ...(opts.testSystem ? ['testSystem'] : []),
    ...(opts.simSwap ? ['simSwap'] : []),
    ...(probe.idleWaitMs !== undefined ? ['idleWait'] : []),
  ];
  // Live progress: each check announces itself when the engine starts it.
  const checks = USSD_CHECKS.map((c) => ({
    ...c,
    run: (cx: UssdContext, report: Parameters<typeof c.run>[1]) => {
      progress(`${c.id} ${c.title} (${harness.requestCount} requests so far)`);
      return c.run(cx, report);
    },
  }));
  const run = await runChecks(checks, ctx, {
    available,
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.skip ? { skip: opts.skip } : {}),
    timeoutMs: Math.max(60_000, (probe.idleWaitMs ?? 0) + 60_000),
  });
  for (const t of run.timings)
    if (t.status !== 'ok' || t.findings)
      progress(
        `${t.checkId} ${t.status}${t.findings ? `: ${t.findings} finding${t.findings > 1 ? 's' : ''}` : ''}${t.reason ? ` (${t.reason})` : ''}`,
      );
  const ms = performance.now() - t0;
  const report = buildReport({
    tool: opts.tool ?? DEFAULT_TOOL,
    target: {
      kind: 'ussd',
      name: opts.target.serviceCode,
      details: {
        url: opts.target.url,
        dialect: opts.target.dialect.name,
        msisdn: opts.target.msisdn,
        network: opts.target.network,
        testSystem: opts.testSystem ?? false,
      },
    },
    findings: redactFindings(redactFindings(run.findings, pin), peerPin),
    rules: run.rules,
    errors: run.errors,
    timings: run.timings,
    baseline: figiUssdVerdict(run.findings, opts.target.dialect.history, {
      inQuery: sendsInputInQuery(opts.target),
      ...(isStringRecord(ctx.facts.tlsVersions) ? { tlsVersions: ctx.facts.tlsVersions } : {}),
    }),
    facts: {
      menuMap: maskSecret(menuMapText(map), pin),
      menuMapSvg: maskSecret(menuMapSvg(map), pin, '&#60;PIN&#62;'),
      screens: map.nodes.length,
      requests: harness.requestCount,
      scanMs: Math.round(ms),
      ...ctx.facts,
      ...(map.truncated ? { crawlStopped: map.truncated } : {}),
    },
    startedAt: started,
    finishedAt: new Date(),
  });
  return { report, map, run, requests: harness.requestCount, ms };
}
