/**
 * One entry point for what a tester pastes: an SMS-DELIVER/SUBMIT TPDU (or several concatenated
 * parts), user data starting with the UDH (02 70 00 … / 02 71 00 …), or a bare command packet or
 * PoR. Works out which it is, unwraps it and decodes the secured packet.
 */
import { FormatError } from '../core/errors.js';
import type { Anomaly } from '../core/anomaly.js';
import type { CommandPacket } from './command.js';
import { decodeCommandPacket } from './command.js';
import type { KeyPair } from './crypto.js';
import type { PorSecurity, ResponsePacket } from './response.js';
import { decodeResponsePacket } from './response.js';
import type { SmsTpdu } from './sms.js';
import { IEI, parseTpdu, parseUdh, reassemble } from './sms.js';
import { concat } from './hex.js';

export type InputKind = 'auto' | 'command' | 'response' | 'tpdu';

export type DecodeOptions = {
  keys?: KeyPair;
  /** What the bytes are; 'auto' (default) guesses. */
  as?: InputKind;
  /** For a PoR: the command's SPI, KIc and KID (whether it is ciphered, which checksum). */
  security?: PorSecurity;
};

export type DecodedPacket =
  | {
      kind: 'command';
      envelope: 'tpdu' | 'udh' | 'none';
      sms?: SmsTpdu[];
      packet: CommandPacket;
      anomalies: Anomaly[];
    }
  | {
      kind: 'response';
      envelope: 'tpdu' | 'udh' | 'none';
      sms?: SmsTpdu[];
      packet: ResponsePacket;
      anomalies: Anomaly[];
    };

const CMD_CHECKSUM_LENGTHS = new Set([0, 2, 4, 8]);

function udhIeis(b: Uint8Array): number[] | undefined {
  if (b.length < 3 || b[0] < 2 || b[0] + 1 > b.length) return undefined;
  try {
    return parseUdh(b.subarray(0, b[0] + 1)).ies.map((ie) => ie.iei);
  } catch {
    return undefined;
  }
}

function looksLikeTpdu(b: Uint8Array): SmsTpdu | undefined {
  if (b.length < 12 || (b[0] & 0x03) > 1) return undefined;
  try {
    const t = parseTpdu(b);
    return t.commandPacket || t.responsePacket || t.pid === 0x7f ? t : undefined;
  } catch {
    return undefined;
  }
}

/** A bare packet: response when its header length fits a PoR and not a command. */
function bareKind(b: Uint8Array): 'command' | 'response' {
  if (b.length < 3) return 'command';
  const h = b[2];
  const asPor = h >= 10 && CMD_CHECKSUM_LENGTHS.has(h - 10);
  const asCmd = h >= 13 && CMD_CHECKSUM_LENGTHS.has(h - 13);
  return asPor && !asCmd ? 'response' : 'command';
}

function decodeBody(
  kind: 'command' | 'response',
  body: Uint8Array,
  envelope: 'tpdu' | 'udh' | 'none',
  opts: DecodeOptions,
  sms?: SmsTpdu[],
): DecodedPacket {
  const smsAnomalies = sms?.flatMap((s) => s.anomalies) ?? [];
  if (kind === 'command') {
    const packet = decodeCommandPacket(body, opts.keys);
    return {
      kind,
      envelope,
      packet,
      anomalies: [...smsAnomalies, ...packet.anomalies],
      ...(sms ? { sms } : {}),
    };
  }
  const packet = decodeResponsePacket(body, opts.security, opts.keys);
  return {
    kind,
    envelope,
    packet,
    anomalies: [...smsAnomalies, ...packet.anomalies],
    ...(sms ? { sms } : {}),
  };
}

/** Decodes one pasted item, or several SMS parts of one concatenated message. */
export function decodeSecuredPacket(
  input: Uint8Array | readonly Uint8Array[],
  opts: DecodeOptions = {},
): DecodedPacket {
  const parts = input instanceof Uint8Array ? [input] : [...input];
  if (parts.length === 0) throw new FormatError('stk', 0, 'nothing to decode');
  const as = opts.as ?? 'auto';
  if (parts.length > 1 || as === 'tpdu')
    return fromTpdus(
      parts.map((p) => parseTpdu(p)),
      opts,
    );
  const b = parts[0];
  if (as === 'auto') {
    const ieis = udhIeis(b);
    if (ieis?.includes(IEI.COMMAND_PACKET)) return decodeBody('command', b.subarray(b[0] + 1), 'udh', opts);
    if (ieis?.includes(IEI.RESPONSE_PACKET)) return decodeBody('response', b, 'udh', opts);
    // A bare packet whose 16-bit length matches exactly is far likelier than a TPDU that parses.
    const bareFits = b.length >= 3 && b[0] * 256 + b[1] + 2 === b.length && b[2] >= 10;
    const t = bareFits ? undefined : looksLikeTpdu(b);
    if (t) return fromTpdus([t], opts);
    return decodeBody(bareKind(b), b, 'none', opts);
  }
  if (as === 'command') {
    const ieis = udhIeis(b);
    return ieis?.includes(IEI.COMMAND_PACKET)
      ? decodeBody('command', b.subarray(b[0] + 1), 'udh', opts)
      : decodeBody('command', b, 'none', opts);
  }
  const ieis = udhIeis(b);
  return decodeBody('response', b, ieis?.includes(IEI.RESPONSE_PACKET) ? 'udh' : 'none', opts);
}

function fromTpdus(tpdus: SmsTpdu[], opts: DecodeOptions): DecodedPacket {
  const { payload, first } = reassemble(tpdus);
  if (first.responsePacket && !first.commandPacket) {
    const udh = new Uint8Array([0x02, IEI.RESPONSE_PACKET, 0x00]);
    return decodeBody(
      'response',
      first.udh && first.udh.length === 3 ? concat(first.udh, payload) : concat(udh, payload),
      'tpdu',
      opts,
      tpdus,
    );
  }
  if (!first.commandPacket)
    first.anomalies.push({
      format: 'sms-tpdu',
      code: 'no-packet-identifier',
      severity: 'warning',
      message: 'the UDH carries no command packet identifier (IEI 0x70); read as a command packet anyway',
    });
  return decodeBody('command', payload, 'tpdu', opts, tpdus);
}
