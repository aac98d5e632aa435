/**
 * A walk over a class's static_values (an encoded_array_item) that decodes nothing: the DEX scan
 * reads the static values of the few classes that may initialise a field with a string it looks
 * at, instead of building every class's values.
 */

/** encoded_value types (static-values.ts) the walk below tells apart. */
const ENCODED_STRING = 0x17;
const ENCODED_NULL = 0x1e;
const ENCODED_BOOLEAN = 0x1f;
/** encoded_value types followed by (value_arg + 1) bytes. */
const SIZED_VALUE = new Uint8Array(32);
for (const t of [0x00, 0x02, 0x03, 0x04, 0x06, 0x10, 0x11, 0x15, 0x16, 0x18, 0x19, 0x1a, 0x1b])
  SIZED_VALUE[t] = 1;
/** Widest string index read here (readEncodedArray reads wider ones through bigint). */
const MAX_INDEX_BYTES = 4;
const MAX_ULEB_BYTES = 5;
/** readEncodedArray's bound on the values read from one array. */
const MAX_STATIC_VALUES = 65536;

/**
 * False only when none of the first `count` values of the encoded_array_item at `off` is a string
 * whose index is marked: a walk over the bytes that decodes and allocates nothing. Anything it
 * does not follow (nested arrays and annotations, wide indexes, unknown types, malformed or
 * truncated data) answers true, and `readEncodedArray` decides.
 */
export function mayHoldMarkedString(b: Uint8Array, off: number, count: number, marked: Uint8Array): boolean {
  let p = off;
  let size = 0;
  for (let i = 0, shift = 0; ; i++, shift += 7) {
    if (i === MAX_ULEB_BYTES || p >= b.length) return true;
    const x = b[p++];
    size += (x & 0x7f) * 2 ** shift;
    if (x < 0x80) break;
  }
  const n = Math.min(size, count, MAX_STATIC_VALUES);
  for (let i = 0; i < n; i++) {
    if (p >= b.length) return true;
    const head = b[p++];
    const type = head & 0x1f;
    const width = (head >>> 5) + 1;
    if (type === ENCODED_STRING) {
      if (width > MAX_INDEX_BYTES || p + width > b.length) return true;
      let idx = 0;
      for (let k = 0, m = 1; k < width; k++, m *= 256) idx += b[p + k] * m;
      if (idx < marked.length && marked[idx] === 1) return true;
      p += width;
    } else if (SIZED_VALUE[type] === 1) p += width;
    else if (type !== ENCODED_NULL && type !== ENCODED_BOOLEAN) return true;
  }
  return false;
}
