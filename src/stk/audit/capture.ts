/**
 * Captures: command packets (as TPDU, UDH+packet or bare packet) with the card's PoR, as JSON,
 * CSV (command,response[,note][,executed]) or text (one "COMMAND [RESPONSE]" per line).
 * Each exchange is decoded here; an undecodable packet is recorded on the exchange, not thrown.
 */
import { z } from 'zod';
import { FormatError, LimitError, isDfslabError } from '../../core/errors.js';
import type { KeyPair } from '../crypto.js';
import { parseHex, toHex } from '../hex.js';
import { decodeSecuredPacket } from '../input.js';
import { csvRecords } from './profile.js';
import type { Exchange, StkCapture } from './types.js';

export const MAX_EXCHANGES = 100_000;

const HexOrParts = z.union([z.string(), z.array(z.string()).min(1).max(255)]);

const CaptureSchema = z.object({
  format: z.literal('dfslab-stk-capture').optional(),
  name: z.string().optional(),
  keys: z.object({ kic: z.string().optional(), kid: z.string().optional() }).optional(),
  exchanges: z
    .array(
      z.object({
        command: HexOrParts,
        response: z.string().nullable().optional(),
        executed: z.boolean().optional(),
        note: z.string().optional(),
      }),
    )
    .max(MAX_EXCHANGES),
});

export type RawExchange = {
  command: string | string[];
  response?: string | null;
  executed?: boolean;
  note?: string;
};

const FMT = 'stk-capture';

function message(e: unknown): string {
  if (isDfslabError(e)) return e.message;
  throw e;
}

/** Decodes raw exchanges: each command with the keys, each PoR with its command's SPI/KIc/KID. */
export function decodeExchanges(raws: readonly RawExchange[], keys: KeyPair = {}): Exchange[] {
  return raws.map((r, i) => {
    const parts = Array.isArray(r.command) ? r.command : [r.command];
    const ex: Exchange = { index: i + 1, commandHex: parts.join(' ') };
    if (r.note) ex.note = r.note;
    if (r.executed !== undefined) ex.executed = r.executed;
    if (r.response) ex.responseHex = r.response.replace(/[\s:]/g, '');
    try {
      const bytes = parts.map((p) => parseHex(p, 'command'));
      const d = decodeSecuredPacket(bytes.length === 1 ? bytes[0] : bytes, {
        keys,
        as: bytes.length > 1 ? 'tpdu' : 'auto',
      });
      if (d.kind !== 'command') throw new FormatError(FMT, 0, 'the command column holds a response packet');
      ex.command = d.packet;
      ex.commandHex = toHex(d.packet.raw);
    } catch (e) {
      ex.commandError = message(e);
    }
    if (r.response) {
      try {
        const c = ex.command;
        const security = c ? { spi: c.spi, kic: c.kic.raw, kid: c.kid.raw } : undefined;
        const d = decodeSecuredPacket(parseHex(r.response, 'response'), {
          keys,
          as: 'response',
          ...(security ? { security } : {}),
        });
        if (d.kind === 'response') ex.response = d.packet;
      } catch (e) {
        ex.responseError = message(e);
      }
    }
    return ex;
  });
}

function keyPair(k: { kic?: string; kid?: string } | undefined): KeyPair {
  const out: KeyPair = {};
  if (k?.kic) out.kic = parseHex(k.kic, 'kic');
  if (k?.kid) out.kid = parseHex(k.kid, 'kid');
  return out;
}

/** Parses a JSON capture (already JSON.parse'd). Keys given by the caller win over keys in the file. */
export function parseCaptureJson(
  value: unknown,
  fallbackName = 'SIM OTA capture',
  keys?: KeyPair,
): StkCapture {
  const r = CaptureSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new FormatError(FMT, 0, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const k = { ...keyPair(r.data.keys), ...(keys ?? {}) };
  return {
    name: r.data.name ?? fallbackName,
    exchanges: decodeExchanges(r.data.exchanges, k),
    keysGiven: !!(k.kic || k.kid),
  };
}

const TRUE = new Set(['1', 'true', 'yes', 'y']);

export function parseCaptureCsv(text: string, name = 'SIM OTA capture', keys: KeyPair = {}): StkCapture {
  const raws: RawExchange[] = csvRecords(text, MAX_EXCHANGES).map(({ line, rec }) => {
    if (!rec.command) throw new FormatError(FMT, line, `line ${line}: empty command`);
    const raw: RawExchange = {
      command: rec.command
        .split(/[;|]/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    if (rec.response) raw.response = rec.response;
    if (rec.note) raw.note = rec.note;
    if (rec.executed) raw.executed = TRUE.has(rec.executed.toLowerCase());
    return raw;
  });
  return { name, exchanges: decodeExchanges(raws, keys), keysGiven: !!(keys.kic || keys.kid) };
}

/** Text: one exchange per line, "COMMAND [RESPONSE]" (hex, separated by whitespace or ' -> '); '#' starts a comment. */
export function parseCaptureText(text: string, name = 'SIM OTA capture', keys: KeyPair = {}): StkCapture {
  const raws: RawExchange[] = [];
  for (const [i, rawLine] of text.split(/\r?\n/).entries()) {
    const line = rawLine.replace(/#.*/, '').trim();
    if (!line) continue;
    if (raws.length >= MAX_EXCHANGES) throw new LimitError(FMT, 'exchanges', raws.length + 1, MAX_EXCHANGES);
    const cells = line.split(/\s*->\s*|\s+/).filter(Boolean);
    if (cells.length > 2)
      throw new FormatError(
        FMT,
        i + 1,
        `line ${i + 1}: expected COMMAND [RESPONSE], got ${cells.length} fields`,
      );
    raws.push(cells[1] ? { command: cells[0], response: cells[1] } : { command: cells[0] });
  }
  return { name, exchanges: decodeExchanges(raws, keys), keysGiven: !!(keys.kic || keys.kid) };
}
