import type { ResConfig } from './types.js';

/** ResTable_config field offsets (from the start of the config struct). */
const C = {
  SIZE: 0,
  MCC: 4,
  MNC: 6,
  LANGUAGE: 8,
  COUNTRY: 10,
  ORIENTATION: 12,
  TOUCHSCREEN: 13,
  DENSITY: 14,
  KEYBOARD: 16,
  NAVIGATION: 17,
  INPUT_FLAGS: 18,
  GRAMMATICAL_INFLECTION: 19,
  SCREEN_WIDTH: 20,
  SCREEN_HEIGHT: 22,
  SDK_VERSION: 24,
  MINOR_VERSION: 26,
  SCREEN_LAYOUT: 28,
  UI_MODE: 29,
  SMALLEST_SCREEN_WIDTH_DP: 30,
  SCREEN_WIDTH_DP: 32,
  SCREEN_HEIGHT_DP: 34,
  LOCALE_SCRIPT: 36,
  LOCALE_VARIANT: 40,
  SCREEN_LAYOUT2: 48,
  COLOR_MODE: 49,
  PAD2: 50,
  SCRIPT_WAS_COMPUTED: 52,
  NUMBERING_SYSTEM: 53,
  KNOWN_SIZE: 61,
} as const;

const DENSITY_NAMES = new Map<number, string>([
  [120, 'ldpi'],
  [160, 'mdpi'],
  [213, 'tvdpi'],
  [240, 'hdpi'],
  [320, 'xhdpi'],
  [480, 'xxhdpi'],
  [640, 'xxxhdpi'],
  [0xfffe, 'anydpi'],
  [0xffff, 'nodpi'],
]);

function ascii(bytes: Uint8Array, start: number, n: number, limit: number): string {
  let s = '';
  for (let i = 0; i < n && start + i < limit; i++) {
    const b = bytes[start + i];
    if (b === 0) break;
    s += String.fromCharCode(b);
  }
  return s;
}

/** unpackLanguageOrRegion: two chars, or a packed three-letter code when the high bit is set. */
function unpackCode(b0: number, b1: number, base: number): string {
  if (b0 & 0x80) {
    const first = b1 & 0x1f;
    const second = ((b1 & 0xe0) >> 5) + ((b0 & 0x03) << 3);
    const third = (b0 & 0x7c) >> 2;
    return String.fromCharCode(first + base, second + base, third + base);
  }
  if (b0 === 0) return '';
  return b1 === 0 ? String.fromCharCode(b0) : String.fromCharCode(b0, b1);
}

/** A u8 field at offset `f` of the config at `o`, 0 when the declared size (or `end`) does not cover it. */
function u8At(bytes: Uint8Array, o: number, end: number, f: number): number {
  return o + f + 1 <= end ? bytes[o + f] : 0;
}

function u16At(view: DataView, o: number, end: number, f: number): number {
  return o + f + 2 <= end ? view.getUint16(o + f, true) : 0;
}

function asciiAt(bytes: Uint8Array, o: number, end: number, f: number, n: number): string {
  return o + f + n <= end ? ascii(bytes, o + f, n, end) : '';
}

/**
 * Reads a ResTable_config at `o`, taking only the fields its declared `size` covers (and that lie
 * before `limit`). Older files have smaller configs; the rest read as 0.
 */
