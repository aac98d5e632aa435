/**
 * The harness side of the wire: plays the USSD gateway against one callback URL. Enforces what
 * networks do (per-hop timeout, session cap, screen length) and what a careful tester must (a
 * request budget, a delay between requests, and never any host but the target's).
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SecureVersion, TLSSocket } from 'node:tls';
import { InputError, LimitError } from '../core/errors.js';
import type { HttpEvidence } from '../core/findings.js';
import { screenSize, type ScreenSize } from './screen.js';
import { probeTlsVersion, type TlsProbeResult } from './tls-probe.js';
import type { Dialect, Hop, Reply, WireRequest } from './types.js';

export type SessionLimits = {
  /** The gateway gives up on the app after this long (Africa's Talking: 15 s). */
  hopTimeoutMs: number;
  /** Whole-session cap (Kenyan telcos: 180 s). */
  sessionMaxMs: number;
  gsm7Chars: number;
  ucs2Chars: number;
};

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  hopTimeoutMs: 15_000,
  sessionMaxMs: 180_000,
  gsm7Chars: 182,
  ucs2Chars: 80,
};

export type Budget = { maxRequests: number; minDelayMs: number; maxMs: number };

export const DEFAULT_BUDGET: Budget = { maxRequests: 400, minDelayMs: 50, maxMs: 10 * 60_000 };

export type UssdTarget = {
  url: string;
  dialect: Dialect;
  serviceCode: string;
  msisdn: string;
  network: string;
  /** Gateway credentials sent on every hop (USSD-001 deliberately omits them). */
  headers?: Record<string, string>;
  /** PEM CA to trust for an https target (self-signed lab gateways). */
  ca?: string;
  limits: SessionLimits;
};

export type Exchange = {
  /** Harness-wide request number, from 1. */
  step: number;
  hop: Hop;
  request: { method: string; url: string; headers: Record<string, string>; body?: string };
  status: number;
  contentType: string;
  body: string;
  ms: number;
  reply: Reply;
  size: ScreenSize;
  /** TLS protocol of the connection ('TLSv1.3'), https only. */
  tlsProtocol?: string;
  /** What a real network would object to: 'timeout', 'session-expired', 'over-long screen'. */
  violations: string[];
};

const MAX_BODY = 64 * 1024;
/** A TLS-version handshake gets at least this long (it is not a gateway hop). */
const MIN_HANDSHAKE_MS = 5000;
const REDACT = /^(authorization|proxy-authorization|x-api-key|x-gateway-.*|cookie)$/i;

export type SendOptions = { omitCredentials?: boolean };

/** Sends hops to exactly one URL, within a budget. Throws LimitError when the budget is spent. */
export class Harness {
  readonly target: UssdTarget;
  readonly budget: Budget;
  readonly exchanges: Exchange[] = [];
  private readonly url: URL;
  private readonly t0 = Date.now();
  private last = 0;
  private pending: Promise<void> = Promise.resolve();
  private reserved = 0;
  /** TLS handshakes sent by `probeTls` (they count against maxRequests, not in `exchanges`). */
  handshakes = 0;

