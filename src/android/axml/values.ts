import type { ResValue } from '../resources.js';

/** Res_value dataType codes (frameworks/base/libs/androidfw/include/androidfw/ResourceTypes.h). */
export const TYPE = {
  NULL: 0x00,
  REFERENCE: 0x01,
  ATTRIBUTE: 0x02,
  STRING: 0x03,
  FLOAT: 0x04,
  DIMENSION: 0x05,
  FRACTION: 0x06,
  DYNAMIC_REFERENCE: 0x07,
  DYNAMIC_ATTRIBUTE: 0x08,
  INT_DEC: 0x10,
  INT_HEX: 0x11,
  INT_BOOLEAN: 0x12,
  INT_COLOR_ARGB8: 0x1c,
  INT_COLOR_RGB8: 0x1d,
  INT_COLOR_ARGB4: 0x1e,
  INT_COLOR_RGB4: 0x1f,
} as const;

/** Res_value complex radixes, times MANTISSA_MULT (1/256: the mantissa sits in bits 8..31). */
const RADIX_MULTS = [1 / 256, 1 / (1 << 7) / 256, 1 / (1 << 15) / 256, 1 / (1 << 23) / 256];
const DIMENSION_UNITS = ['px', 'dip', 'sp', 'pt', 'in', 'mm'];
const FRACTION_UNITS = ['%', '%p'];
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The value of a complex (dimension / fraction) Res_value data word. */
export function complexToFloat(data: number): number {
  const mantissa = (data & 0xffffff00) | 0;
  return mantissa * RADIX_MULTS[(data >> 4) & 3];
}

export function bitsToFloat(data: number): number {
  u32[0] = data >>> 0;
  return f32[0];
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** `#aarrggbb` etc. as Android's TypedValue.coerceToString writes colours. */
function colorRaw(type: number, data: number): string {
  const h = hex8(data);
  switch (type) {
    case TYPE.INT_COLOR_RGB8:
      return `#${h.slice(2)}`;
    case TYPE.INT_COLOR_ARGB4:
      return `#${h[0]}${h[2]}${h[4]}${h[6]}`;
    case TYPE.INT_COLOR_RGB4:
      return `#${h[2]}${h[4]}${h[6]}`;
    default:
      return `#${h}`;
  }
}

/**
 * Decodes one Res_value. `stringAt` resolves string-typed data (a string-pool index); it returns
 * undefined for a bad index, which becomes an empty string here (the caller records an anomaly).
 */
export function decodeResValue(
  dataType: number,
  data: number,
  stringAt: (i: number) => string | undefined,
): ResValue {
  switch (dataType) {
    case TYPE.NULL:
      return { type: 'null', value: null };
    case TYPE.REFERENCE:
    case TYPE.DYNAMIC_REFERENCE:
      return { type: 'reference', value: data >>> 0 };
    case TYPE.ATTRIBUTE:
    case TYPE.DYNAMIC_ATTRIBUTE:
      return { type: 'attribute', value: data >>> 0 };
    case TYPE.STRING:
      return { type: 'string', value: stringAt(data >>> 0) ?? '' };
    case TYPE.FLOAT:
      return { type: 'float', value: bitsToFloat(data) };
    case TYPE.DIMENSION: {
      const unit = DIMENSION_UNITS[data & 0xf];
      const v = complexToFloat(data);
      return { type: 'dimension', value: v, raw: `${formatFloat(v)}${unit ?? ' (unknown unit)'}` };
    }
    case TYPE.FRACTION: {
      const unit = FRACTION_UNITS[data & 0xf];
      const v = complexToFloat(data) * 100;
      return { type: 'fraction', value: v, raw: `${formatFloat(v)}${unit ?? ' (unknown unit)'}` };
    }
    case TYPE.INT_DEC:
    case TYPE.INT_HEX:
      return { type: 'int', value: data | 0 };
    case TYPE.INT_BOOLEAN:
      return { type: 'boolean', value: data !== 0 };
    case TYPE.INT_COLOR_ARGB8:
    case TYPE.INT_COLOR_RGB8:
    case TYPE.INT_COLOR_ARGB4:
    case TYPE.INT_COLOR_RGB4:
      return { type: 'color', value: data >>> 0, raw: colorRaw(dataType, data) };
    default:
      return { type: 'unknown', value: data >>> 0, dataType };
  }
}

function formatFloat(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(Math.round(v * 1e6) / 1e6);
}

/** `@0x7f010203` / `?0x01010000`: how an unresolved reference is written everywhere in dfslab. */
export function refString(kind: 'reference' | 'attribute', id: number): string {
  return `${kind === 'reference' ? '@' : '?'}0x${hex8(id)}`;
}

/** A readable rendering of a value (for axmlToXml and messages). */
export function resValueToString(v: ResValue): string {
  switch (v.type) {
    case 'string':
      return v.value;
    case 'reference':
    case 'attribute':
      return refString(v.type, v.value);
    case 'boolean':
      return v.value ? 'true' : 'false';
    case 'int':
    case 'float':
      return String(v.value);
    case 'color':
    case 'dimension':
    case 'fraction':
      return v.raw;
    case 'null':
    case 'complex':
      return '';
    case 'unknown':
      return `(type 0x${v.dataType.toString(16)})0x${v.value.toString(16)}`;
  }
}