export function readConfig(
  bytes: Uint8Array,
  view: DataView,
  o: number,
  size: number,
  limit: number,
): ResConfig {
  const end = Math.min(o + size, limit);
  let unknownNonZero = false;
  for (let p = o + C.KNOWN_SIZE; p < end; p++) {
    if (bytes[p] !== 0) {
      unknownNonZero = true;
      break;
    }
  }
  return {
    size,
    mcc: u16At(view, o, end, C.MCC),
    mnc: u16At(view, o, end, C.MNC),
    language: unpackCode(u8At(bytes, o, end, C.LANGUAGE), u8At(bytes, o, end, C.LANGUAGE + 1), 0x61),
    region: unpackCode(u8At(bytes, o, end, C.COUNTRY), u8At(bytes, o, end, C.COUNTRY + 1), 0x30),
    orientation: u8At(bytes, o, end, C.ORIENTATION),
    touchscreen: u8At(bytes, o, end, C.TOUCHSCREEN),
    density: u16At(view, o, end, C.DENSITY),
    keyboard: u8At(bytes, o, end, C.KEYBOARD),
    navigation: u8At(bytes, o, end, C.NAVIGATION),
    inputFlags: u8At(bytes, o, end, C.INPUT_FLAGS),
    grammaticalInflection: u8At(bytes, o, end, C.GRAMMATICAL_INFLECTION),
    screenWidth: u16At(view, o, end, C.SCREEN_WIDTH),
    screenHeight: u16At(view, o, end, C.SCREEN_HEIGHT),
    sdkVersion: u16At(view, o, end, C.SDK_VERSION),
    minorVersion: u16At(view, o, end, C.MINOR_VERSION),
    screenLayout: u8At(bytes, o, end, C.SCREEN_LAYOUT),
    uiMode: u8At(bytes, o, end, C.UI_MODE),
    smallestScreenWidthDp: u16At(view, o, end, C.SMALLEST_SCREEN_WIDTH_DP),
    screenWidthDp: u16At(view, o, end, C.SCREEN_WIDTH_DP),
    screenHeightDp: u16At(view, o, end, C.SCREEN_HEIGHT_DP),
    localeScript: asciiAt(bytes, o, end, C.LOCALE_SCRIPT, 4),
    localeScriptWasComputed: u8At(bytes, o, end, C.SCRIPT_WAS_COMPUTED) !== 0,
    localeVariant: asciiAt(bytes, o, end, C.LOCALE_VARIANT, 8),
    screenLayout2: u8At(bytes, o, end, C.SCREEN_LAYOUT2),
    colorMode: u8At(bytes, o, end, C.COLOR_MODE),
    localeNumberingSystem: asciiAt(bytes, o, end, C.NUMBERING_SYSTEM, 8),
    unknownNonZero,
  };
}

/** Qualifier names by field value (ResTable_config::toString). */
const GENDER: Record<number, string> = { 1: 'neuter', 2: 'feminine', 3: 'masculine' };
const LAYOUT_DIR: Record<number, string> = { 0x40: 'ldltr', 0x80: 'ldrtl' };
const SCREEN_SIZE: Record<number, string> = { 1: 'small', 2: 'normal', 3: 'large', 4: 'xlarge' };
const SCREEN_LONG: Record<number, string> = { 0x10: 'notlong', 0x20: 'long' };
const SCREEN_ROUND: Record<number, string> = { 1: 'notround', 2: 'round' };
const WIDE_GAMUT: Record<number, string> = { 1: 'nowidecg', 2: 'widecg' };
const HDR: Record<number, string> = { 0x04: 'lowdr', 0x08: 'highdr' };
const ORIENTATION: Record<number, string> = { 1: 'port', 2: 'land', 3: 'square' };
const UI_TYPE: Record<number, string> = {
  2: 'desk',
  3: 'car',
  4: 'television',
  5: 'appliance',
  6: 'watch',
  7: 'vrheadset',
};
const NIGHT: Record<number, string> = { 0x10: 'notnight', 0x20: 'night' };
const TOUCHSCREEN: Record<number, string> = { 1: 'notouch', 2: 'stylus', 3: 'finger' };
const KEYS_HIDDEN: Record<number, string> = { 1: 'keysexposed', 2: 'keyshidden', 3: 'keyssoft' };
const KEYBOARD: Record<number, string> = { 1: 'nokeys', 2: 'qwerty', 3: '12key' };
const NAV_HIDDEN: Record<number, string> = { 0x04: 'navexposed', 0x08: 'navhidden' };
const NAVIGATION: Record<number, string> = { 1: 'nonav', 2: 'dpad', 3: 'trackball', 4: 'wheel' };

function pick(v: number, names: Record<number, string>, fallback: string): string {
  return names[v] ?? `${fallback}=${v}`;
}