  constructor(target: UssdTarget, budget: Budget = DEFAULT_BUDGET) {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      throw new InputError(`not a URL: '${target.url}'`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new InputError(`only http(s) callback URLs are supported, not '${url.protocol}'`);
    this.url = url;
    this.target = target;
    this.budget = budget;
  }

  /** The origin every request goes to. */
  get origin(): string {
    return this.url.origin;
  }

  get requestCount(): number {
    return this.exchanges.length;
  }

  /** Milliseconds left in the time budget. */
  remainingMs(): number {
    return this.budget.maxMs - (Date.now() - this.t0);
  }

  /**
   * One TLS handshake offering only `version` to the target's host and port (https only), within
   * the same budget, pacing and origin lock as the requests. Nothing is sent after the handshake.
   */
  async probeTls(version: SecureVersion): Promise<TlsProbeResult> {
    if (this.url.protocol !== 'https:') throw new InputError('TLS probing needs an https callback URL');
    this.reserve();
    const gate = this.pending.then(() => this.pace());
    this.pending = gate;
    await gate;
    this.handshakes++;
    const port = Number(this.url.port || 443);
    const host = this.url.hostname.replace(/^\[|\]$/g, '');
    return probeTlsVersion(host, port, version, Math.max(this.target.limits.hopTimeoutMs, MIN_HANDSHAKE_MS));
  }

  private reserve(): void {
    if (this.reserved >= this.budget.maxRequests)
      throw new LimitError('ussd', 'request count', this.reserved + 1, this.budget.maxRequests);
    if (this.remainingMs() <= 0)
      throw new LimitError('ussd', 'scan time (ms)', Date.now() - this.t0, this.budget.maxMs);
    this.reserved++;
  }

  /** Sends one hop and decodes the reply. Network failures become `invalid` replies. */
  send(hop: Hop, opts: SendOptions = {}): Promise<Exchange> {
    return this.sendWire(hop, this.target.dialect.encodeRequest(hop), opts);
  }

  /**
   * Sends `wire` as if it were `hop` (USSD-011 sends malformed bodies this way). Same budget,
   * pacing, origin lock and decoding as `send`.
   */
  async sendWire(hop: Hop, wire: WireRequest, opts: SendOptions = {}): Promise<Exchange> {
    // Slots are reserved synchronously, so concurrent probes cannot overrun the budget.
    this.reserve();
    // Serialise the pacing: concurrent callers still respect minDelayMs between requests.
    const gate = this.pending.then(() => this.pace());
    this.pending = gate;
    await gate;
    const step = this.exchanges.length + 1;
    const url = new URL(this.url.href);
    if (wire.query) url.search = url.search ? `${url.search}&${wire.query}` : `?${wire.query}`;
    if (url.origin !== this.url.origin) throw new InputError('refusing to send outside the target origin');
    const headers: Record<string, string> = {
      ...wire.headers,
      ...(opts.omitCredentials ? {} : this.target.headers),
    };
    const ex: Exchange = {
      step,
      hop,
      request: {
        method: wire.method,
        url: url.href,
        headers,
        ...(wire.body === undefined ? {} : { body: wire.body }),
      },
      status: 0,
      contentType: '',
      body: '',
      ms: 0,
      reply: { kind: 'invalid', text: '' },
      size: screenSize(''),
      violations: [],
    };
    this.exchanges.push(ex);
    const started = performance.now();
    const res = await this.roundTrip(url, wire.method, headers, wire.body);
    ex.ms = performance.now() - started;
    if ('error' in res) {
      ex.reply = { kind: 'invalid', text: '', problem: res.error };
      if (res.timeout) ex.violations.push('timeout');
      return ex;
    }
    ex.status = res.status;
    ex.contentType = res.contentType;
    ex.body = res.body;
    if (res.tlsProtocol) ex.tlsProtocol = res.tlsProtocol;
    ex.reply = this.target.dialect.decodeReply(res.status, res.contentType, res.body);
    ex.size = screenSize(ex.reply.text, this.target.limits.gsm7Chars, this.target.limits.ucs2Chars);
    if (ex.reply.kind !== 'invalid' && !ex.size.fits) ex.violations.push('over-long screen');
    return ex;
  }

  private async pace(): Promise<void> {
    const wait = this.last + this.budget.minDelayMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.last = Date.now();
  }

  private roundTrip(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<
    | { status: number; contentType: string; body: string; tlsProtocol?: string }
    | { error: string; timeout: boolean }
  > {
    const timeoutMs = this.target.limits.hopTimeoutMs;
    return new Promise((resolve) => {
      const h = {
        ...headers,
        ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
      };
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_BODY) chunks.push(c.subarray(0, MAX_BODY - size));
          size += c.length;
        });
        res.on('end', () => {
          clearTimeout(timer);
          const sock = res.socket as TLSSocket | null;
          const proto = sock && typeof sock.getProtocol === 'function' ? sock.getProtocol() : null;
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
            ...(proto ? { tlsProtocol: proto } : {}),
          });
        });
        res.on('error', (e) => done({ error: e.message, timeout: false }));
      };
      const opts = { method, headers: h, ...(this.target.ca ? { ca: this.target.ca } : {}) };
      const req =
        url.protocol === 'https:' ? httpsRequest(url, opts, onResponse) : httpRequest(url, opts, onResponse);
      let settled = false;
      const done = (r: { error: string; timeout: boolean }): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        resolve(r);
      };
      const timer = setTimeout(
        () => done({ error: `no reply within ${timeoutMs} ms`, timeout: true }),
        timeoutMs,
      );
      req.on('error', (e) => done({ error: e.message, timeout: false }));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}

