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
  const u8 = (f: number): number => (o + f + 1 <= end ? bytes[o + f] : 0);
  const u16 = (f: number): number => (o + f + 2 <= end ? view.getUint16(o + f, true) : 0);
  let unknownNonZero = false;
  for (let p = o + C.KNOWN_SIZE; p < end; p++) {
    if (bytes[p] !== 0) {
      unknownNonZero = true;
      break;
    }
  }
  return {
    size,
    mcc: u16(C.MCC),
    mnc: u16(C.MNC),
    language: unpackCode(u8(C.LANGUAGE), u8(C.LANGUAGE + 1), 0x61),
    region: unpackCode(u8(C.COUNTRY), u8(C.COUNTRY + 1), 0x30),
    orientation: u8(C.ORIENTATION),
    touchscreen: u8(C.TOUCHSCREEN),
    density: u16(C.DENSITY),
    keyboard: u8(C.KEYBOARD),
    navigation: u8(C.NAVIGATION),
    inputFlags: u8(C.INPUT_FLAGS),
    grammaticalInflection: u8(C.GRAMMATICAL_INFLECTION),
    screenWidth: u16(C.SCREEN_WIDTH),
    screenHeight: u16(C.SCREEN_HEIGHT),
    sdkVersion: u16(C.SDK_VERSION),
    minorVersion: u16(C.MINOR_VERSION),
    screenLayout: u8(C.SCREEN_LAYOUT),
    uiMode: u8(C.UI_MODE),
    smallestScreenWidthDp: u16(C.SMALLEST_SCREEN_WIDTH_DP),
    screenWidthDp: u16(C.SCREEN_WIDTH_DP),
    screenHeightDp: u16(C.SCREEN_HEIGHT_DP),
    localeScript: o + C.LOCALE_SCRIPT + 4 <= end ? ascii(bytes, o + C.LOCALE_SCRIPT, 4, end) : '',
    localeScriptWasComputed: u8(C.SCRIPT_WAS_COMPUTED) !== 0,
    localeVariant: o + C.LOCALE_VARIANT + 8 <= end ? ascii(bytes, o + C.LOCALE_VARIANT, 8, end) : '',
    screenLayout2: u8(C.SCREEN_LAYOUT2),
    colorMode: u8(C.COLOR_MODE),
    localeNumberingSystem:
      o + C.NUMBERING_SYSTEM + 8 <= end ? ascii(bytes, o + C.NUMBERING_SYSTEM, 8, end) : '',
    unknownNonZero,
  };
}

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
  if (gender) parts.push(pick(gender, { 1: 'neuter', 2: 'feminine', 3: 'masculine' }, 'grammaticalGender'));
  const layoutDir = c.screenLayout & 0xc0;
  if (layoutDir) parts.push(pick(layoutDir, { 0x40: 'ldltr', 0x80: 'ldrtl' }, 'layoutDir'));
  if (c.smallestScreenWidthDp) parts.push(`sw${c.smallestScreenWidthDp}dp`);
  if (c.screenWidthDp) parts.push(`w${c.screenWidthDp}dp`);
  if (c.screenHeightDp) parts.push(`h${c.screenHeightDp}dp`);
  const screenSize = c.screenLayout & 0x0f;
  if (screenSize)
    parts.push(pick(screenSize, { 1: 'small', 2: 'normal', 3: 'large', 4: 'xlarge' }, 'screenLayoutSize'));
  const screenLong = c.screenLayout & 0x30;
  if (screenLong) parts.push(pick(screenLong, { 0x10: 'notlong', 0x20: 'long' }, 'screenLayoutLong'));
  const round = c.screenLayout2 & 0x03;
  if (round) parts.push(pick(round, { 1: 'notround', 2: 'round' }, 'screenRound'));
  const wideGamut = c.colorMode & 0x03;
  if (wideGamut) parts.push(pick(wideGamut, { 1: 'nowidecg', 2: 'widecg' }, 'wideColorGamut'));
  const hdr = c.colorMode & 0x0c;
  if (hdr) parts.push(pick(hdr, { 0x04: 'lowdr', 0x08: 'highdr' }, 'hdr'));
  if (c.orientation) parts.push(pick(c.orientation, { 1: 'port', 2: 'land', 3: 'square' }, 'orientation'));
  const uiType = c.uiMode & 0x0f;
  if (uiType) {
    parts.push(
      pick(
        uiType,
        { 2: 'desk', 3: 'car', 4: 'television', 5: 'appliance', 6: 'watch', 7: 'vrheadset' },
        'uiModeType',
      ),
    );
  }
  const night = c.uiMode & 0x30;
  if (night) parts.push(pick(night, { 0x10: 'notnight', 0x20: 'night' }, 'uiModeNight'));
  if (c.density) parts.push(DENSITY_NAMES.get(c.density) ?? `${c.density}dpi`);
  if (c.touchscreen)
    parts.push(pick(c.touchscreen, { 1: 'notouch', 2: 'stylus', 3: 'finger' }, 'touchscreen'));
  const keysHidden = c.inputFlags & 0x03;
  if (keysHidden)
    parts.push(pick(keysHidden, { 1: 'keysexposed', 2: 'keyshidden', 3: 'keyssoft' }, 'keysHidden'));
  if (c.keyboard) parts.push(pick(c.keyboard, { 1: 'nokeys', 2: 'qwerty', 3: '12key' }, 'keyboard'));
  const navHidden = c.inputFlags & 0x0c;
  if (navHidden)
    parts.push(pick(navHidden, { 0x04: 'navexposed', 0x08: 'navhidden' }, 'inputFlagsNavHidden'));
  if (c.navigation) {
    parts.push(pick(c.navigation, { 1: 'nonav', 2: 'dpad', 3: 'trackball', 4: 'wheel' }, 'navigation'));
  }
  if (c.screenWidth || c.screenHeight) parts.push(`${c.screenWidth}x${c.screenHeight}`);
  if (c.sdkVersion || c.minorVersion) {
    parts.push(c.minorVersion ? `v${c.sdkVersion}.${c.minorVersion}` : `v${c.sdkVersion}`);
  }
  return parts.join('-');
}
