/**
 * Reading and writing baseline files (see findings-baseline.ts for what a baseline does): the zod
 * schema that validates untrusted baseline text. Importing zod costs tens of milliseconds, so only
 * the code paths that read or write a baseline file load this module.
 */
import { z } from 'zod';
import { InputError } from './errors.js';
import type { Finding } from './findings.js';
import { BASELINE_FILE_VERSION, type BaselineEntry, type BaselineFile } from './findings-baseline.js';

const Reason = z.string().trim().min(1, 'reason must not be empty').max(2000);
const Expiry = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const FingerprintEntry = z.strictObject({
  fingerprint: z.string().regex(/^v[0-9]+:[0-9a-f]{32}$/, 'fingerprint must look like v1:<32 hex digits>'),
  checkId: z.string().optional(),
  reason: Reason,
  expires: Expiry.optional(),
});

const CheckEntry = z.strictObject({
  checkId: z.string().regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/, "checkId must look like 'AND-NET-001'"),
  reason: Reason,
  expires: Expiry.optional(),
});

export const BaselineEntrySchema: z.ZodType<BaselineEntry> = z.union([FingerprintEntry, CheckEntry]);

export const BaselineFileSchema: z.ZodType<BaselineFile> = z.strictObject({
  version: z.literal(BASELINE_FILE_VERSION),
  description: z.string().max(2000).optional(),
  entries: z.array(BaselineEntrySchema).max(100_000),
});

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