/** One exchange as finding evidence; credentials are redacted. */
export function toEvidence(ex: Exchange, note?: string): HttpEvidence {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(ex.request.headers)) headers[k] = REDACT.test(k) ? '[redacted]' : v;
  const ev: HttpEvidence = {
    kind: 'http',
    step: ex.step,
    request: {
      method: ex.request.method,
      url: ex.request.url,
      headers,
      ...(ex.request.body === undefined ? {} : { body: ex.request.body }),
    },
  };
  if (ex.status)
    ev.response = { status: ex.status, headers: { 'content-type': ex.contentType }, body: ex.body };
  const notes = [ex.reply.problem, ...ex.violations, note].filter((x): x is string => !!x);
  if (notes.length) ev.note = notes.join('; ');
  return ev;
}

export function transcript(exs: readonly Exchange[], note?: string): HttpEvidence[] {
  return exs.map((e, i) => toEvidence(e, i === exs.length - 1 ? note : undefined));
}

export type SessionOptions = {
  msisdn?: string;
  sessionId?: string;
  omitCredentials?: boolean;
  /** The network (operator) code of every hop instead of the target's (USSD-009). */
  network?: string;
  /** The service code of every hop instead of the target's (USSD-009). */
  serviceCode?: string;
};

/** One USSD dialog: keeps the input history, sequence and ClientState like a gateway would. */
export class Session {
  readonly id: string;
  readonly msisdn: string;
  readonly exchanges: Exchange[] = [];
  history: string[] = [];
  private seq = 0;
  /** The ClientState the next hop will carry (USSD-019 tampers with it). */
  clientState: string | undefined;
  private startedAt = 0;
  ended = false;

  constructor(
    readonly harness: Harness,
    private readonly opts: SessionOptions = {},
  ) {
    this.id = opts.sessionId ?? `dfslab-${randomUUID()}`;
    this.msisdn = opts.msisdn ?? harness.target.msisdn;
  }

  /** The first hop; `chain` pre-fills inputs as a dial string (`*384*123*1*2#`). */
  start(chain: readonly string[] = []): Promise<Exchange> {
    this.startedAt = Date.now();
    this.history = [...chain];
    return this.hop(true);
  }

  /**
   * Sends `input` as a continuation hop of a session the app never saw start, carrying
   * `history` before it (USSD-003: does the app accept arbitrary session ids mid-flow?).
   */
  continueForeign(history: readonly string[], input: string): Promise<Exchange> {
    this.history = [...history];
    return this.send(input);
  }

  /** The next input. `msisdn` overrides the number for this hop only (USSD-002). */
  send(input: string, msisdn?: string): Promise<Exchange> {
    this.history.push(input);
    return this.hop(false, msisdn);
  }

  /** Sends the last hop again, byte for byte (same session id, history and sequence): USSD-004. */
  async replayLast(): Promise<Exchange> {
    const prev = this.exchanges.at(-1);
    if (!prev) throw new InputError('nothing to replay');
    const ex = await this.harness.send(prev.hop, { omitCredentials: this.opts.omitCredentials ?? false });
    this.exchanges.push(ex);
    return ex;
  }

  get last(): Exchange | undefined {
    return this.exchanges.at(-1);
  }

  private async hop(isNew: boolean, msisdn?: string): Promise<Exchange> {
    const t = this.harness.target;
    const hop: Hop = {
      sessionId: this.id,
      msisdn: msisdn ?? this.msisdn,
      serviceCode: this.opts.serviceCode ?? t.serviceCode,
      network: this.opts.network ?? t.network,
      history: [...this.history],
      isNew,
      sequence: ++this.seq,
      ...(this.clientState === undefined ? {} : { clientState: this.clientState }),
    };
    if (!this.startedAt) this.startedAt = Date.now();
    const late = !isNew && Date.now() - this.startedAt > t.limits.sessionMaxMs;
    const ex = await this.harness.send(hop, { omitCredentials: this.opts.omitCredentials ?? false });
    if (late) ex.violations.push('session-expired');
    this.clientState = ex.reply.clientState;
    this.exchanges.push(ex);
    if (ex.reply.kind !== 'con') this.ended = true;
    return ex;
  }
}
