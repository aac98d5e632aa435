import { createHash } from 'node:crypto';
import type { AnomalyList } from '../../core/anomaly.js';
import { FormatError, UnsupportedError } from '../../core/errors.js';
import {
  CHECKSUM_START,
  CONTAINER_VERSION,
  DEX,
  DEX_MAGIC,
  ENDIAN_CONSTANT,
  HDR,
  HEADER_SIZE,
  HEADER_SIZE_V41,
  MAX_VERSION,
  MIN_VERSION,
  REVERSE_ENDIAN_CONSTANT,
  SIGNATURE_SIZE,
  SIGNATURE_START,
} from './constants.js';
import { adler32 } from './mutf8.js';
import type { DexHeader } from './types.js';

const DIGIT_0 = 0x30;

/** True when `bytes` start with a DEX magic of any version. */
export function isDex(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && DEX_MAGIC.every((b, i) => bytes[i] === b) && bytes[7] === 0;
}

function readVersion(bytes: Uint8Array): number {
  if (!isDex(bytes)) throw new FormatError(DEX, 0, 'not a DEX file (bad magic)');
  let v = 0;
  for (let i = 4; i < 7; i++) {
    const d = bytes[i] - DIGIT_0;
    if (d < 0 || d > 9) throw new FormatError(DEX, i, 'bad DEX version digits');
    v = v * 10 + d;
  }
  if (v < MIN_VERSION || v > MAX_VERSION)
    throw new UnsupportedError(DEX, `DEX version ${v} is not supported (035..041)`);
  return v;
}

/** Parses and validates the fixed header at `base` (0 except inside a v41 container). */
export function readHeader(
  bytes: Uint8Array,
  view: DataView,
  base: number,
  anomalies: AnomalyList,
): DexHeader {
  if (bytes.length - base < HEADER_SIZE)
    throw new FormatError(DEX, base, `truncated header: ${bytes.length - base} bytes`);
  const version = readVersion(bytes.subarray(base));
  const u32 = (o: number): number => view.getUint32(base + o, true);
  const endianTag = u32(HDR.endianTag);
  if (endianTag === REVERSE_ENDIAN_CONSTANT)
    throw new UnsupportedError(DEX, 'big-endian DEX files are not supported');
  if (endianTag !== ENDIAN_CONSTANT)
    throw new FormatError(DEX, base + HDR.endianTag, `bad endian tag 0x${endianTag.toString(16)}`);
  const headerSize = u32(HDR.headerSize);
  const v41 = version >= CONTAINER_VERSION;
  const h: DexHeader = {
    version,
    checksum: u32(HDR.checksum),
    signature: bytes.subarray(base + HDR.signature, base + HDR.signature + SIGNATURE_SIZE),
    fileSize: u32(HDR.fileSize),
    headerSize,
    endianTag,
    linkSize: u32(HDR.linkSize),
    linkOff: u32(HDR.linkOff),
    mapOff: u32(HDR.mapOff),
    stringIdsSize: u32(HDR.stringIdsSize),
    stringIdsOff: u32(HDR.stringIdsOff),
    typeIdsSize: u32(HDR.typeIdsSize),
    typeIdsOff: u32(HDR.typeIdsOff),
    protoIdsSize: u32(HDR.protoIdsSize),
    protoIdsOff: u32(HDR.protoIdsOff),
    fieldIdsSize: u32(HDR.fieldIdsSize),
    fieldIdsOff: u32(HDR.fieldIdsOff),
    methodIdsSize: u32(HDR.methodIdsSize),
    methodIdsOff: u32(HDR.methodIdsOff),
    classDefsSize: u32(HDR.classDefsSize),
    classDefsOff: u32(HDR.classDefsOff),
    dataSize: u32(HDR.dataSize),
    dataOff: u32(HDR.dataOff),
    containerSize: 0,
    headerOffset: 0,
  };
  if (v41 && headerSize >= HEADER_SIZE_V41 && bytes.length - base >= HEADER_SIZE_V41) {
    h.containerSize = u32(HDR.containerSize);
    h.headerOffset = u32(HDR.headerOffset);
  }
  const expectedHeader = v41 ? HEADER_SIZE_V41 : HEADER_SIZE;
  if (headerSize !== expectedHeader && headerSize !== HEADER_SIZE) {
    anomalies.add({
      format: DEX,
      code: 'bad-header-size',
      severity: 'warning',
      message: `header_size is ${headerSize}, expected ${expectedHeader}`,
      offset: base + HDR.headerSize,
    });
  }
  const available = bytes.length - base;
  if (h.fileSize > available) {
    anomalies.add({
      format: DEX,
      code: 'truncated',
      severity: 'error',
      message: `file_size is ${h.fileSize} but only ${available} bytes are present`,
      offset: base + HDR.fileSize,
    });
  } else if (h.fileSize < available && !v41) {
    anomalies.add({
      format: DEX,
      code: 'trailing-data',
      severity: 'info',
      message: `${available - h.fileSize} bytes follow file_size`,
      offset: base + h.fileSize,
    });
  }
  if (h.fileSize < HEADER_SIZE)
    throw new FormatError(DEX, base + HDR.fileSize, `file_size ${h.fileSize} is smaller than the header`);
  return h;
}

/** Checks the Adler-32 checksum and (optionally) the SHA-1 signature of one DEX at `base`. */
export function verifyIntegrity(
  bytes: Uint8Array,
  base: number,
  h: DexHeader,
  opts: { checksum: boolean; signature: boolean },
  anomalies: AnomalyList,
): void {
  const end = Math.min(bytes.length, base + h.fileSize);
  if (opts.checksum) {
    const actual = adler32(bytes, base + CHECKSUM_START, end);
    if (actual !== h.checksum) {
      anomalies.add({
        format: DEX,
        code: 'bad-checksum',
        severity: 'warning',
        message: `Adler-32 checksum is 0x${actual.toString(16).padStart(8, '0')}, header says 0x${h.checksum.toString(16).padStart(8, '0')}`,
        offset: base + HDR.checksum,
      });
    }
  }
  if (opts.signature) {
    const actual = createHash('sha1')
      .update(bytes.subarray(base + SIGNATURE_START, end))
      .digest();
    if (!actual.equals(h.signature)) {
      anomalies.add({
        format: DEX,
        code: 'bad-signature',
        // ART does not check it; a stale signature with a valid checksum hints at post-processing.
        severity: 'info',
        message: `SHA-1 signature is ${actual.toString('hex')}, header says ${Buffer.from(h.signature).toString('hex')} (the checksum was updated, the signature was not, or both are stale)`,
        offset: base + HDR.signature,
      });
    }
  }
}
