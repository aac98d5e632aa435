/** JCA entry points the crypto checks look for, and the parsing of a Cipher transformation. */
import { possibleStrings, type Value } from '../../../code/index.js';

export const CIPHER_GET_INSTANCE = [
  'Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;)Ljavax/crypto/Cipher;',
  'Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;Ljava/lang/String;)Ljavax/crypto/Cipher;',
  'Ljavax/crypto/Cipher;->getInstance(Ljava/lang/String;Ljava/security/Provider;)Ljavax/crypto/Cipher;',
];

export const MESSAGE_DIGEST_GET_INSTANCE = [
  'Ljava/security/MessageDigest;->getInstance(Ljava/lang/String;)Ljava/security/MessageDigest;',
  'Ljava/security/MessageDigest;->getInstance(Ljava/lang/String;Ljava/lang/String;)Ljava/security/MessageDigest;',
  'Ljava/security/MessageDigest;->getInstance(Ljava/lang/String;Ljava/security/Provider;)Ljava/security/MessageDigest;',
];

export const KEY_GENERATOR_GET_INSTANCE = [
  'Ljavax/crypto/KeyGenerator;->getInstance(Ljava/lang/String;)Ljavax/crypto/KeyGenerator;',
  'Ljavax/crypto/KeyGenerator;->getInstance(Ljava/lang/String;Ljava/lang/String;)Ljavax/crypto/KeyGenerator;',
  'Ljavax/crypto/KeyGenerator;->getInstance(Ljava/lang/String;Ljava/security/Provider;)Ljavax/crypto/KeyGenerator;',
];

export const SECRET_KEY_FACTORY_GET_INSTANCE = [
  'Ljavax/crypto/SecretKeyFactory;->getInstance(Ljava/lang/String;)Ljavax/crypto/SecretKeyFactory;',
  'Ljavax/crypto/SecretKeyFactory;->getInstance(Ljava/lang/String;Ljava/lang/String;)Ljavax/crypto/SecretKeyFactory;',
  'Ljavax/crypto/SecretKeyFactory;->getInstance(Ljava/lang/String;Ljava/security/Provider;)Ljavax/crypto/SecretKeyFactory;',
];

export type Transformation = { text: string; alg: string; mode?: string; padding?: string };

/** `AES/CBC/PKCS5Padding` → { alg: 'AES', mode: 'CBC', padding: 'PKCS5PADDING' } (upper-cased parts). */
export function parseTransformation(text: string): Transformation {
  const [alg = '', mode, padding] = text.trim().split('/');
  const t: Transformation = { text, alg: alg.trim().toUpperCase() };
  if (mode !== undefined) t.mode = mode.trim().toUpperCase();
  if (padding !== undefined) t.padding = padding.trim().toUpperCase();
  return t;
}

/** The constant strings a value may be (empty when any alternative is not a known constant). */
export function constantStrings(v: Value | undefined): string[] {
  if (!v) return [];
  return possibleStrings(v) ?? [];
}

/** Symmetric block ciphers whose default mode (no mode given) is ECB in the Android providers. */
export const BLOCK_CIPHERS = new Set([
  'AES',
  'AES_128',
  'AES_256',
  'DES',
  'DESEDE',
  'TRIPLEDES',
  'BLOWFISH',
  'RC2',
  'TWOFISH',
  'CAMELLIA',
  'SEED',
  'ARIA',
]);

/** Broken or too-weak ciphers (any mode), also inside PBE names such as PBEWithMD5AndDES. */
export function weakCipherName(alg: string): string | undefined {
  const a = alg.toUpperCase();
  const pbe = a.startsWith('PBE');
  if (a === 'DESEDE' || a === 'TRIPLEDES' || a === '3DES' || (pbe && /TRIPLEDES|DESEDE/.test(a)))
    return '3DES';
  if (a === 'DES' || (pbe && a.endsWith('ANDDES'))) return 'DES';
  if (a === 'RC4' || a === 'ARCFOUR' || a === 'ARC4' || (pbe && a.includes('RC4'))) return 'RC4';
  if (a === 'RC2' || (pbe && a.includes('RC2'))) return 'RC2';
  if (a === 'BLOWFISH') return 'Blowfish';
  return undefined;
}

/** The text of a key or IV for a message: printable ASCII as a quoted string, else hex (shortened). */
export function bytesPreview(b: Uint8Array): string {
  const printable = b.length > 0 && b.every((x) => x >= 0x20 && x < 0x7f);
  const shown = b.subarray(0, 32);
  const more = b.length > shown.length ? '…' : '';
  if (printable) return `"${Buffer.from(shown).toString('latin1')}${more}"`;
  return `0x${Buffer.from(shown).toString('hex')}${more}`;
}
