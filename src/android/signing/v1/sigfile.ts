/** The .SF file against MANIFEST.MF (apksig's Signer.verifySigFileAgainstManifest and getDigestsToVerify). */
import { createHash } from 'node:crypto';
import type { ZipEntry } from '../../zip/types.js';
import { SDK } from '../constants.js';
import type { SchemeSigner } from '../types.js';
import { ManifestParser, attr } from './manifest.js';
import type { ManifestSection } from './manifest.js';

export type JarSigner = {
  info: SchemeSigner;
  blockEntry: ZipEntry;
  sfEntry: ZipEntry;
  sfBytes: Uint8Array;
  ignored: boolean;
  /** Entry names listed in the .SF file (set once the .SF verified against the manifest). */
  entryNames?: Set<string>;
};

export type NamedDigest = { name: string; node: string; digest: Buffer };

const CANONICAL: Record<string, string> = {
  MD5: 'MD5',
  SHA: 'SHA-1',
  SHA1: 'SHA-1',
  'SHA-1': 'SHA-1',
  'SHA-256': 'SHA-256',
  'SHA-384': 'SHA-384',
  'SHA-512': 'SHA-512',
};
const NODE: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};
const MIN_SDK: Record<string, number> = { MD5: 0, 'SHA-1': 0, 'SHA-256': 0, 'SHA-384': 9, 'SHA-512': 9 };
const JB_MR2_ALGS = ['SHA-512', 'SHA-384', 'SHA-256', 'SHA-1'];
const MAX_SF_SECTIONS = 1_000_000;

function b64(s: string): Buffer {
  return Buffer.from(s.trim(), 'base64');
}

/** The digests Android checks for a section, for platforms [minSdk, maxSdk]. */
export function digestsToVerify(
  section: ManifestSection,
  suffix: string,
  minSdk: number,
  maxSdk: number,
): NamedDigest[] {
  const out: NamedDigest[] = [];
  if (minSdk < SDK.JELLY_BEAN_MR2) {
    const algs = (attr(section, 'Digest-Algorithms') ?? 'SHA SHA1').split(/\s+/).filter(Boolean);
    for (const alg of algs) {
      const v = attr(section, alg + suffix);
      if (v === undefined) continue;
      const canonical = CANONICAL[alg.toUpperCase()];
      if (!canonical || MIN_SDK[canonical] > minSdk) continue;
      out.push({ name: canonical, node: NODE[canonical], digest: b64(v) });
      break;
    }
    if (out.length === 0) return out;
  }
  if (maxSdk >= SDK.JELLY_BEAN_MR2) {
    for (const alg of JB_MR2_ALGS) {
      const v = attr(section, (alg === 'SHA-1' ? 'SHA1' : alg) + suffix);
      if (v === undefined) continue;
      const digest = b64(v);
      const prior = out.find((d) => d.name === alg);
      if (!prior || !prior.digest.equals(digest)) out.push({ name: alg, node: NODE[alg], digest });
      break;
    }
  }
  return out;
}

export type SigFileContext = {
  minSdk: number;
  maxSdk: number;
  supportedSchemeIds: Set<number>;
  foundSchemeIds: Set<number>;
  schemeNames: Record<number, string>;
};

export function verifySigFile(
  s: JarSigner,
  manifest: Uint8Array,
  main: ManifestSection,
  sections: Map<string, ManifestSection>,
  ctx: SigFileContext,
): void {
  const sfName = s.sfEntry.name;
  const err = (code: string, message: string): void => {
    s.info.errors.push({ code, message });
  };
  const sf = new ManifestParser(s.sfBytes);
  const sfMain = sf.readSection() ?? { start: 0, size: 0, attrs: [] };
  if (attr(sfMain, 'Signature-Version') === undefined) {
    err('JAR_SIG_MISSING_VERSION_ATTR_IN_SIG_FILE', `Missing Signature-Version attribute in ${sfName}`);
    s.ignored = true;
    return;
  }
  if (ctx.maxSdk >= SDK.N) {
    checkStripping(s, sfMain, ctx);
    if (s.info.errors.length > 0) return;
  }
  const signtool = (attr(sfMain, 'Created-By') ?? '').includes('signtool');
  const wholeOk = verifyWholeManifest(s, sfMain, signtool, manifest, ctx);
  if (!signtool) {
    for (const d of digestsToVerify(sfMain, '-Digest-Manifest-Main-Attributes', ctx.minSdk, ctx.maxSdk)) {
      const actual = createHash(d.node)
        .update(manifest.subarray(main.start, main.start + main.size))
        .digest();
      if (!actual.equals(d.digest)) {
        err(
          'JAR_SIG_MANIFEST_MAIN_SECTION_DIGEST_DID_NOT_VERIFY',
          `${d.name} digest of META-INF/MANIFEST.MF main section does not match the digest specified in ${sfName}. Expected: <${d.digest.toString('base64')}>, actual: <${actual.toString('base64')}>`,
        );
      }
    }
  }
  if (s.info.errors.length > 0) return;
  const names = new Set<string>();
  let n = 0;
  for (const section of sf.readAllSections(MAX_SF_SECTIONS)) {
    n++;
    const name = attr(section, 'Name');
    if (name === undefined) {
      err(
        'JAR_SIG_UNNNAMED_SIG_FILE_SECTION',
        `Malformed ${sfName}: invidual section #${n} does not have a name`,
      );
      s.ignored = true;
      return;
    }
    if (names.has(name)) {
      err('JAR_SIG_DUPLICATE_SIG_FILE_SECTION', `${sfName} contains multiple sections for ${name}`);
      s.ignored = true;
      return;
    }
    names.add(name);
    if (wholeOk) continue;
    const ms = sections.get(name);
    if (!ms) {
      err('JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_SIG_FILE', `No digest for ${name} in ${sfName}`);
      s.ignored = true;
      continue;
    }
    verifySection(s, section, signtool, ms, manifest, ctx);
  }
  s.entryNames = names;
}

