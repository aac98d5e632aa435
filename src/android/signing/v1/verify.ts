import { createHash } from 'node:crypto';
import { isDfslabError } from '../../../core/errors.js';
import type { SigningLimits } from '../../../core/limits.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import { createInflateBudget, inflateEntry } from '../../zip/inflate.js';
import type { ZipArchive, ZipEntry } from '../../zip/types.js';
import { SCHEME_VERSION } from '../constants.js';
import { emptyScheme } from '../scheme.js';
import type { SchemeResult, SchemeSigner } from '../types.js';
import { ManifestParser, attr } from './manifest.js';
import type { ManifestSection } from './manifest.js';
import { digestsToVerify, verifySigFile } from './sigfile.js';
import type { JarSigner } from './sigfile.js';
import { verifySigBlock } from './sigblock.js';

export type V1Context = {
  minSdk: number;
  maxSdk: number;
  limits: SigningLimits;
  supportedSchemeIds: Set<number>;
  foundSchemeIds: Set<number>;
  /** Supplies an entry's uncompressed bytes (e.g. from a cache that already inflated it). */
  readEntry?: (e: ZipEntry) => Uint8Array;
};

const META = 'META-INF/';
const MANIFEST = 'META-INF/MANIFEST.MF';
const SCHEME_NAMES: Record<number, string> = {
  [SCHEME_VERSION.v2]: 'APK Signature Scheme v2',
  [SCHEME_VERSION.v3]: 'APK Signature Scheme v3',
};
const MAX_MANIFEST_SECTIONS = 1_000_000;

export class EntryReader {
  private readonly budget = createInflateBudget(DEFAULT_LIMITS.zip);
  constructor(
    private readonly bytes: Uint8Array,
    private readonly readEntry?: (e: ZipEntry) => Uint8Array,
  ) {}
  read(e: ZipEntry): Uint8Array | string {
    try {
      if (this.readEntry && (e.method === 0 || e.method === 8)) return this.readEntry(e);
      // apksig inflates every method other than STORED (0) as DEFLATE.
      const entry = e.method === 0 || e.method === 8 ? e : { ...e, method: 8 };
      return inflateEntry(this.bytes, entry, DEFAULT_LIMITS.zip, this.budget);
    } catch (err) {
      if (isDfslabError(err)) return `Malformed ZIP entry: ${e.name}: ${err.message}`;
      throw err;
    }
  }
}

/** apksig's V1SchemeVerifier.verify: JAR signing as Android checks it for [minSdk, maxSdk]. */
export function verifyV1(bytes: Uint8Array, zip: ZipArchive, ctx: V1Context): SchemeResult {
  const r = emptyScheme('v1');
  r.checked = true;
  const fail = (code: string, message: string): SchemeResult => {
    r.errors.push({ code, message });
    return r;
  };
  const names = new Set<string>();
  const dups = new Set<string>();
  for (const e of zip.entries) {
    if (names.has(e.name) && !dups.has(e.name)) {
      dups.add(e.name);
      r.errors.push({ code: 'JAR_SIG_DUPLICATE_ZIP_ENTRY', message: `Duplicate entry: ${e.name}` });
    }
    names.add(e.name);
  }
  let manifestEntry: ZipEntry | undefined;
  const sfEntries = new Map<string, ZipEntry>();
  const blockEntries: ZipEntry[] = [];
  for (const e of zip.entries) {
    if (!e.name.startsWith(META)) continue;
    if (!manifestEntry && e.name === MANIFEST) manifestEntry = e;
    else if (e.name.endsWith('.SF')) sfEntries.set(e.name, e);
    else if (e.name.endsWith('.RSA') || e.name.endsWith('.DSA') || e.name.endsWith('.EC'))
      blockEntries.push(e);
  }
  r.present = blockEntries.some((e) => sfEntries.has(`${e.name.slice(0, e.name.lastIndexOf('.'))}.SF`));
  if (r.errors.length > 0) return r;
  if (!manifestEntry) return fail('JAR_SIG_NO_MANIFEST', 'Missing META-INF/MANIFEST.MF');
  const reader = new EntryReader(bytes, ctx.readEntry);
  const manifestBytes = reader.read(manifestEntry);
  if (typeof manifestBytes === 'string') return fail('JAR_SIG_MALFORMED_ZIP_ENTRY', manifestBytes);
  const parser = new ManifestParser(manifestBytes);
  const mainSection = parser.readSection() ?? { start: 0, size: 0, attrs: [] };
  const sections = new Map<string, ManifestSection>();
  let n = 0;
  for (const s of parser.readAllSections(MAX_MANIFEST_SECTIONS)) {
    n++;
    const name = attr(s, 'Name');
    if (name === undefined)
      r.errors.push({
        code: 'JAR_SIG_UNNNAMED_MANIFEST_SECTION',
        message: `Malformed manifest: section #${n} has no Name attribute`,
      });
    else if (sections.has(name))
      r.errors.push({
        code: 'JAR_SIG_DUPLICATE_MANIFEST_SECTION',
        message: `Manifest contains multiple sections for ${name}`,
      });
    else {
      sections.set(name, s);
      if (!names.has(name))
        r.errors.push({
          code: 'JAR_SIG_MISSING_ZIP_ENTRY_REFERENCED_IN_MANIFEST',
          message: `${name} entry referenced by META-INF/MANIFEST.MF not found in the APK`,
        });
    }
  }
  if (r.errors.length > 0) return r;

  let signers: JarSigner[] = [];
  for (const e of blockEntries) {
    const sfName = `${e.name.slice(0, e.name.lastIndexOf('.'))}.SF`;
    const sf = sfEntries.get(sfName);
    if (!sf) {
      r.warnings.push({
        code: 'JAR_SIG_MISSING_FILE',
        message: `JAR signature file ${sfName} not found for ${e.name}`,
      });
      continue;
    }
    const info: SchemeSigner = {
      index: signers.length,
      name: e.name.slice(META.length),
      certificates: [],
      signatureAlgorithmIds: [],
      errors: [],
      warnings: [],
    };
    signers.push({ info, blockEntry: e, sfEntry: sf, sfBytes: new Uint8Array(0), ignored: false });
  }
  if (signers.length === 0) return fail('JAR_SIG_NO_SIGNATURES', 'No JAR signatures');
  if (signers.length > Math.min(ctx.limits.maxSigners, 10)) {
    return fail(
      'JAR_SIG_MAX_SIGNATURES_EXCEEDED',
      `APK Signature Scheme v1 only supports a maximum of 10 signers, found ${signers.length}`,
    );
  }
  for (const s of signers) {
    verifySigBlock(s, reader, ctx);
    if (s.info.errors.length > 0) r.signers.push(s.info);
  }
  if (r.signers.length > 0) return r;

  const remaining: JarSigner[] = [];
  for (const s of signers) {
    verifySigFile(s, manifestBytes, mainSection, sections, { ...ctx, schemeNames: SCHEME_NAMES });
    if (s.ignored) r.ignoredSigners.push(s.info);
    else if (s.info.errors.length > 0) r.signers.push(s.info);
    else remaining.push(s);
  }
  if (r.signers.length > 0) return r;
  signers = remaining;
  if (signers.length === 0) return fail('JAR_SIG_NO_SIGNATURES', 'No JAR signatures');

  const apkSigners = verifyEntries(zip, reader, sections, signers, ctx, r);
  if (r.errors.length > 0) return r;
  const covered = new Set([MANIFEST]);
  for (const s of apkSigners) covered.add(s.blockEntry.name).add(s.sfEntry.name);
  for (const e of zip.entries) {
    if (e.name.startsWith(META) && !e.name.endsWith('/') && !covered.has(e.name)) {
      r.warnings.push({
        code: 'JAR_SIG_UNPROTECTED_ZIP_ENTRY',
        message: `${e.name} not protected by signature. Unauthorized modifications to this JAR entry will not be detected. Delete or move the entry outside of META-INF/.`,
      });
    }
  }
  for (const s of signers) (apkSigners.has(s) ? r.signers : r.ignoredSigners).push(s.info);
  r.verified = true;
  return r;
}

