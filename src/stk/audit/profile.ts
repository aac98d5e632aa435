/**
 * Card OTA profiles, JSON or CSV: per TAR, the minimum security level (checksum, ciphering,
 * counter) and the KIc/KID algorithms accepted. See docs/stk.md for the formats.
 */
import { z } from 'zod';
import { FormatError, LimitError } from '../../core/errors.js';
import type { CcAlgorithm, ChecksumKind, CipherAlgorithm, RcAlgorithm } from '../spi.js';
import { CHECKSUM_KINDS, COUNTER_MODES, decodeKic, decodeKid, decodeSpi } from '../spi.js';
import type { ProfileEntry, StkProfile } from './types.js';

export const MAX_PROFILE_ENTRIES = 100_000;

const Alg = z.union([z.string(), z.number()]);
const AlgList = z.union([Alg, z.array(Alg)]);

const EntrySchema = z.object({
  tar: z.string().regex(/^(0x)?[0-9a-fA-F]{6}$/, 'TAR must be 6 hex digits'),
  name: z.string().optional(),
  /** The first SPI octet as hex ('16'), instead of the three fields below. */
  spi: z
    .string()
    .regex(/^[0-9a-fA-F]{2}([0-9a-fA-F]{2})?$/)
    .optional(),
  checksum: z.enum(['none', 'rc', 'cc', 'ds']).optional(),
  ciphering: z.boolean().optional(),
  counter: z.enum(['none', 'present', 'higher', 'one-higher']).optional(),
  kic: AlgList.optional(),
  kid: AlgList.optional(),
  signedPorOnError: z.boolean().optional(),
});

const ProfileSchema = z.object({
  format: z.literal('dfslab-stk-profile').optional(),
  name: z.string().optional(),
  tars: z.array(EntrySchema).max(MAX_PROFILE_ENTRIES),
});

type EntryInput = z.infer<typeof EntrySchema>;

const FMT = 'stk-profile';

function algorithmsOf(
  v: string | number | (string | number)[] | undefined,
  kind: 'kic' | 'kid',
  checksum: ChecksumKind,
  row: number,
): string[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((a) => {
    const s = String(a).trim().toLowerCase();
    if (/^(0x)?[0-9a-f]{1,2}$/.test(s) && !/^[0-9]+des/.test(s)) {
      const octet = Number.parseInt(s.replace(/^0x/, ''), 16);
      return kind === 'kic' ? decodeKic(octet).algorithm : decodeKid(octet, checksum).algorithm;
    }
    const known =
      kind === 'kic'
        ? ['des-cbc', '3des-2key', '3des-3key', 'des-ecb', 'aes-cbc', 'implicit', 'proprietary']
        : ['des-cbc', '3des-2key', '3des-3key', 'aes-cmac', 'crc16', 'crc32', 'implicit', 'proprietary'];
    if (!known.includes(s))
      throw new FormatError(
        FMT,
        row,
        `row ${row}: unknown ${kind.toUpperCase()} algorithm '${String(a)}' (use an octet such as 35 or one of ${known.join(', ')})`,
      );
    return s;
  });
}

function toEntry(e: EntryInput, row: number): ProfileEntry {
  const fromSpi = e.spi ? decodeSpi(Number.parseInt(e.spi.slice(0, 2), 16), 0) : undefined;
  const checksum = e.checksum ?? fromSpi?.checksum;
  const counter = e.counter ?? fromSpi?.counter ?? 'none';
  const ciphering = e.ciphering ?? fromSpi?.ciphered ?? false;
  if (!checksum) throw new FormatError(FMT, row, `row ${row}: give 'checksum' (none, rc, cc, ds) or 'spi'`);
  const entry: ProfileEntry = {
    tar: e.tar.replace(/^0x/, '').toUpperCase(),
    checksum,
    ciphering,
    counter,
    kicAlgorithms: algorithmsOf(e.kic, 'kic', checksum, row) as CipherAlgorithm[],
    kidAlgorithms: algorithmsOf(e.kid, 'kid', checksum, row) as (CcAlgorithm | RcAlgorithm)[],
    row,
  };
  if (e.name) entry.name = e.name;
  if (e.signedPorOnError !== undefined) entry.signedPorOnError = e.signedPorOnError;
  return entry;
}

/** Parses a JSON profile (already JSON.parse'd). */
export function parseProfileJson(value: unknown, fallbackName = 'SIM OTA profile'): StkProfile {
  const r = ProfileSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new FormatError(FMT, 0, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { name: r.data.name ?? fallbackName, entries: r.data.tars.map((e, i) => toEntry(e, i + 1)) };
}

/** Splits one CSV line (commas; double quotes around a field allowed). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** CSV rows as records keyed by the lower-cased header; blank lines and '#' comments skipped. */
export function csvRecords(
  text: string,
  max = MAX_PROFILE_ENTRIES,
): { line: number; rec: Record<string, string> }[] {
  const lines = text.split(/\r?\n/);
  let header: string[] | undefined;
  const out: { line: number; rec: Record<string, string> }[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const cells = splitCsvLine(line);
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      continue;
    }
    if (out.length >= max) throw new LimitError('csv', 'rows', out.length + 1, max);
    const rec: Record<string, string> = {};
    header.forEach((h, j) => {
      if (cells[j] !== undefined && cells[j] !== '') rec[h] = cells[j];
    });
    out.push({ line: i + 1, rec });
  }
  return out;
}

const TRUE = new Set(['1', 'true', 'yes', 'y']);

/** Parses a CSV profile: tar,name,checksum,ciphering,counter,kic,kid[,signedPorOnError] (kic/kid lists separated by ';' or spaces). */
export function parseProfileCsv(text: string, name = 'SIM OTA profile'): StkProfile {
  const entries: ProfileEntry[] = [];
  for (const { line, rec } of csvRecords(text)) {
    const list = (s?: string) => (s ? s.split(/[;\s|]+/).filter(Boolean) : undefined);
    const checksum = rec.checksum?.toLowerCase();
    const counter = rec.counter?.toLowerCase();
    if (checksum && !(CHECKSUM_KINDS as readonly string[]).includes(checksum))
      throw new FormatError(FMT, line, `line ${line}: checksum must be none, rc, cc or ds`);
    if (counter && !(COUNTER_MODES as readonly string[]).includes(counter))
      throw new FormatError(FMT, line, `line ${line}: counter must be none, present, higher or one-higher`);
    const input = {
      tar: rec.tar ?? '',
      name: rec.name,
      spi: rec.spi,
      checksum,
      ciphering: rec.ciphering === undefined ? undefined : TRUE.has(rec.ciphering.toLowerCase()),
      counter,
      kic: list(rec.kic),
      kid: list(rec.kid),
      signedPorOnError:
        rec.signedporonerror === undefined ? undefined : TRUE.has(rec.signedporonerror.toLowerCase()),
    };
    const r = EntrySchema.safeParse(
      Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    );
    if (!r.success)
      throw new FormatError(
        FMT,
        line,
        `line ${line}: ${r.error.issues[0].path.join('.')}: ${r.error.issues[0].message}`,
      );
    entries.push(toEntry(r.data, line));
  }
  return { name, entries };
}
