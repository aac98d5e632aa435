/** Measures how renamed the app's own classes, methods and fields are (R8/ProGuard traces). */
import { isDfslabError } from '../../../../core/errors.js';
import type { DexFile } from '../../../dex/index.js';
import { isBundledLibrary } from '../../shared/libraries.js';

export type NameStats = {
  classes: number;
  /** Classes whose simple name (after the package and any `$`) has 1–2 characters: `a`, `Lb/c/d;`, `Foo$a`. */
  shortClasses: number;
  /** Classes in a package whose every segment has 1–2 characters (`La/b/c;`). */
  shortPackages: number;
  methods: number;
  shortMethods: number;
  fields: number;
  shortFields: number;
  /** Classes keeping a real source file name (`Login.java`, not absent or "SourceFile"). */
  withSourceFile: number;
};

/** Generated classes that keep their names in every build. */
const GENERATED = /(?:^|\/)(?:R|R\$[a-z]+|BuildConfig|Manifest|Manifest\$[a-z_]+)$/;
const CH_A = 0x41;
const CH_Z = 0x5a;
const CH_LOWER_A = 0x61;
const CH_LOWER_Z = 0x7a;
const CH_0 = 0x30;
const CH_9 = 0x39;
const CH_UNDERSCORE = 0x5f;
const CH_DOLLAR = 0x24;

function isNameStart(c: number): boolean {
  return (
    (c >= CH_A && c <= CH_Z) || (c >= CH_LOWER_A && c <= CH_LOWER_Z) || c === CH_UNDERSCORE || c === CH_DOLLAR
  );
}

/** `/^[A-Za-z_$][A-Za-z0-9_$]?$/.test(name)` without a regex run per name (called for every member). */
function isShort(name: string): boolean {
  const n = name.length;
  if (n === 0 || n > 2 || !isNameStart(name.charCodeAt(0))) return false;
  if (n === 1) return true;
  const c = name.charCodeAt(1);
  return isNameStart(c) || (c >= CH_0 && c <= CH_9);
}
const DIGITS = /^\d+$/;
const SOURCE_FILE = /\.(?:java|kt)$/;

function simpleName(cls: string): { pkg: string; simple: string; full: string } {
  const body = cls.slice(1, -1);
  const slash = body.lastIndexOf('/');
  const name = body.slice(slash + 1);
  const dollar = name.lastIndexOf('$');
  return {
    pkg: slash >= 0 ? body.slice(0, slash) : '',
    simple: dollar >= 0 ? name.slice(dollar + 1) : name,
    full: body,
  };
}

/** `pkg.split('/').every((p) => isShort(p))` without building the array. */
function everySegmentShort(pkg: string): boolean {
  let from = 0;
  for (;;) {
    const slash = pkg.indexOf('/', from);
    const end = slash < 0 ? pkg.length : slash;
    if (!isShort(pkg.slice(from, end))) return false;
    if (slash < 0) return true;
    from = slash + 1;
  }
}

export function measureNames(dexes: readonly DexFile[]): NameStats {
  const st: NameStats = {
    classes: 0,
    shortClasses: 0,
    shortPackages: 0,
    methods: 0,
    shortMethods: 0,
    fields: 0,
    shortFields: 0,
    withSourceFile: 0,
  };
  const seen = new Set<string>();
  for (const dex of dexes) {
    const { classDefs } = dex;
    const { methodIdx, fieldIdx } = dex.members;
    const { methodName, fieldName } = dex.ids;
    for (let c = 0; c < classDefs.length; c++) {
      const cd = classDefs[c];
      try {
        const cls = dex.type(cd.classIdx);
        if (seen.has(cls) || isBundledLibrary(cls) || cls.startsWith('Landroid/')) continue;
        seen.add(cls);
        const n = simpleName(cls);
        if (GENERATED.test(n.full) || DIGITS.test(n.simple)) continue; // R classes, anonymous classes
        st.classes++;
        if (isShort(n.simple)) st.shortClasses++;
        if (n.pkg === '' || everySegmentShort(n.pkg)) st.shortPackages++;
        if (cd.sourceFileIdx >= 0) {
          const src = dex.string(cd.sourceFileIdx);
          if (src !== 'SourceFile' && src !== '' && SOURCE_FILE.test(src)) st.withSourceFile++;
        }
        const methodEnd = cd.methodStart + cd.directCount + cd.virtualCount;
        for (let i = cd.methodStart; i < methodEnd; i++) {
          const name = dex.string(methodName[methodIdx[i]]);
          if (name.startsWith('<') || name.startsWith('access$') || name.startsWith('lambda$')) continue;
          st.methods++;
          if (isShort(name)) st.shortMethods++;
        }
        const fieldEnd = cd.fieldStart + cd.staticCount + cd.instanceCount;
        for (let i = cd.fieldStart; i < fieldEnd; i++) {
          const name = dex.string(fieldName[fieldIdx[i]]);
          if (name.startsWith('$') || name === 'serialVersionUID') continue;
          st.fields++;
          if (isShort(name)) st.shortFields++;
        }
      } catch (e) {
        if (!isDfslabError(e)) throw e;
      }
    }
  }
  return st;
}

export function pct(n: number, of: number): string {
  return of === 0 ? '0%' : `${Math.round((n * 100) / of)}%`;
}