/** Every entry outside META-INF/ must have a manifest section, signed by the same .SF set, whose digest matches. */
function verifyEntries(
  zip: ZipArchive,
  reader: EntryReader,
  sections: Map<string, ManifestSection>,
  signers: JarSigner[],
  ctx: V1Context,
  r: SchemeResult,
): Set<JarSigner> {
  const sorted = [...zip.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  let first: JarSigner[] | undefined;
  let firstName = '';
  for (const e of sorted) {
    if (e.name.startsWith(META) || e.name.endsWith('/')) continue;
    const section = sections.get(e.name);
    if (!section) {
      r.errors.push({
        code: 'JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_MANIFEST',
        message: `No JAR entry digest in META-INF/MANIFEST.MF for ${e.name}`,
      });
      continue;
    }
    const entrySigners = signers.filter((s) => s.entryNames?.has(e.name));
    if (entrySigners.length === 0) {
      r.errors.push({ code: 'JAR_SIG_ZIP_ENTRY_NOT_SIGNED', message: `${e.name} entry not signed` });
      continue;
    }
    if (!first) {
      first = entrySigners;
      firstName = e.name;
    } else if (entrySigners.length !== first.length || entrySigners.some((s, i) => s !== first?.[i])) {
      r.errors.push({
        code: 'JAR_SIG_ZIP_ENTRY_SIGNERS_MISMATCH',
        message: `Entries ${firstName} and ${e.name} are signed with different sets of signers: <${first.map((s) => s.info.name).join(', ')}> vs <${entrySigners.map((s) => s.info.name).join(', ')}>`,
      });
      continue;
    }
    const expected = digestsToVerify(section, '-Digest', ctx.minSdk, ctx.maxSdk);
    if (expected.length === 0) {
      r.errors.push({
        code: 'JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_MANIFEST',
        message: `No JAR entry digest in META-INF/MANIFEST.MF for ${e.name}`,
      });
      continue;
    }
    const data = reader.read(e);
    if (typeof data === 'string') {
      r.errors.push({ code: 'JAR_SIG_MALFORMED_ZIP_ENTRY', message: data });
      continue;
    }
    for (const d of expected) {
      const actual = createHash(d.node).update(data).digest();
      if (!actual.equals(d.digest)) {
        r.errors.push({
          code: 'JAR_SIG_ZIP_ENTRY_DIGEST_DID_NOT_VERIFY',
          message: `${d.name} digest of ${e.name} does not match the digest specified in META-INF/MANIFEST.MF. Expected: <${d.digest.toString('base64')}>, actual: <${actual.toString('base64')}>`,
        });
      }
    }
  }
  if (!first) {
    r.errors.push({
      code: 'JAR_SIG_NO_SIGNED_ZIP_ENTRIES',
      message: 'No JAR entries covered by JAR signatures',
    });
    return new Set();
  }
  return new Set(first);
}
