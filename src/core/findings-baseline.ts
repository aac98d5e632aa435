/**
 * Suppression baselines: a reviewed file that lists findings a team has accepted (by fingerprint)
 * or checks it has waived (by check id), each with a reason and an optional expiry. Applying a
 * baseline marks matching findings `suppression`, it never deletes them, so reports stay complete
 * and `exceedsThreshold` can ignore them.
 */
import { z } from 'zod';
import { InputError } from './errors.js';
import type { Finding, Suppression } from './findings.js';

export const BASELINE_FILE_VERSION = 1;

const Reason = z.string().trim().min(1, 'reason must not be empty').max(2000);
const Expiry = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const FingerprintEntry = z.strictObject({
  fingerprint: z.string().regex(/^v[0-9]+:[0-9a-f]{32}$/, 'fingerprint must look like v1:<32 hex digits>'),
  /** Informative only: the check the fingerprint belonged to when it was accepted. */
  checkId: z.string().optional(),
  reason: Reason,
  expires: Expiry.optional(),
});

const CheckEntry = z.strictObject({
  checkId: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, "checkId must look like 'AND-NET-001'"),
  reason: Reason,
  expires: Expiry.optional(),
});

export const BaselineEntrySchema = z.union([FingerprintEntry, CheckEntry]);

export const BaselineFileSchema = z.strictObject({
  version: z.literal(BASELINE_FILE_VERSION),
  /** Who reviewed it / which target it is for: informative. */
  description: z.string().max(2000).optional(),
  entries: z.array(BaselineEntrySchema).max(100_000),
});

export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;
export type BaselineFile = z.infer<typeof BaselineFileSchema>;

/** Validates parsed JSON as a baseline file; throws InputError naming the first problem. */
export function parseBaseline(json: unknown): BaselineFile {
  const r = BaselineFileSchema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(root)';
  throw new InputError(`invalid baseline file at ${where}: ${issue?.message ?? 'unknown problem'}`);
}

/** Parses baseline file text (JSON); throws InputError on bad JSON or a bad shape. */
export function parseBaselineText(text: string): BaselineFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`baseline file is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseBaseline(json);
}

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

/** A baseline accepting every current (unsuppressed) finding by fingerprint, for `--write-baseline`. */
export function createBaseline(
  findings: readonly Finding[],
  reason: string,
  opts: { expires?: string; description?: string } = {},
): BaselineFile {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    if (f.suppression || seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    entries.push({
      fingerprint: f.fingerprint,
      checkId: f.checkId,
      reason,
      ...(opts.expires ? { expires: opts.expires } : {}),
    });
  }
  const file: BaselineFile = { version: BASELINE_FILE_VERSION, entries };
  if (opts.description) file.description = opts.description;
  return parseBaseline(file);
}
