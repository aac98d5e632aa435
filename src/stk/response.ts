/**
 * Response packets, the Proof of Receipt (ETSI TS 102 225 §5.2, 3GPP TS 31.115 §4.4):
 *   [UDH 02 71 00] RPL(2) RHL(1) TAR(3) CNTR(5) PCNTR(1) STATUS(1) [RC|CC|DS] [data]
 * Ciphering covers CNTR onward; the PoR CC input starts with the UDH (notes §3.3).
 * How the PoR is secured is set by the *command's* SPI octet 2 and its KIc/KID.
 */
import type { Anomaly } from '../core/anomaly.js';
import { FormatError, InputError, LimitError } from '../core/errors.js';
import type { ChecksumCheck } from './command.js';
import { CNTR_LEN, MAX_CNTR, MAX_PACKET, tarBytes, verifyChecksum } from './command.js';
import type { KeyPair } from './crypto.js';
import { blockSize, cipherFor, otaChecksum, otaCipher } from './crypto.js';
import { concat, readUint, toHex, writeUint } from './hex.js';
import type { Spi } from './spi.js';
import { checksumLength, decodeKic, decodeKid } from './spi.js';
import { porStatusName, porStatusText } from './status.js';

export const POR = { RPL: 0, RHL: 2, TAR: 3, SECURED: 6 } as const;
/** RHL without RC/CC/DS: TAR 3 + CNTR 5 + PCNTR 1 + STATUS 1. */
export const RHL_BASE = 10;
/** The UDH of an SMS response packet: UDHL 2, IEI 0x71, length 0. */
export const POR_UDH = new Uint8Array([0x02, 0x71, 0x00]);

export type RemoteResponse = { commands: number; lastStatusWord: string; lastResponseData: string };

export type ResponsePacket = {
  type: 'response';
  /** The UDH that came with the packet, or undefined when only RPL… was given (02 71 00 assumed for the CC). */
  udh?: Uint8Array;
  rpl: number;
  rhl: number;
  tar: string;
  /** How the packet was read: 'clear', 'deciphered', or 'ciphered' (no key: CNTR onward unread). */
  state: 'clear' | 'deciphered' | 'ciphered';
  cipherText?: Uint8Array;
  cntr?: number;
  pcntr?: number;
  status?: number;
  statusName?: string;
  statusText?: string;
  checksum?: Uint8Array;
  data?: Uint8Array;
  padding?: Uint8Array;
  /** TS 102 226 compact remote response (number of commands, last SW, last data), when it parses. */
  remote?: RemoteResponse;
  verification?: ChecksumCheck;
  raw: Uint8Array;
  anomalies: Anomaly[];
};

/** How the command asked the PoR to be secured: its SPI, KIc and KID octets. */
export type PorSecurity = { spi: Spi; kic: number; kid: number };

const FMT = 'stk-por';

/** Splits off a leading UDH when the bytes start with one carrying IEI 0x71. */
function splitUdh(bytes: Uint8Array): { udh?: Uint8Array; body: Uint8Array } {
  if (bytes.length >= 3 && bytes[0] >= 2 && bytes[0] + 1 <= bytes.length) {
    const udhl = bytes[0];
    for (let i = 1; i + 1 < udhl + 1;) {
      const iei = bytes[i];
      const len = bytes[i + 1];
      if (i + 2 + len > udhl + 1) break;
      if (iei === 0x71) return { udh: bytes.subarray(0, udhl + 1), body: bytes.subarray(udhl + 1) };
      i += 2 + len;
    }
  }
  return { body: bytes };
}

/**
 * Decodes a PoR, with or without its UDH. `security` (from the command) tells whether the PoR is
 * ciphered and which checksum it carries; without it the PoR is read in clear and RHL sizes the
 * checksum. With keys it deciphers and verifies.
 */
