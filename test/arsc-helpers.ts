/**
 * Helpers for the resources.arsc oracle test: extract the table from an APK and print a parsed
 * table the way `aapt dump resources` does, so the two can be compared line by line.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  entryData,
  entryDataType,
  entryFlags,
  entryKey,
  forEachEntry,
  isComplex,
} from '../src/android/arsc/entries.js';
import { ENTRY } from '../src/android/arsc/constants.js';
import { decodeEntry } from '../src/android/arsc/lookup.js';
import type { ResEntry, ResourceTable } from '../src/android/arsc/types.js';
import type { ResValue } from '../src/android/resources.js';

const run = promisify(execFile);

export type ToolResult = { status: number; out: string; err: string };

/** Runs a tool asynchronously (so callers can bound parallelism), never throwing on exit status. */
export async function runAsync(
  cmd: string,
  args: string[],
  encoding: 'utf8' | 'buffer' = 'utf8',
): Promise<{ status: number; out: Buffer | string; err: string }> {
  try {
    const r = await run(cmd, args, { encoding, maxBuffer: 1024 * 1024 * 1024, timeout: 120_000 });
    return { status: 0, out: r.stdout, err: String(r.stderr) };
  } catch (e) {
    const x = e as { code?: number; stdout?: Buffer | string; stderr?: Buffer | string };
    return {
      status: typeof x.code === 'number' ? x.code : -1,
      out: x.stdout ?? '',
      err: String(x.stderr ?? ''),
    };
  }
}

