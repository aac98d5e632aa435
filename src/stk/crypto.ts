/**
 * The OTA cryptography with node:crypto: DES/3DES/AES-CBC (IV zero, no padding), CBC-MAC (last
 * block), AES-CMAC (RFC 4493) and the CRC16/CRC32 redundancy checks.
 *
 * OpenSSL 3 moved single DES to the legacy provider, so single DES runs as 3DES with K1=K2=K3
 * (EDE with three equal keys is one DES encryption; FIPS 46-3 keying option 3).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { InputError, UnsupportedError } from '../core/errors.js';

export type BlockCipher = 'des' | '3des-2key' | '3des-3key' | 'aes';

const DES_KEY = 8;

/** The node:crypto cipher name and the key it needs for an OTA algorithm and a user key. */
function nodeCipher(alg: BlockCipher, key: Uint8Array, mode: 'cbc' | 'ecb'): { name: string; key: Buffer } {
  const k = Buffer.from(key);
  switch (alg) {
    case 'des':
      if (k.length !== DES_KEY) throw new InputError(`single DES needs an 8-byte key, got ${k.length}`);
      return { name: `des-ede3-${mode}`, key: Buffer.concat([k, k, k]) };
    case '3des-2key':
      if (k.length !== 16) throw new InputError(`3DES 2-key needs a 16-byte key, got ${k.length}`);
      return { name: `des-ede3-${mode}`, key: Buffer.concat([k, k.subarray(0, 8)]) };
    case '3des-3key':
      if (k.length !== 24) throw new InputError(`3DES 3-key needs a 24-byte key, got ${k.length}`);
      return { name: `des-ede3-${mode}`, key: k };
    case 'aes':
      if (k.length !== 16 && k.length !== 24 && k.length !== 32)
        throw new InputError(`AES needs a 16, 24 or 32-byte key, got ${k.length}`);
      return { name: `aes-${k.length * 8}-${mode}`, key: k };
  }
}

export function blockSize(alg: BlockCipher): number {
  return alg === 'aes' ? 16 : 8;
}

function run(
  encrypt: boolean,
  alg: BlockCipher,
  key: Uint8Array,
  data: Uint8Array,
  mode: 'cbc' | 'ecb',
): Uint8Array {
  const bs = blockSize(alg);
  if (data.length % bs !== 0)
    throw new InputError(`data length ${data.length} is not a multiple of the ${bs}-byte block`);
  const { name, key: k } = nodeCipher(alg, key, mode);
  const iv = mode === 'cbc' ? Buffer.alloc(bs) : null;
  const c = encrypt ? createCipheriv(name, k, iv) : createDecipheriv(name, k, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

/** CBC with a zero IV and no padding (the caller pads). */
export function cbcEncrypt(alg: BlockCipher, key: Uint8Array, data: Uint8Array): Uint8Array {
  return run(true, alg, key, data, 'cbc');
}
export function cbcDecrypt(alg: BlockCipher, key: Uint8Array, data: Uint8Array): Uint8Array {
  return run(false, alg, key, data, 'cbc');
}
export function ecbEncrypt(alg: BlockCipher, key: Uint8Array, data: Uint8Array): Uint8Array {
  return run(true, alg, key, data, 'ecb');
}
export function ecbDecrypt(alg: BlockCipher, key: Uint8Array, data: Uint8Array): Uint8Array {
  return run(false, alg, key, data, 'ecb');
}

/** Zero padding up to a multiple of `bs` (no padding when already aligned, as TS 102 225 does). */
export function zeroPad(data: Uint8Array, bs: number): Uint8Array {
  const rem = data.length % bs;
  if (rem === 0 && data.length > 0) return data;
  const out = new Uint8Array(data.length + (data.length === 0 ? bs : bs - rem));
  out.set(data);
  return out;
}

/** CBC-MAC: the last block of a zero-IV CBC encryption of the zero-padded data. */
export function cbcMac(alg: Exclude<BlockCipher, 'aes'>, key: Uint8Array, data: Uint8Array): Uint8Array {
  const enc = cbcEncrypt(alg, key, zeroPad(data, 8));
  return enc.subarray(enc.length - 8);
}

function shiftLeft1(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = ((b[i] << 1) | (i + 1 < b.length ? b[i + 1] >> 7 : 0)) & 0xff;
  return out;
}

const CMAC_RB = 0x87;

/** AES-CMAC (RFC 4493 / NIST SP 800-38B), full 16-byte tag, any AES key length. */
export function aesCmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  const l = ecbEncrypt('aes', key, new Uint8Array(16));
  const k1 = shiftLeft1(l);
  if (l[0] & 0x80) k1[15] ^= CMAC_RB;
  const k2 = shiftLeft1(k1);
  if (k1[0] & 0x80) k2[15] ^= CMAC_RB;
  const n = Math.max(1, Math.ceil(data.length / 16));
  const complete = data.length > 0 && data.length % 16 === 0;
  const msg = new Uint8Array(n * 16);
  msg.set(data);
  if (!complete) msg[data.length] = 0x80;
  const sub = complete ? k1 : k2;
  for (let i = 0; i < 16; i++) msg[(n - 1) * 16 + i] ^= sub[i];
  const enc = cbcEncrypt('aes', key, msg);
  return enc.slice(enc.length - 16);
}

// ---------------------------------------------------------------------------------------------
// Redundancy checks (ISO/IEC 13239 CRCs, as TS 102 225 §5.1.2 names them)

function makeTable(poly: number, bits: 16 | 32): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[n] = bits === 16 ? c & 0xffff : c >>> 0;
  }
  return t;
}
const CRC16_TABLE = makeTable(0x8408, 16);
const CRC32_TABLE = makeTable(0xedb88320, 32);

