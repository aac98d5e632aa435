/**
 * Command packets (ETSI TS 102 225 §5.1.1, 3GPP TS 31.115 §4.2):
 *   CPL(2) CHL(1) SPI(2) KIc(1) KID(1) TAR(3) CNTR(5) PCNTR(1) [RC|CC|DS] data [padding]
 * Ciphering covers CNTR to the end; the CC covers CPL…PCNTR ‖ data ‖ padding (not the CC itself).
 */
import type { Anomaly } from '../core/anomaly.js';
import { FormatError, InputError, LimitError } from '../core/errors.js';
import type { KeyPair } from './crypto.js';
import { blockSize, bytesEqual, cipherFor, otaChecksum, otaCipher } from './crypto.js';
import { concat, readUint, toHex, writeUint } from './hex.js';
import type { CcAlgorithm, CipherAlgorithm, KeyOctet, RcAlgorithm, Spi } from './spi.js';
import { checksumLength, decodeKic, decodeKid, decodeSpi, encodeSpi } from './spi.js';

export const CMD = { CPL: 0, CHL: 2, SPI: 3, KIC: 5, KID: 6, TAR: 7, SECURED: 10 } as const;
/** CHL without RC/CC/DS: SPI 2 + KIc 1 + KID 1 + TAR 3 + CNTR 5 + PCNTR 1. */
export const CHL_BASE = 13;
export const CNTR_LEN = 5;
/** Largest CNTR value (5 octets). */
export const MAX_CNTR = 2 ** 40 - 1;
/** Largest secured data accepted when building (CPL is 16 bits). */
export const MAX_PACKET = 0xffff;

export type ChecksumStatus = 'ok' | 'mismatch' | 'no-key' | 'unsupported' | 'not-deciphered';

export type ChecksumCheck = {
  kind: 'rc' | 'cc' | 'ds';
  algorithm: string;
  /** The value found in the packet (hex). */
  received: string;
  /** The value computed over the packet (hex), when it could be computed. */
  computed?: string;
  status: ChecksumStatus;
};

export type CommandPacket = {
  type: 'command';
  cpl: number;
  chl: number;
  spiBytes: [number, number];
  spi: Spi;
  kic: KeyOctet<CipherAlgorithm>;
  kid: KeyOctet<CcAlgorithm | RcAlgorithm>;
  /** Upper-case hex, 6 digits. */
  tar: string;
  /** The SPI asks for ciphering. */
  ciphered: boolean;
  /** The secured part was read in clear (not ciphered, or deciphered with the KIc key). */
  readable: boolean;
  /** Ciphertext of CNTR…end, when ciphered. */
  cipherText?: Uint8Array;
  cntr?: number;
  pcntr?: number;
  /** RC/CC/DS value as found. */
  checksum?: Uint8Array;
  /** Secured data without padding. */
  data?: Uint8Array;
  padding?: Uint8Array;
  verification?: ChecksumCheck;
  /** The packet bytes, CPL to the end (without trailing bytes). */
  raw: Uint8Array;
  anomalies: Anomaly[];
};

const FMT = 'stk-command';
const CIPHERABLE = new Set(['des-cbc', 'des-ecb', '3des-2key', '3des-3key', 'aes-cbc']);

export function checksumInputOfCommand(
  header: Uint8Array,
  cntrPcntr: Uint8Array,
  dataAndPadding: Uint8Array,
): Uint8Array {
  return concat(header, cntrPcntr, dataAndPadding);
}

