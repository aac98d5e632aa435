/**
 * SPI, KIc and KID coding of ETSI TS 102 225 §5.1.1 / 3GPP TS 31.115 (see the notes, §3.2).
 * Pure value conversions: no I/O, no exceptions except InputError for an impossible request.
 */
import { InputError } from '../core/errors.js';

export type ChecksumKind = 'none' | 'rc' | 'cc' | 'ds';
export type CounterMode = 'none' | 'present' | 'higher' | 'one-higher';
export type PorMode = 'none' | 'always' | 'on-error' | 'reserved';

export const CHECKSUM_KINDS: readonly ChecksumKind[] = ['none', 'rc', 'cc', 'ds'];
export const COUNTER_MODES: readonly CounterMode[] = ['none', 'present', 'higher', 'one-higher'];
export const POR_MODES: readonly PorMode[] = ['none', 'always', 'on-error', 'reserved'];

/** Both SPI octets, every bit named. */
export type Spi = {
  checksum: ChecksumKind;
  ciphered: boolean;
  counter: CounterMode;
  por: PorMode;
  porChecksum: ChecksumKind;
  porCiphered: boolean;
  /** TS 31.115: the PoR comes back in an SMS-SUBMIT (true) or the SMS-DELIVER-REPORT (false). */
  porViaSubmit: boolean;
  /** Reserved bits (b8-b6 of octet 1, b8-b7 of octet 2) as found; zero in a well-formed SPI. */
  reserved1: number;
  reserved2: number;
};

export function decodeSpi(spi1: number, spi2: number): Spi {
  return {
    checksum: CHECKSUM_KINDS[spi1 & 0x03],
    ciphered: (spi1 & 0x04) !== 0,
    counter: COUNTER_MODES[(spi1 >> 3) & 0x03],
    por: POR_MODES[spi2 & 0x03],
    porChecksum: CHECKSUM_KINDS[(spi2 >> 2) & 0x03],
    porCiphered: (spi2 & 0x10) !== 0,
    porViaSubmit: (spi2 & 0x20) !== 0,
    reserved1: spi1 & 0xe0,
    reserved2: spi2 & 0xc0,
  };
}

export function encodeSpi(s: Omit<Spi, 'reserved1' | 'reserved2'> & Partial<Spi>): [number, number] {
  const spi1 =
    CHECKSUM_KINDS.indexOf(s.checksum) |
    (s.ciphered ? 0x04 : 0) |
    (COUNTER_MODES.indexOf(s.counter) << 3) |
    ((s.reserved1 ?? 0) & 0xe0);
  const spi2 =
    POR_MODES.indexOf(s.por) |
    (CHECKSUM_KINDS.indexOf(s.porChecksum) << 2) |
    (s.porCiphered ? 0x10 : 0) |
    (s.porViaSubmit ? 0x20 : 0) |
    ((s.reserved2 ?? 0) & 0xc0);
  return [spi1, spi2];
}