/** CRC-16 of ISO/IEC 13239 (x^16+x^12+x^5+1, init FFFF, reflected, complemented; "X-25"). */
export function crc16(data: Uint8Array): number {
  let c = 0xffff;
  for (let i = 0; i < data.length; i++) c = (c >>> 8) ^ CRC16_TABLE[(c ^ data[i]) & 0xff];
  return (c ^ 0xffff) & 0xffff;
}

/** CRC-32 of ISO/IEC 13239 (the zlib/Ethernet CRC). */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = (c >>> 8) ^ CRC32_TABLE[(c ^ data[i]) & 0xff];
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// OTA algorithm names → primitives

export type KeyPair = { kic?: Uint8Array; kid?: Uint8Array };

export function cipherFor(alg: string): { cipher: BlockCipher; ecb: boolean } {
  switch (alg) {
    case 'des-cbc':
      return { cipher: 'des', ecb: false };
    case 'des-ecb':
      return { cipher: 'des', ecb: true };
    case '3des-2key':
      return { cipher: '3des-2key', ecb: false };
    case '3des-3key':
      return { cipher: '3des-3key', ecb: false };
    case 'aes-cbc':
      return { cipher: 'aes', ecb: false };
    default:
      throw new UnsupportedError('stk', `cannot cipher with KIc algorithm '${alg}'`);
  }
}

/** Ciphers or deciphers with a KIc algorithm ('des-cbc', 'aes-cbc', …). */
export function otaCipher(encrypt: boolean, alg: string, key: Uint8Array, data: Uint8Array): Uint8Array {
  const { cipher, ecb } = cipherFor(alg);
  return run(encrypt, cipher, key, data, ecb ? 'ecb' : 'cbc');
}

/** The RC or CC value (TS 102 225 length: CRC16 2, CRC32 4, CC 8) over `data`. */
export function otaChecksum(
  kind: 'rc' | 'cc',
  alg: string,
  key: Uint8Array | undefined,
  data: Uint8Array,
): Uint8Array {
  if (kind === 'rc') {
    if (alg === 'crc16') {
      const c = crc16(data);
      return new Uint8Array([c >> 8, c & 0xff]);
    }
    if (alg === 'crc32') {
      const c = crc32(data);
      return new Uint8Array([c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff, c & 0xff]);
    }
    throw new UnsupportedError('stk', `cannot compute RC with KID algorithm '${alg}'`);
  }
  if (!key) throw new InputError('a KID key is needed to compute the cryptographic checksum');
  switch (alg) {
    case 'des-cbc':
      return cbcMac('des', key, data);
    case '3des-2key':
      return cbcMac('3des-2key', key, data);
    case '3des-3key':
      return cbcMac('3des-3key', key, data);
    case 'aes-cmac':
      return aesCmac(key, data).slice(0, 8);
    default:
      throw new UnsupportedError('stk', `cannot compute CC with KID algorithm '${alg}'`);
  }
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}