/** The locale part of the qualifier (ResTable_config::appendDirLocale). */
function localeName(c: ResConfig): string {
  if (!c.language) return '';
  const scriptProvided = c.localeScript !== '' && !c.localeScriptWasComputed;
  if (!scriptProvided && !c.localeVariant && !c.localeNumberingSystem) {
    return c.region ? `${c.language}-r${c.region}` : c.language;
  }
  let s = `b+${c.language}`;
  if (scriptProvided) s += `+${c.localeScript}`;
  if (c.region) s += `+${c.region}`;
  if (c.localeVariant) s += `+${c.localeVariant}`;
  if (c.localeNumberingSystem) s += `+u+nu+${c.localeNumberingSystem}`;
  return s;
}

/** The qualifier string as aapt prints it (ResTable_config::toString); '' for the default configuration. */
export function configToString(c: ResConfig): string {
  const parts: string[] = [];
  if (c.mcc) parts.push(`mcc${c.mcc}`);
  if (c.mnc) parts.push(`mnc${c.mnc}`);
  const locale = localeName(c);
  if (locale) parts.push(locale);
  const gender = c.grammaticalInflection & 0x03;
  if (gender) parts.push(pick(gender, GENDER, 'grammaticalGender'));
  const layoutDir = c.screenLayout & 0xc0;
  if (layoutDir) parts.push(pick(layoutDir, LAYOUT_DIR, 'layoutDir'));
  if (c.smallestScreenWidthDp) parts.push(`sw${c.smallestScreenWidthDp}dp`);
  if (c.screenWidthDp) parts.push(`w${c.screenWidthDp}dp`);
  if (c.screenHeightDp) parts.push(`h${c.screenHeightDp}dp`);
  const screenSize = c.screenLayout & 0x0f;
  if (screenSize) parts.push(pick(screenSize, SCREEN_SIZE, 'screenLayoutSize'));
  const screenLong = c.screenLayout & 0x30;
  if (screenLong) parts.push(pick(screenLong, SCREEN_LONG, 'screenLayoutLong'));
  const round = c.screenLayout2 & 0x03;
  if (round) parts.push(pick(round, SCREEN_ROUND, 'screenRound'));
  const wideGamut = c.colorMode & 0x03;
  if (wideGamut) parts.push(pick(wideGamut, WIDE_GAMUT, 'wideColorGamut'));
  const hdr = c.colorMode & 0x0c;
  if (hdr) parts.push(pick(hdr, HDR, 'hdr'));
  if (c.orientation) parts.push(pick(c.orientation, ORIENTATION, 'orientation'));
  const uiType = c.uiMode & 0x0f;
  if (uiType) {
    parts.push(pick(uiType, UI_TYPE, 'uiModeType'));
  }
  const night = c.uiMode & 0x30;
  if (night) parts.push(pick(night, NIGHT, 'uiModeNight'));
  if (c.density) parts.push(DENSITY_NAMES.get(c.density) ?? `${c.density}dpi`);
  if (c.touchscreen) parts.push(pick(c.touchscreen, TOUCHSCREEN, 'touchscreen'));
  const keysHidden = c.inputFlags & 0x03;
  if (keysHidden) parts.push(pick(keysHidden, KEYS_HIDDEN, 'keysHidden'));
  if (c.keyboard) parts.push(pick(c.keyboard, KEYBOARD, 'keyboard'));
  const navHidden = c.inputFlags & 0x0c;
  if (navHidden) parts.push(pick(navHidden, NAV_HIDDEN, 'inputFlagsNavHidden'));
  if (c.navigation) {
    parts.push(pick(c.navigation, NAVIGATION, 'navigation'));
  }
  if (c.screenWidth || c.screenHeight) parts.push(`${c.screenWidth}x${c.screenHeight}`);
  if (c.sdkVersion || c.minorVersion) {
    parts.push(c.minorVersion ? `v${c.sdkVersion}.${c.minorVersion}` : `v${c.sdkVersion}`);
  }
  return parts.join('-');
}