function verifyWholeManifest(
  s: JarSigner,
  sfMain: ManifestSection,
  signtool: boolean,
  manifest: Uint8Array,
  ctx: SigFileContext,
): boolean {
  const expected = digestsToVerify(sfMain, signtool ? '-Digest' : '-Digest-Manifest', ctx.minSdk, ctx.maxSdk);
  if (expected.length === 0) {
    s.info.warnings.push({
      code: 'JAR_SIG_NO_MANIFEST_DIGEST_IN_SIG_FILE',
      message: `${s.sfEntry.name} does not specify digest of META-INF/MANIFEST.MF`,
    });
    return false;
  }
  let ok = true;
  for (const d of expected) {
    const actual = createHash(d.node).update(manifest).digest();
    if (!actual.equals(d.digest)) {
      s.info.warnings.push({
        code: 'JAR_SIG_ZIP_ENTRY_DIGEST_DID_NOT_VERIFY',
        message: `${d.name} digest of META-INF/MANIFEST.MF does not match the digest specified in ${s.sfEntry.name}`,
      });
      ok = false;
    }
  }
  return ok;
}

function verifySection(
  s: JarSigner,
  sfSection: ManifestSection,
  signtool: boolean,
  ms: ManifestSection,
  manifest: Uint8Array,
  ctx: SigFileContext,
): void {
  const name = attr(sfSection, 'Name') ?? '';
  const expected = digestsToVerify(sfSection, '-Digest', ctx.minSdk, ctx.maxSdk);
  if (expected.length === 0) {
    s.info.errors.push({
      code: 'JAR_SIG_NO_ZIP_ENTRY_DIGEST_IN_SIG_FILE',
      message: `No digest for ${name} in ${s.sfEntry.name}`,
    });
    return;
  }
  let size = ms.size;
  const end = ms.start + size;
  if (signtool && end >= 2 && manifest[end - 1] === 0x0a && manifest[end - 2] === 0x0a) size--;
  for (const d of expected) {
    const actual = createHash(d.node)
      .update(manifest.subarray(ms.start, ms.start + size))
      .digest();
    if (!actual.equals(d.digest)) {
      s.info.errors.push({
        code: 'JAR_SIG_MANIFEST_SECTION_DIGEST_DID_NOT_VERIFY',
        message: `${d.name} digest of META-INF/MANIFEST.MF section for ${name} does not match the digest specified in ${s.sfEntry.name}. Expected: <${d.digest.toString('base64')}>, actual: <${actual.toString('base64')}>`,
      });
    }
  }
}

/** X-Android-APK-Signed names the v2+ schemes used; one the range supports but that is missing means stripping. */
function checkStripping(s: JarSigner, sfMain: ManifestSection, ctx: SigFileContext): void {
  const value = attr(sfMain, 'X-Android-APK-Signed');
  if (value === undefined) {
    if (ctx.foundSchemeIds.size > 0) {
      s.info.warnings.push({
        code: 'JAR_SIG_NO_APK_SIG_STRIP_PROTECTION',
        message: `JAR signature ${s.sfEntry.name} does not protect against APK Signature Scheme v2 signature stripping`,
      });
    }
    return;
  }
  if (ctx.supportedSchemeIds.size === 0) return;
  const expected = new Set<number>();
  for (const tok of value.split(',')) {
    const t = tok.trim();
    if (!/^[+-]?\d+$/.test(t)) continue;
    const id = Number(t);
    if (ctx.supportedSchemeIds.has(id)) expected.add(id);
    else
      s.info.warnings.push({
        code: 'JAR_SIG_UNKNOWN_APK_SIG_SCHEME_ID',
        message: `JAR signature ${s.sfEntry.name} references unknown APK signature scheme ID: ${id}`,
      });
  }
  for (const id of expected) {
    if (!ctx.foundSchemeIds.has(id)) {
      s.info.errors.push({
        code: 'JAR_SIG_MISSING_APK_SIG_REFERENCED',
        message: `JAR signature ${s.sfEntry.name} indicates the APK is signed using ${ctx.schemeNames[id] ?? `scheme ${id}`} but no such signature was found. Signature stripped?`,
      });
    }
  }
}
