import type { ResValue } from '../resources.js';
import { DT } from './constants.js';
import type { StringPool } from './types.js';

const RADIX_MULTS = [1 / 256, 1 / 256 / 128, 1 / 256 / 32768, 1 / 256 / 8388608];
const DIMENSION_UNITS = ['px', 'dp', 'sp', 'pt', 'in', 'mm'];
const FRACTION_UNITS = ['%', '%p'];

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

function complexValue(data: number): number {
  return ((data & 0xffffff00) | 0) * RADIX_MULTS[(data >> 4) & 3];
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** A float printed the way aapt does (%f). */
function printFloat(v: number): string {
  return v.toFixed(6);
}

/** Decodes one Res_value. Strings come from the table's global pool (lazily). */
export function decodeValue(dataType: number, data: number, strings: StringPool): ResValue {
  switch (dataType) {
    case DT.NULL:
      return { type: 'null', value: null };
    case DT.REFERENCE:
    case DT.DYNAMIC_REFERENCE:
      return { type: 'reference', value: data >>> 0 };
    case DT.ATTRIBUTE:
    case DT.DYNAMIC_ATTRIBUTE:
      return { type: 'attribute', value: data >>> 0 };
    case DT.STRING: {
      const s = strings.get(data >>> 0);
      return s === undefined
        ? { type: 'unknown', value: data >>> 0, dataType }
        : { type: 'string', value: s };
    }
    case DT.FLOAT:
      u32[0] = data >>> 0;
      return { type: 'float', value: f32[0] };
    case DT.DIMENSION: {
      const v = complexValue(data);
      const unit = DIMENSION_UNITS[data & 0xf] ?? ` (unit ${data & 0xf})`;
      return { type: 'dimension', value: v, raw: `${printFloat(v)}${unit}` };
    }
    case DT.FRACTION: {
      // value is the multiplier (0.65 for "65%"); raw reads as written in XML.
      const v = complexValue(data);
      const unit = FRACTION_UNITS[data & 0xf] ?? ` (unit ${data & 0xf})`;
      return { type: 'fraction', value: v, raw: `${printFloat(v * 100)}${unit}` };
    }
    case DT.INT_DEC:
      return { type: 'int', value: data | 0 };
    case DT.INT_HEX:
      return { type: 'int', value: data >>> 0 };
    case DT.INT_BOOLEAN:
      return { type: 'boolean', value: data !== 0 };
    case DT.INT_COLOR_ARGB8:
    case DT.INT_COLOR_RGB8:
    case DT.INT_COLOR_ARGB4:
    case DT.INT_COLOR_RGB4:
      return { type: 'color', value: data >>> 0, raw: `#${hex8(data)}` };
    default:
      return { type: 'unknown', value: data >>> 0, dataType };
  }
}
