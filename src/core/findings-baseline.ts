/**
 * Suppression baselines: a reviewed file that lists findings a team has accepted (by fingerprint)
 * or checks it has waived (by check id), each with a reason and an optional expiry. Applying a
 * baseline marks matching findings `suppression`, it never deletes them, so reports stay complete
 * and `exceedsThreshold` can ignore them.
 */
import type { Finding, Suppression } from './findings.js';

export const BASELINE_FILE_VERSION = 1;

/** Accepts one finding, by its fingerprint (see `fingerprintOf`). */
export type FingerprintBaselineEntry = {
  fingerprint: string;
  /** Informative only: the check the fingerprint belonged to when it was accepted. */
  checkId?: string;
  reason: string;
  /** A date (YYYY-MM-DD, the end of that day UTC) or a date-time with an offset. */
  expires?: string;
};

/** Waives every finding of one check. */
export type CheckBaselineEntry = { checkId: string; reason: string; expires?: string };

export type BaselineEntry = FingerprintBaselineEntry | CheckBaselineEntry;

/**
 * A reviewed baseline file. Validate untrusted text with `parseBaselineText` (core/baseline-file.ts,
 * which loads zod: kept out of this module so commands that take no baseline do not pay for it).
 */
export type BaselineFile = {
  version: typeof BASELINE_FILE_VERSION;
  /** Who reviewed it / which target it is for: informative. */
  description?: string;
  entries: BaselineEntry[];
};

export type ApplyBaselineResult = {
  /** Every input finding, in order; matching ones carry `suppression`. */
  findings: Finding[];
  /** Entries past their expiry: they suppressed nothing. */
  expired: BaselineEntry[];
  /** Live entries that matched no finding (candidates for removal). */
  unmatched: BaselineEntry[];
};

function isExpired(e: BaselineEntry, now: Date): boolean {
  if (!e.expires) return false;
  // A bare date expires at the end of that day (UTC).
  const end = e.expires.length === 10 ? Date.parse(`${e.expires}T23:59:59.999Z`) : Date.parse(e.expires);
  return end < now.getTime();
}

/**
 * Marks findings suppressed by `baseline`. A fingerprint entry wins over a check-id entry.
 * Findings that already carry a suppression are kept as they are.
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: BaselineFile,
  opts: { now?: Date } = {},
): ApplyBaselineResult {
  const now = opts.now ?? new Date();
  const byFingerprint = new Map<string, BaselineEntry>();
  const byCheck = new Map<string, BaselineEntry>();
  const expired: BaselineEntry[] = [];
  for (const e of baseline.entries) {
    if (isExpired(e, now)) {
      expired.push(e);
      continue;
    }
    if ('fingerprint' in e) byFingerprint.set(e.fingerprint, e);
    else byCheck.set(e.checkId, e);
  }
  const used = new Set<BaselineEntry>();
  const out = findings.map((f) => {
    if (f.suppression) return f;
    const fp = byFingerprint.get(f.fingerprint);
    const entry = fp ?? byCheck.get(f.checkId);
    if (!entry) return f;
    used.add(entry);
    const suppression: Suppression = { reason: entry.reason, matchedBy: fp ? 'fingerprint' : 'check' };
    if (entry.expires) suppression.expires = entry.expires;
    return { ...f, suppression };
  });
  const unmatched = [...byFingerprint.values(), ...byCheck.values()].filter((e) => !used.has(e));
  return { findings: out, expired, unmatched };
}