/** Decodes a command packet (starting at CPL). With `keys` it deciphers and verifies. */
export function decodeCommandPacket(bytes: Uint8Array, keys: KeyPair = {}): CommandPacket {
  if (bytes.length > MAX_PACKET + 2) throw new LimitError(FMT, 'packet length', bytes.length, MAX_PACKET + 2);
  if (bytes.length < CMD.SECURED)
    throw new FormatError(FMT, 0, `truncated header: need ${CMD.SECURED} bytes, got ${bytes.length}`);
  const anomalies: Anomaly[] = [];
  const cpl = readUint(bytes, CMD.CPL, 2);
  if (cpl + 2 > bytes.length)
    throw new FormatError(FMT, 0, `CPL ${cpl} exceeds the ${bytes.length - 2} bytes that follow it`);
  if (cpl + 2 < bytes.length)
    anomalies.push(
      anomaly(
        'trailing-bytes',
        'warning',
        `${bytes.length - cpl - 2} bytes after the CPL-declared end ignored`,
        cpl + 2,
      ),
    );
  const raw = bytes.subarray(0, cpl + 2);
  const chl = raw[CMD.CHL];
  if (chl < CHL_BASE) throw new FormatError(FMT, CMD.CHL, `CHL ${chl} is below the minimum of ${CHL_BASE}`);
  if (1 + chl > cpl) throw new FormatError(FMT, CMD.CHL, `CHL ${chl} exceeds CPL ${cpl}`);
  const spiBytes: [number, number] = [raw[CMD.SPI], raw[CMD.SPI + 1]];
  const spi = decodeSpi(spiBytes[0], spiBytes[1]);
  const kic = decodeKic(raw[CMD.KIC]);
  const kid = decodeKid(raw[CMD.KID], spi.checksum);
  const tar = toHex(raw.subarray(CMD.TAR, CMD.TAR + 3)).toUpperCase();
  const chkLen = chl - CHL_BASE;
  const expected = checksumLength(spi.checksum, kid.algorithm);
  if (expected !== undefined && expected !== chkLen)
    anomalies.push(
      anomaly(
        'chl-mismatch',
        'warning',
        `CHL says ${chkLen} RC/CC/DS bytes; SPI/KID imply ${expected}`,
        CMD.CHL,
      ),
    );
  if (spi.reserved1 || spi.reserved2)
    anomalies.push(anomaly('spi-reserved-bits', 'info', 'reserved SPI bits are set', CMD.SPI));
  const pkt: CommandPacket = {
    type: 'command',
    cpl,
    chl,
    spiBytes,
    spi,
    kic,
    kid,
    tar,
    ciphered: spi.ciphered,
    readable: !spi.ciphered,
    raw,
    anomalies,
  };
  let secured = raw.subarray(CMD.SECURED);
  if (spi.ciphered) {
    pkt.cipherText = secured;
    if (!keys.kic) return pkt;
    if (!CIPHERABLE.has(kic.algorithm)) {
      anomalies.push(
        anomaly(
          'cannot-decipher',
          'info',
          `KIc algorithm '${kic.algorithm}' cannot be deciphered here`,
          CMD.KIC,
        ),
      );
      return pkt;
    }
    secured = otaCipherChecked(false, kic.algorithm, keys.kic, secured, CMD.SECURED);
    pkt.readable = true;
  }
  if (secured.length < CNTR_LEN + 1 + chkLen)
    throw new FormatError(
      FMT,
      CMD.SECURED,
      `secured part of ${secured.length} bytes is shorter than CNTR, PCNTR and ${chkLen} RC/CC/DS bytes`,
    );
  pkt.cntr = readUint(secured, 0, CNTR_LEN);
  pkt.pcntr = secured[CNTR_LEN];
  const body = secured.subarray(CNTR_LEN + 1 + chkLen);
  pkt.checksum = secured.slice(CNTR_LEN + 1, CNTR_LEN + 1 + chkLen);
  let pad = pkt.pcntr;
  if (pad > body.length) {
    anomalies.push(
      anomaly(
        'pcntr-too-large',
        'error',
        `PCNTR ${pad} exceeds the ${body.length} data bytes`,
        CMD.SECURED + CNTR_LEN,
      ),
    );
    pad = 0;
  }
  pkt.data = body.slice(0, body.length - pad);
  pkt.padding = body.slice(body.length - pad);
  if (!spi.ciphered && pkt.pcntr !== 0)
    anomalies.push(
      anomaly(
        'padding-without-ciphering',
        'info',
        `PCNTR ${pkt.pcntr} on an unciphered packet`,
        CMD.SECURED + CNTR_LEN,
      ),
    );
  if (pkt.padding.some((b) => b !== 0))
    anomalies.push(anomaly('nonzero-padding', 'info', 'padding bytes are not zero', CMD.SECURED));
  if (spi.checksum !== 'none') {
    const input = concat(raw.subarray(0, CMD.SECURED), secured.subarray(0, CNTR_LEN + 1), body);
    pkt.verification = verifyChecksum(spi.checksum, kid.algorithm, keys.kid, pkt.checksum, input);
  }
  return pkt;
}

function otaCipherChecked(
  encrypt: boolean,
  alg: string,
  key: Uint8Array,
  data: Uint8Array,
  offset: number,
): Uint8Array {
  const { cipher } = cipherFor(alg);
  const bs = blockSize(cipher);
  if (data.length % bs !== 0)
    throw new FormatError(
      FMT,
      offset,
      `ciphered part of ${data.length} bytes is not a multiple of the ${bs}-byte block`,
    );
  return otaCipher(encrypt, alg, key, data);
}