/** One line per SPI field, for people. */
export function describeSpi(s: Spi): string[] {
  const chk: Record<ChecksumKind, string> = {
    none: 'no RC, CC or DS',
    rc: 'redundancy check (RC)',
    cc: 'cryptographic checksum (CC)',
    ds: 'digital signature (DS)',
  };
  const ctr: Record<CounterMode, string> = {
    none: 'no counter',
    present: 'counter present, not checked',
    higher: 'process only if CNTR > card counter',
    'one-higher': 'process only if CNTR = card counter + 1',
  };
  const por: Record<PorMode, string> = {
    none: 'no PoR',
    always: 'PoR required',
    'on-error': 'PoR only on error',
    reserved: 'PoR mode reserved (11)',
  };
  const out = [
    `command: ${chk[s.checksum]}, ${s.ciphered ? 'ciphered' : 'not ciphered'}, ${ctr[s.counter]}`,
    `PoR: ${por[s.por]}, ${chk[s.porChecksum]}, ${s.porCiphered ? 'ciphered' : 'not ciphered'}, via ${s.porViaSubmit ? 'SMS-SUBMIT' : 'SMS-DELIVER-REPORT'}`,
  ];
  if (s.reserved1 || s.reserved2) out.push(`reserved bits set: ${hex2(s.reserved1)} ${hex2(s.reserved2)}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// KIc / KID

export type CipherAlgorithm =
  'implicit' | 'des-cbc' | '3des-2key' | '3des-3key' | 'des-ecb' | 'aes-cbc' | 'proprietary' | 'reserved';
export type CcAlgorithm =
  'implicit' | 'des-cbc' | '3des-2key' | '3des-3key' | 'aes-cmac' | 'proprietary' | 'reserved';
export type RcAlgorithm = 'implicit' | 'crc16' | 'crc32' | 'proprietary' | 'reserved';

export const CIPHER_ALGORITHMS: readonly CipherAlgorithm[] = [
  'des-cbc',
  '3des-2key',
  '3des-3key',
  'des-ecb',
  'aes-cbc',
];
export const CC_ALGORITHMS: readonly CcAlgorithm[] = ['des-cbc', '3des-2key', '3des-3key', 'aes-cmac'];
export const RC_ALGORITHMS: readonly RcAlgorithm[] = ['crc16', 'crc32'];

export type KeyOctet<A extends string> = { raw: number; keyIndex: number; algorithm: A };

const DES_VARIANTS = ['des-cbc', '3des-2key', '3des-3key'] as const;

export function decodeKic(b: number): KeyOctet<CipherAlgorithm> {
  const low = b & 0x0f;
  let algorithm: CipherAlgorithm;
  switch (low & 0x03) {
    case 0:
      algorithm = 'implicit';
      break;
    case 1:
      algorithm = low >> 2 === 3 ? 'des-ecb' : DES_VARIANTS[low >> 2];
      break;
    case 2:
      algorithm = low >> 2 === 0 ? 'aes-cbc' : 'reserved';
      break;
    default:
      algorithm = 'proprietary';
  }
  return { raw: b, keyIndex: b >> 4, algorithm };
}

/** KID, read as the SPI says: a CC/DS algorithm, or an RC (CRC) algorithm. */
export function decodeKid(b: number, checksum: ChecksumKind): KeyOctet<CcAlgorithm | RcAlgorithm> {
  const low = b & 0x0f;
  if (checksum === 'rc') {
    let algorithm: RcAlgorithm;
    if ((low & 0x03) === 0) algorithm = 'implicit';
    else if ((low & 0x03) === 1) algorithm = low === 0x01 ? 'crc16' : low === 0x05 ? 'crc32' : 'reserved';
    else if ((low & 0x03) === 3) algorithm = 'proprietary';
    else algorithm = 'reserved';
    return { raw: b, keyIndex: b >> 4, algorithm };
  }
  let algorithm: CcAlgorithm;
  switch (low & 0x03) {
    case 0:
      algorithm = 'implicit';
      break;
    case 1:
      algorithm = low >> 2 === 3 ? 'reserved' : DES_VARIANTS[low >> 2];
      break;
    case 2:
      algorithm = low >> 2 === 0 ? 'aes-cmac' : 'reserved';
      break;
    default:
      algorithm = 'proprietary';
  }
  return { raw: b, keyIndex: b >> 4, algorithm };
}

const KIC_CODES: Record<string, number> = {
  implicit: 0x0,
  'des-cbc': 0x1,
  '3des-2key': 0x5,
  '3des-3key': 0x9,
  'des-ecb': 0xd,
  'aes-cbc': 0x2,
  proprietary: 0x3,
};
const KID_CC_CODES: Record<string, number> = {
  implicit: 0x0,
  'des-cbc': 0x1,
  '3des-2key': 0x5,
  '3des-3key': 0x9,
  'aes-cmac': 0x2,
  proprietary: 0x3,
};
const KID_RC_CODES: Record<string, number> = { implicit: 0x0, crc16: 0x1, crc32: 0x5, proprietary: 0x3 };

function keyIdx(i: number): number {
  if (!Number.isInteger(i) || i < 0 || i > 15) throw new InputError(`key index must be 0..15, got ${i}`);
  return i << 4;
}

export function encodeKic(algorithm: string, keyIndex: number): number {
  const code = KIC_CODES[algorithm.toLowerCase()];
  if (code === undefined)
    throw new InputError(`unknown KIc algorithm '${algorithm}' (use ${Object.keys(KIC_CODES).join(', ')})`);
  return keyIdx(keyIndex) | code;
}

export function encodeKid(algorithm: string, keyIndex: number, checksum: ChecksumKind): number {
  const table = checksum === 'rc' ? KID_RC_CODES : KID_CC_CODES;
  const code = table[algorithm.toLowerCase()];
  if (code === undefined)
    throw new InputError(
      `unknown KID algorithm '${algorithm}' for ${checksum} (use ${Object.keys(table).join(', ')})`,
    );
  return keyIdx(keyIndex) | code;
}

/** True for algorithms built on single DES (56-bit key): brute-forceable. */
export function isSingleDes(a: string): boolean {
  return a === 'des-cbc' || a === 'des-ecb';
}

/** The length of the RC/CC field for a KID algorithm (TS 102 225: CC is 8 octets for DES and AES). */
export function checksumLength(checksum: ChecksumKind, algorithm: string): number | undefined {
  if (checksum === 'none') return 0;
  if (checksum === 'rc') return algorithm === 'crc16' ? 2 : algorithm === 'crc32' ? 4 : undefined;
  if (checksum === 'cc') return CC_ALGORITHMS.includes(algorithm as CcAlgorithm) ? 8 : undefined;
  return undefined;
}

export function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