/** resources.arsc of an APK via `unzip -p`, or undefined when it has none. */
export async function extractArsc(apk: string): Promise<Uint8Array | undefined> {
  const r = await runAsync('unzip', ['-p', apk, 'resources.arsc'], 'buffer');
  const out = r.out as Buffer;
  if (r.status !== 0 || out.length === 0) return undefined;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Runs `fn` over `items` with at most `n` in flight. */
export async function mapLimit<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

const hex = (n: number, w: number): string => (n >>> 0).toString(16).padStart(w, '0');

/**
 * The package part of `aapt dump resources` for our parse: type lines, spec lines, config lines
 * and entry lines (t/d of simple values, <bag> for complex ones, the PUBLIC flag).
 */
export function dumpLikeAapt(table: ResourceTable, opts: { values?: boolean } = {}): string[] {
  const { view } = table;
  const lines: string[] = [];
  table.packages.forEach((pkg, pi) => {
    lines.push(`  Package ${pi} id=0x${hex(pkg.id, 2)} name=${pkg.name}`);
    for (const g of pkg.types) {
      // aapt does not list a type whose spec declares no entries and that has no configurations.
      if (!g || (g.entryCount === 0 && g.chunks.length === 0)) continue;
      lines.push(`    type ${g.id - 1} configCount=${g.chunks.length} entryCount=${g.entryCount}`);
      const names = new Map<number, string>();
      for (const chunk of g.chunks) {
        forEachEntry(view, chunk, (e, abs) => {
          if (!names.has(e)) names.set(e, pkg.keyStrings.get(entryKey(view, abs)) ?? '');
        });
      }
      const base = ((pkg.id << 24) | (g.id << 16)) >>> 0;
      for (let e = 0; e < g.entryCount; e++) {
        const id = `0x${hex(base + e, 8)}`;
        const name = names.get(e);
        if (name === undefined) lines.push(`      INVALID TYPE CONFIG FOR RESOURCE ${id}`);
        else
          lines.push(
            `      spec resource ${id} ${pkg.name}:${g.name}/${name}: flags=0x${hex(g.specFlags[e] ?? 0, 8)}`,
          );
      }
      for (const chunk of g.chunks) {
        const flags = chunk.flags ? ` flags=0x${hex(chunk.flags, 2)}` : '';
        lines.push(`      config ${chunk.configName || '(default)'}${flags}:`);
        forEachEntry(view, chunk, (e, abs) => {
          const head = `        resource 0x${hex(base + e, 8)} ${pkg.name}:${g.name}/${names.get(e)}: `;
          const pub = entryFlags(view, abs) & ENTRY.FLAG_PUBLIC ? ' (PUBLIC)' : '';
          if (isComplex(view, abs)) {
            lines.push(`${head}<bag>${pub}`);
            if (opts.values) pushBag(decodeEntry(table, pkg, g, chunk, e, abs), table.strings.utf8, lines);
            return;
          }
          const t = entryDataType(view, abs);
          const d = entryData(view, abs);
          lines.push(`${head}t=0x${hex(t, 2)} d=0x${hex(d, 8)}${pub}`);
          if (!opts.values) return;
          const entry = decodeEntry(table, pkg, g, chunk, e, abs);
          lines.push(`          ${printValue(table.strings.utf8, entry.dataType, entry.data, entry.value)}`);
        });
      }
    }
  });
  return lines;
}

/** The bag lines, printed from our decoded model (ResEntry.bag). */
function pushBag(entry: ResEntry, utf8: boolean, lines: string[]): void {
  const bag = entry.bag;
  if (!bag) throw new Error(`entry 0x${hex(entry.id, 8)} is complex but has no bag`);
  lines.push(
    `          Parent=0x${hex(bag.parent, 8)}(Resolved=0x${hex(bag.parent, 8)}), Count=${bag.items.length}`,
  );
  bag.items.forEach((item, i) => {
    lines.push(
      `          #${i} (Key=0x${hex(item.name, 8)}): ${printValue(utf8, item.dataType, item.data, item.value)}`,
    );
  });
}

/** C's %g (6 significant digits), as aapt prints a float. */
function printG(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const [mant, expStr] = v.toExponential(5).split('e');
  const exp = Number(expStr);
  const strip = (x: string): string => (x.includes('.') ? x.replace(/0+$/, '').replace(/\.$/, '') : x);
  if (exp < -4 || exp >= 6)
    return `${strip(mant)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return strip(v.toFixed(5 - exp));
}

/** aapt's print_complex: note it masks the mantissa as unsigned, so negative values print huge. */
function printComplex(data: number, fraction: boolean): string {
  const radix = [1 / 256, 1 / 256 / 128, 1 / 256 / 32768, 1 / 256 / 8388608][(data >>> 4) & 3];
  const value = Math.fround(Math.fround((data & 0xffffff00) >>> 0) * radix);
  const units = fraction ? ['%', '%p'] : ['px', 'dp', 'sp', 'pt', 'in', 'mm'];
  return `${value.toFixed(6)}${units[data & 0xf] ?? ' (unknown unit)'}`;
}

/** ResTable::normalizeForOutput: stops at NUL, escapes backslash, newline and double quote. */
function quoted(s: string): string {
  const nul = s.indexOf('\0');
  const cut = nul >= 0 ? s.slice(0, nul) : s;
  return `"${cut.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`;
}

/**
 * ResTable::print_value as this aapt prints it, from our decoded ResValue. Its integer branch has
 * a `||` bug, so every type past the fraction (ints, booleans, colors, unknown) prints as
 * "(color) #xxxxxxxx"; print_complex reads the mantissa unsigned, so negative dimensions print
 * huge there (we only compare our `raw` for non-negative ones).
 */
function printValue(utf8: boolean, t: number, d: number, v: ResValue): string {
  switch (v.type) {
    case 'null':
      return d === 0 ? '(null)' : d === 1 ? '(null empty)' : `(null) 0x${hex(d, 8)}`;
    case 'reference':
      return `(${t === 0x07 ? 'dynamic reference' : 'reference'}) 0x${hex(v.value, 8)}`;
    case 'attribute':
      return `(${t === 0x08 ? 'dynamic attribute' : 'attribute'}) 0x${hex(v.value, 8)}`;
    case 'string':
      return `(string${utf8 ? 8 : 16}) ${quoted(v.value)}`;
    case 'float':
      return `(float) ${printG(v.value)}`;
    case 'dimension':
      return `(dimension) ${d & 0x80000000 ? printComplex(d, false) : v.raw}`;
    case 'fraction':
      return `(fraction) ${d & 0x80000000 ? printComplex(d, true) : printComplex(d, true).replace(/^[0-9.]+/, v.value.toFixed(6))}`;
    case 'unknown':
      return t === 0x03 ? '(string) null' : `(color) #${hex(d, 8)}`;
    default:
      return `(color) #${hex(d, 8)}`;
  }
}

/** aapt's dump, reduced to the same lines (package lines on, with the (s=.. r=..) part dropped). */
export function normalizeAaptDump(out: string): string[] {
  const lines: string[] = [];
  for (const line of out.split('\n')) {
    if (line === '' || line.startsWith('Package Group')) continue;
    lines.push(line.replace(/ \(s=0x[0-9a-f]+ r=0x[0-9a-f]+\)/, ''));
  }
  return lines;
}

/** Qualifiers for the aapt-built fixture: every ResTable_config field, alone and combined. */
export const FIXTURE_QUALIFIERS = [
  'fr',
  'fr-rCA',
  'b+sr+Latn',
  'b+es+419',
  'b+de+DE+1901',
  'fil',
  'mcc310',
  'mcc310-mnc4',
  'ldrtl',
  'sw600dp',
  'w720dp',
  'h480dp',
  'small',
  'xlarge',
  'long',
  'notlong',
  'round',
  'notround',
  'widecg',
  'nowidecg',
  'highdr',
  'lowdr',
  'land',
  'port',
  'car',
  'television',
  'watch',
  'vrheadset',
  'appliance',
  'desk',
  'night',
  'notnight',
  'xhdpi',
  'tvdpi',
  'nodpi',
  'anydpi',
  '100dpi',
  'notouch',
  'finger',
  'keysexposed',
  'keyshidden',
  'keyssoft',
  'nokeys',
  'qwerty',
  '12key',
  'navexposed',
  'navhidden',
  'nonav',
  'dpad',
  'trackball',
  'wheel',
  '320x240',
  'v21',
  'mcc310-mnc4-fr-rCA-ldrtl-sw600dp-w720dp-h480dp-large-long-round-land-car-night-xhdpi-finger-keyssoft-qwerty-navhidden-dpad-v26',
];

const FIXTURE_VALUES = `<resources>
<string name="app_name">Default é 中文 😀</string>
<string name="multi">line1\\nline2</string>
<dimen name="neg">-16dp</dimen>
<dimen name="sp">1.5sp</dimen>
<fraction name="half">50%</fraction>
<fraction name="halfp">25%p</fraction>
<item name="small_float" type="dimen" format="float">0.000012</item>
<item name="big_float" type="dimen" format="float">1234567.0</item>
<integer name="i">-5</integer>
<bool name="b">true</bool>
<color name="c">#80ff0000</color>
<color name="c4">#f00</color>
<string-array name="arr"><item>a</item><item>@string/multi</item></string-array>
<style name="Base"><item name="android:textColor">#ff00ff00</item></style>
<style name="Theme" parent="Base"><item name="android:textSize">12sp</item><item name="android:fontFamily">serif</item></style>
<plurals name="p"><item quantity="one">one</item><item quantity="other">many</item></plurals>
<attr name="myattr" format="enum"><enum name="a" value="1"/><enum name="b" value="2"/></attr>
<item name="alias" type="string">@string/multi</item>
</resources>
`;

/**
 * Writes a small app with one string per qualifier in FIXTURE_QUALIFIERS plus every value kind,
 * and packages it with `aapt package` (UTF-8 or UTF-16 string pools). Returns the APK path.
 */
export async function buildFixtureApk(dir: string, frameworkRes: string, utf16: boolean): Promise<string> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  await mkdir(join(dir, 'res', 'values'), { recursive: true });
  await writeFile(
    join(dir, 'AndroidManifest.xml'),
    '<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="org.dfslab.arsc">' +
      '<application android:label="@string/app_name"/></manifest>',
  );
  await writeFile(join(dir, 'res', 'values', 'strings.xml'), FIXTURE_VALUES);
  for (const q of FIXTURE_QUALIFIERS) {
    await mkdir(join(dir, 'res', `values-${q}`), { recursive: true });
    const text = `${q} \\"quoted\\" \\\\back`;
    await writeFile(
      join(dir, 'res', `values-${q}`, 'strings.xml'),
      `<resources><string name="app_name">${text}</string></resources>`,
    );
  }
  const out = join(dir, utf16 ? 'fixture16.apk' : 'fixture8.apk');
  // aapt writes UTF-8 pools only for minSdk >= 7; --utf16 forces UTF-16 again.
  const args = [
    'package',
    '-f',
    '--min-sdk-version',
    '8',
    ...(utf16 ? ['--utf16'] : []),
    '-M',
    join(dir, 'AndroidManifest.xml'),
  ];
  const r = await runAsync('aapt', [...args, '-S', join(dir, 'res'), '-I', frameworkRes, '-F', out]);
  if (r.status !== 0) throw new Error(`aapt package failed: ${r.err}`);
  return out;
}