export function verifyChecksum(
  kind: 'rc' | 'cc' | 'ds',
  algorithm: string,
  kidKey: Uint8Array | undefined,
  received: Uint8Array,
  input: Uint8Array,
): ChecksumCheck {
  const out: ChecksumCheck = { kind, algorithm, received: toHex(received), status: 'unsupported' };
  if (kind === 'ds') return out;
  if (kind === 'rc' && algorithm !== 'crc16' && algorithm !== 'crc32') return out;
  if (kind === 'cc' && !['des-cbc', '3des-2key', '3des-3key', 'aes-cmac'].includes(algorithm)) return out;
  if (kind === 'cc' && !kidKey) return { ...out, status: 'no-key' };
  const computed = otaChecksum(kind, algorithm, kidKey, input);
  return { ...out, computed: toHex(computed), status: bytesEqual(computed, received) ? 'ok' : 'mismatch' };
}

function anomaly(code: string, severity: Anomaly['severity'], message: string, offset: number): Anomaly {
  return { format: FMT, code, severity, message, offset };
}

// ---------------------------------------------------------------------------------------------
// Building

export type SpiInput = Spi | Omit<Spi, 'reserved1' | 'reserved2'> | readonly [number, number];

export type BuildCommandInput = {
  spi: SpiInput;
  /** KIc and KID octets (key index in the high nibble, algorithm in the low). */
  kic: number;
  kid: number;
  /** 3 bytes, or 6 hex digits. */
  tar: Uint8Array | string;
  cntr?: number;
  data: Uint8Array;
  keys?: KeyPair;
  /** Put this value in the RC/CC/DS field instead of computing it (probes with a dummy CC). */
  forceChecksum?: Uint8Array;
};

export function spiBytesOf(spi: SpiInput): [number, number] {
  if (Array.isArray(spi)) return [spi[0] & 0xff, spi[1] & 0xff];
  return encodeSpi(spi as Spi);
}

export function tarBytes(tar: Uint8Array | string): Uint8Array {
  const b =
    typeof tar === 'string'
      ? /^[0-9a-fA-F]{6}$/.test(tar)
        ? new Uint8Array(Buffer.from(tar, 'hex'))
        : undefined
      : tar;
  if (!b || b.length !== 3)
    throw new InputError(
      `TAR must be 3 bytes (6 hex digits), got '${typeof tar === 'string' ? tar : toHex(tar)}'`,
    );
  return b;
}

/** Builds a command packet (CPL to the end), padding, checksumming and ciphering as the SPI says. */
export function buildCommandPacket(input: BuildCommandInput): Uint8Array {
  const [spi1, spi2] = spiBytesOf(input.spi);
  const spi = decodeSpi(spi1, spi2);
  const kic = decodeKic(input.kic & 0xff);
  const kid = decodeKid(input.kid & 0xff, spi.checksum);
  const keys = input.keys ?? {};
  const cntr = input.cntr ?? 0;
  if (!Number.isInteger(cntr) || cntr < 0 || cntr > MAX_CNTR)
    throw new InputError(`CNTR must be 0..${MAX_CNTR}, got ${cntr}`);
  let chkLen = input.forceChecksum?.length ?? checksumLength(spi.checksum, kid.algorithm);
  if (chkLen === undefined)
    throw new InputError(
      `cannot build a ${spi.checksum.toUpperCase()} with KID algorithm '${kid.algorithm}'`,
    );
  if (spi.checksum === 'none') chkLen = 0;
  let pad = 0;
  if (spi.ciphered) {
    if (!keys.kic) throw new InputError('the SPI asks for ciphering: a KIc key is needed');
    const bs = blockSize(cipherFor(kic.algorithm).cipher);
    pad = (bs - ((CNTR_LEN + 1 + chkLen + input.data.length) % bs)) % bs;
  }
  const chl = CHL_BASE + chkLen;
  const cpl = 1 + chl + input.data.length + pad;
  if (cpl > MAX_PACKET) throw new InputError(`packet of ${cpl} bytes does not fit the 16-bit CPL`);
  const header = concat(
    writeUint(cpl, 2),
    new Uint8Array([chl, spi1, spi2, input.kic & 0xff, input.kid & 0xff]),
    tarBytes(input.tar),
  );
  const cntrPcntr = concat(writeUint(cntr, CNTR_LEN), new Uint8Array([pad]));
  const body = concat(input.data, new Uint8Array(pad));
  let chk: Uint8Array = new Uint8Array(0);
  if (spi.checksum === 'none') chk = new Uint8Array(0);
  else if (input.forceChecksum) chk = input.forceChecksum;
  else if (spi.checksum === 'rc' || spi.checksum === 'cc')
    chk = otaChecksum(spi.checksum, kid.algorithm, keys.kid, concat(header, cntrPcntr, body));
  else if (spi.checksum === 'ds')
    throw new InputError('digital signatures (DS) cannot be built; pass forceChecksum');
  let secured = concat(cntrPcntr, chk, body);
  if (spi.ciphered && keys.kic) secured = otaCipher(true, kic.algorithm, keys.kic, secured);
  return concat(header, secured);
}
