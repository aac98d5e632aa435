/**
 * The SIM OTA audit: read a profile or a capture (JSON, CSV or text), run STK_CHECKS, build the
 * Report (target kind 'stk'). Pure: the caller reads the file.
 */
import { createHash } from 'node:crypto';
import type { RunResult } from '../../core/check.js';
import { runChecksSync } from '../../core/check.js';
import { FormatError, LimitError } from '../../core/errors.js';
import type { JsonObject, Report, ToolInfo } from '../../core/report/index.js';
import { buildReport } from '../../core/report/index.js';
import { STK_CHECKS } from '../checks/index.js';
import type { KeyPair } from '../crypto.js';
import { toHex, writeUint } from '../hex.js';
import { parseCaptureCsv, parseCaptureJson, parseCaptureText } from './capture.js';
import { parseProfileCsv, parseProfileJson } from './profile.js';
import type { StkAuditContext } from './types.js';

/** Largest audit input accepted, bytes. */
export const MAX_STK_INPUT = 64 * 1024 * 1024;

/**
 * Reads an audit input. JSON with `tars` is a profile, with `exchanges` a capture; CSV with a
 * `tar` column is a profile, with a `command` column a capture; anything else is a text capture.
 */
export function loadStkInput(text: string, fileName = 'input', keys: KeyPair = {}): StkAuditContext {
  if (text.length > MAX_STK_INPUT) throw new LimitError('stk-input', 'size', text.length, MAX_STK_INPUT);
  const base = fileName.replace(/^.*[\\/]/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new FormatError('stk-input', 0, `not valid JSON: ${(e as Error).message}`);
    }
    if (v && typeof v === 'object' && 'tars' in v) {
      const profile = parseProfileJson(v, base);
      return { source: 'profile', name: profile.name, profile };
    }
    const capture = parseCaptureJson(v, base, keys);
    return { source: 'capture', name: capture.name, capture };
  }
  const firstLine = trimmed.split(/\r?\n/, 1)[0].toLowerCase();
  if (/^"?tar"?\s*,|,\s*"?tar"?\s*(,|$)/.test(firstLine)) {
    const profile = parseProfileCsv(text, base);
    return { source: 'profile', name: profile.name, profile };
  }
  if (/^"?command"?\s*(,|$)|,\s*"?command"?\s*(,|$)/.test(firstLine)) {
    const capture = parseCaptureCsv(text, base, keys);
    return { source: 'capture', name: capture.name, capture };
  }
  const capture = parseCaptureText(text, base, keys);
  return { source: 'capture', name: capture.name, capture };
}

export type StkAuditOptions = {
  tool?: ToolInfo;
  fileName?: string;
  /** The input bytes, for the report's size and sha256. */
  bytes?: Uint8Array;
  only?: string[];
  skip?: string[];
};

/** Facts for the report: the decoded exchanges or profile rows, JSON-serialisable. */
export function stkFacts(ctx: StkAuditContext): JsonObject {
  if (ctx.source === 'profile') {
    return {
      source: 'profile',
      entries: ctx.profile.entries.map((e) => ({
        tar: e.tar,
        name: e.name ?? null,
        checksum: e.checksum,
        ciphering: e.ciphering,
        counter: e.counter,
        kic: e.kicAlgorithms,
        kid: e.kidAlgorithms,
      })),
    };
  }
  return {
    source: 'capture',
    keysGiven: ctx.capture.keysGiven,
    exchanges: ctx.capture.exchanges.map((x) => {
      const c = x.command;
      const r = x.response;
      const o: JsonObject = { index: x.index };
      if (c) {
        o.tar = c.tar;
        o.spi = toHex(new Uint8Array(c.spiBytes));
        o.kic = c.kic.algorithm;
        o.kid = c.kid.algorithm;
        o.cntr = c.cntr === undefined ? null : toHex(writeUint(c.cntr, 5));
        o.checksum = c.verification?.status ?? (c.spi.checksum === 'none' ? 'none' : 'not-verified');
      }
      if (r) {
        o.porState = r.state;
        o.porStatus = r.statusName ?? null;
        o.porChecksum = r.verification?.status ?? null;
      }
      if (x.commandError) o.commandError = x.commandError;
      if (x.responseError) o.responseError = x.responseError;
      return o;
    }),
  };
}

export function auditStk(
  ctx: StkAuditContext,
  opts: StkAuditOptions = {},
): { report: Report; run: RunResult } {
  const startedAt = new Date();
  const run = runChecksSync(STK_CHECKS, ctx, {
    ...(opts.only ? { only: opts.only } : {}),
    ...(opts.skip ? { skip: opts.skip } : {}),
  });
  const details: JsonObject = { source: ctx.source };
  if (ctx.source === 'profile') details.entries = ctx.profile.entries.length;
  else {
    details.exchanges = ctx.capture.exchanges.length;
    details.undecodable = ctx.capture.exchanges.filter((x) => x.commandError || x.responseError).length;
  }
  const report = buildReport({
    tool: opts.tool ?? { name: 'dfslab', version: '0.0.0' },
    target: {
      kind: 'stk',
      name: ctx.name,
      ...(opts.fileName ? { fileName: opts.fileName } : {}),
      ...(opts.bytes
        ? { size: opts.bytes.length, sha256: createHash('sha256').update(opts.bytes).digest('hex') }
        : {}),
      details,
    },
    findings: run.findings,
    rules: run.rules,
    errors: run.errors,
    timings: run.timings,
    facts: stkFacts(ctx),
    startedAt,
    finishedAt: new Date(),
  });
  return { report, run };
}