export function decodeResponsePacket(
  bytes: Uint8Array,
  security?: PorSecurity,
  keys: KeyPair = {},
): ResponsePacket {
  if (bytes.length > MAX_PACKET + 8) throw new LimitError(FMT, 'packet length', bytes.length, MAX_PACKET + 8);
  const { udh, body } = splitUdh(bytes);
  const base = udh ? udh.length : 0;
  if (body.length < POR.SECURED)
    throw new FormatError(FMT, base, `truncated header: need ${POR.SECURED} bytes, got ${body.length}`);
  const anomalies: Anomaly[] = [];
  const rpl = readUint(body, POR.RPL, 2);
  if (rpl + 2 > body.length)
    throw new FormatError(FMT, base, `RPL ${rpl} exceeds the ${body.length - 2} bytes that follow it`);
  if (rpl + 2 < body.length)
    anomalies.push(
      anomaly(
        'trailing-bytes',
        'warning',
        `${body.length - rpl - 2} bytes after the RPL-declared end ignored`,
        base + rpl + 2,
      ),
    );
  const raw = body.subarray(0, rpl + 2);
  const rhl = raw[POR.RHL];
  if (rhl < RHL_BASE)
    throw new FormatError(FMT, base + POR.RHL, `RHL ${rhl} is below the minimum of ${RHL_BASE}`);
  if (1 + rhl > rpl) throw new FormatError(FMT, base + POR.RHL, `RHL ${rhl} exceeds RPL ${rpl}`);
  const chkLen = rhl - RHL_BASE;
  const tar = toHex(raw.subarray(POR.TAR, POR.TAR + 3)).toUpperCase();
  const pkt: ResponsePacket = { type: 'response', rpl, rhl, tar, state: 'clear', raw, anomalies };
  if (udh) pkt.udh = udh;
  let secured = raw.subarray(POR.SECURED);
  const spi = security?.spi;
  const kicAlg = security ? decodeKic(security.kic).algorithm : undefined;
  if (spi?.porCiphered && kicAlg) {
    const bs = cipherBlock(kicAlg);
    if (bs !== undefined && secured.length % bs !== 0) {
      anomalies.push(
        anomaly(
          'por-not-ciphered',
          'warning',
          `the SPI asks for a ciphered PoR but ${secured.length} bytes is not a whole number of ${bs}-byte blocks: read in clear`,
          base + POR.SECURED,
        ),
      );
    } else if (!keys.kic || bs === undefined) {
      pkt.state = 'ciphered';
      pkt.cipherText = secured;
      return pkt;
    } else {
      secured = otaCipher(false, kicAlg, keys.kic, secured);
      pkt.state = 'deciphered';
    }
  }
  if (secured.length < CNTR_LEN + 2 + chkLen)
    throw new FormatError(
      FMT,
      base + POR.SECURED,
      `secured part of ${secured.length} bytes is shorter than CNTR, PCNTR, STATUS and ${chkLen} RC/CC/DS bytes`,
    );
  pkt.cntr = readUint(secured, 0, CNTR_LEN);
  pkt.pcntr = secured[CNTR_LEN];
  pkt.status = secured[CNTR_LEN + 1];
  pkt.statusName = porStatusName(pkt.status);
  pkt.statusText = porStatusText(pkt.status);
  pkt.checksum = secured.slice(CNTR_LEN + 2, CNTR_LEN + 2 + chkLen);
  const rest = secured.subarray(CNTR_LEN + 2 + chkLen);
  let pad = pkt.pcntr;
  if (pad > rest.length) {
    anomalies.push(
      anomaly(
        'pcntr-too-large',
        'error',
        `PCNTR ${pad} exceeds the ${rest.length} data bytes`,
        base + POR.SECURED + CNTR_LEN,
      ),
    );
    pad = 0;
  }
  pkt.data = rest.slice(0, rest.length - pad);
  pkt.padding = rest.slice(rest.length - pad);
  if (pkt.data.length >= 3) {
    pkt.remote = {
      commands: pkt.data[0],
      lastStatusWord: toHex(pkt.data.subarray(1, 3)),
      lastResponseData: toHex(pkt.data.subarray(3)),
    };
  }
  if (chkLen > 0) {
    const kind = spi && spi.porChecksum !== 'none' ? spi.porChecksum : 'cc';
    const kidAlg = security ? decodeKid(security.kid, kind).algorithm : 'unknown';
    if (spi && spi.porChecksum === 'none')
      anomalies.push(
        anomaly(
          'unexpected-checksum',
          'warning',
          `the SPI asks for no PoR checksum but RHL carries ${chkLen} bytes`,
          base + POR.RHL,
        ),
      );
    const input = concat(
      udh ?? POR_UDH,
      raw.subarray(0, POR.SECURED),
      secured.subarray(0, CNTR_LEN + 2),
      rest,
    );
    pkt.verification = verifyChecksum(kind, kidAlg, keys.kid, pkt.checksum, input);
  }
  return pkt;
}

