/** A JAR signature block (.RSA/.DSA/.EC) against its .SF file (apksig's Signer.verifySigBlockAgainstSigFile). */
import { parseCertificate } from '../certs.js';
import type { ParsedCertificate } from '../certs.js';
import { SDK } from '../constants.js';
import { Pkcs7Error, parseSignedData, verifySignerInfo } from './pkcs7.js';
import type { JarSigner } from './sigfile.js';
import type { EntryReader, V1Context } from './verify.js';

export function verifySigBlock(s: JarSigner, reader: EntryReader, ctx: V1Context): void {
  const blockName = s.blockEntry.name;
  const err = (code: string, message: string): void => {
    s.info.errors.push({ code, message });
  };
  const block = reader.read(s.blockEntry);
  if (typeof block === 'string') return err('JAR_SIG_MALFORMED_ZIP_ENTRY', block);
  const sf = reader.read(s.sfEntry);
  if (typeof sf === 'string') return err('JAR_SIG_MALFORMED_ZIP_ENTRY', sf);
  s.sfBytes = sf;
  try {
    const { signedData, certificateDers, signedAttrsRaw } = parseSignedData(block);
    const infos = [...signedData.signerInfos];
    if (infos.length === 0)
      return err('JAR_SIG_NO_SIGNERS', `JAR signature ${blockName} contains no signers`);
    const toTry = ctx.minSdk < SDK.N ? infos.slice(0, 1) : infos;
    if (certificateDers.length > ctx.limits.maxCerts)
      return err('JAR_SIG_PARSE_EXCEPTION', `More than ${ctx.limits.maxCerts} certificates in ${blockName}`);
    const certs: ParsedCertificate[] = [];
    for (const der of certificateDers) {
      const c = parseCertificate(der);
      if ('error' in c)
        return err('JAR_SIG_PARSE_EXCEPTION', `Failed to parse JAR signature ${blockName}: ${c.error}`);
      certs.push(c);
    }
    let signing: ParsedCertificate | undefined;
    const sctx = {
      minSdk: ctx.minSdk,
      maxSdk: ctx.maxSdk,
      blockName,
      encapContentType: signedData.encapContentInfo.eContentType,
    };
    for (let i = 0; i < toTry.length; i++) {
      const outcome = verifySignerInfo(toTry[i], signedAttrsRaw[i], certs, sf, sctx);
      if (outcome === null) continue;
      if ('code' in outcome) return err(outcome.code, outcome.message);
      signing ??= outcome;
    }
    if (!signing)
      return err(
        'JAR_SIG_DID_NOT_VERIFY',
        `JAR signature ${blockName} did not verify against ${s.sfEntry.name}`,
      );
    s.info.certificates = chainOf(certs, signing);
  } catch (e) {
    if (e instanceof Pkcs7Error)
      return err('JAR_SIG_PARSE_EXCEPTION', `Failed to parse JAR signature ${blockName}: ${e.message}`);
    throw e;
  }
}

/** The signing certificate then its issuers found in the bag, by subject/issuer name. */
function chainOf(certs: ParsedCertificate[], leaf: ParsedCertificate): ParsedCertificate['info'][] {
  const unused = certs.filter((c) => c !== leaf);
  const out = [leaf.info];
  let root = leaf;
  while (root.info.subject !== root.info.issuer) {
    const i = unused.findIndex((c) => c.info.subject === root.info.issuer);
    if (i < 0) break;
    root = unused[i];
    unused.splice(i, 1);
    out.push(root.info);
  }
  return out;
}