function cipherBlock(alg: string): number | undefined {
  try {
    return blockSize(cipherFor(alg).cipher);
  } catch {
    return undefined;
  }
}

function anomaly(code: string, severity: Anomaly['severity'], message: string, offset: number): Anomaly {
  return { format: FMT, code, severity, message, offset };
}

// ---------------------------------------------------------------------------------------------
// Building (what a card sends; used by the simulated card in the tests and by `stk build --por`)

export type BuildResponseInput = {
  security: PorSecurity;
  tar: Uint8Array | string;
  cntr?: number;
  status: number;
  data?: Uint8Array;
  keys?: KeyPair;
  /** Send the PoR in clear even if the SPI asks for ciphering (as weak cards do on errors). */
  forceClear?: boolean;
  /** Leave out the RC/CC/DS even if the SPI asks for one. */
  omitChecksum?: boolean;
  /** Put this value in the RC/CC/DS field instead of computing it. */
  forceChecksum?: Uint8Array;
};

/** Builds a PoR with its UDH (02 71 00 ‖ RPL …). */
export function buildResponsePacket(input: BuildResponseInput): Uint8Array {
  const { spi } = input.security;
  const kic = decodeKic(input.security.kic & 0xff);
  const kid = decodeKid(input.security.kid & 0xff, spi.porChecksum);
  const keys = input.keys ?? {};
  const cntr = input.cntr ?? 0;
  if (!Number.isInteger(cntr) || cntr < 0 || cntr > MAX_CNTR)
    throw new InputError(`CNTR must be 0..${MAX_CNTR}, got ${cntr}`);
  const data = input.data ?? new Uint8Array(0);
  const kind = spi.porChecksum;
  let chkLen = 0;
  if (!input.omitChecksum && kind !== 'none') {
    const n = input.forceChecksum?.length ?? checksumLength(kind, kid.algorithm);
    if (n === undefined)
      throw new InputError(`cannot build a PoR ${kind.toUpperCase()} with KID algorithm '${kid.algorithm}'`);
    chkLen = n;
  }
  const cipher = spi.porCiphered && !input.forceClear;
  let pad = 0;
  if (cipher) {
    if (!keys.kic) throw new InputError('the SPI asks for a ciphered PoR: a KIc key is needed');
    const bs = blockSize(cipherFor(kic.algorithm).cipher);
    pad = (bs - ((CNTR_LEN + 2 + chkLen + data.length) % bs)) % bs;
  }
  const rhl = RHL_BASE + chkLen;
  const rpl = 1 + rhl + data.length + pad;
  const header = concat(writeUint(rpl, 2), new Uint8Array([rhl]), tarBytes(input.tar));
  const mid = concat(writeUint(cntr, CNTR_LEN), new Uint8Array([pad, input.status & 0xff]));
  const body = concat(data, new Uint8Array(pad));
  let chk: Uint8Array = new Uint8Array(0);
  if (chkLen > 0) {
    if (input.forceChecksum) chk = input.forceChecksum;
    else if (kind === 'rc' || kind === 'cc')
      chk = otaChecksum(kind, kid.algorithm, keys.kid, concat(POR_UDH, header, mid, body));
    else throw new InputError('digital signatures (DS) cannot be built; pass forceChecksum');
  }
  let secured = concat(mid, chk, body);
  if (cipher && keys.kic) secured = otaCipher(true, kic.algorithm, keys.kic, secured);
  return concat(POR_UDH, header, secured);
}
