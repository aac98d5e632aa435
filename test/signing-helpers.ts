/**
 * The signing oracle: apksig's ApkVerifier (the library behind `apksigner verify`) run over many
 * APKs in ONE JVM. A tiny Java harness is compiled with javac at test time against the Debian
 * apksig jar; it prints one TSV line per APK with the facts `apksigner verify -v --print-certs`
 * reports (per-scheme verdicts, signer certificate SHA-256 digests, errors).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const APKSIG_JARS = [
  '/usr/share/java/apksig.jar',
  '/usr/lib/android-sdk/build-tools/debian/apksigner.jar',
];

export type OracleRow = {
  path: string;
  /** minSdk apksig used ('?' when the manifest could not be read: then 1). */
  minSdk: number | undefined;
  targetSdk: number | undefined;
  sandbox: number | undefined;
  /** 'EXCEPTION' when apksig threw (message in `exception`). */
  kind: 'RESULT' | 'EXCEPTION';
  exception?: string;
  verified: boolean;
  v1: boolean;
  v2: boolean;
  v3: boolean;
  signerSha256: string[];
  v1Signers: string[];
  v2Signers: string[];
  v3Signers: string[];
  errors: string;
};

const JAVA = String.raw`import com.android.apksig.ApkVerifier;
import com.android.apksig.apk.ApkUtils;
import com.android.apksig.util.DataSource;
import com.android.apksig.util.DataSources;
import java.io.*;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.*;

public class ApkVerifyBatch {
  static String hex(byte[] b) { StringBuilder s = new StringBuilder(); for (byte x : b) s.append(String.format("%02x", x)); return s.toString(); }
  static String sha(X509Certificate c) throws Exception { return hex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())); }
  static String clean(Object o) { return String.valueOf(o).replace('\t', ' ').replace('\n', ' '); }
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, "UTF-8");
    String path;
    while ((path = in.readLine()) != null) {
      if (path.isEmpty()) continue;
      String[] parts = path.split("\t");
      path = parts[0];
      Integer forcedMin = parts.length > 1 ? Integer.valueOf(parts[1]) : null;
      Integer forcedMax = parts.length > 2 ? Integer.valueOf(parts[2]) : null;
      StringBuilder line = new StringBuilder(path);
      try (RandomAccessFile f = new RandomAccessFile(path, "r")) {
        DataSource ds = DataSources.asDataSource(f, 0, f.length());
        String minSdk = "?", targetSdk = "?", sandbox = "?";
        try {
          ByteBuffer m = ApkUtils.getAndroidManifest(ds);
          try { minSdk = String.valueOf(ApkUtils.getMinSdkVersionFromBinaryAndroidManifest(m.slice())); } catch (Exception e) {}
          try { targetSdk = String.valueOf(ApkUtils.getTargetSdkVersionFromBinaryAndroidManifest(m.slice())); } catch (Exception e) {}
          try { sandbox = String.valueOf(ApkUtils.getTargetSandboxVersionFromBinaryAndroidManifest(m.slice())); } catch (Exception e) {}
        } catch (Exception e) {}
        ApkVerifier.Builder b = new ApkVerifier.Builder(ds);
        if (forcedMin != null) minSdk = String.valueOf(forcedMin);
        b.setMinCheckedPlatformVersion(minSdk.equals("?") ? 1 : Integer.parseInt(minSdk));
        if (forcedMax != null) b.setMaxCheckedPlatformVersion(forcedMax);
        line.append('\t').append(minSdk).append('\t').append(targetSdk).append('\t').append(sandbox);
        try {
          ApkVerifier.Result r = b.build().verify();
          line.append("\tRESULT\t").append(r.isVerified()).append('\t').append(r.isVerifiedUsingV1Scheme())
              .append('\t').append(r.isVerifiedUsingV2Scheme()).append('\t').append(r.isVerifiedUsingV3Scheme());
          List<String> certs = new ArrayList<>();
          for (X509Certificate c : r.getSignerCertificates()) certs.add(sha(c));
          line.append('\t').append(String.join(",", certs));
          List<String> v1 = new ArrayList<>(), v2 = new ArrayList<>(), v3 = new ArrayList<>();
          for (ApkVerifier.Result.V1SchemeSignerInfo s : r.getV1SchemeSigners()) v1.add(s.getCertificate() == null ? "-" : sha(s.getCertificate()));
          for (ApkVerifier.Result.V2SchemeSignerInfo s : r.getV2SchemeSigners()) v2.add(s.getCertificate() == null ? "-" : sha(s.getCertificate()));
          for (ApkVerifier.Result.V3SchemeSignerInfo s : r.getV3SchemeSigners()) v3.add(s.getCertificate() == null ? "-" : sha(s.getCertificate()));
          line.append('\t').append(String.join(",", v1)).append('\t').append(String.join(",", v2)).append('\t').append(String.join(",", v3));
          List<String> errs = new ArrayList<>();
          for (ApkVerifier.IssueWithParams e : r.getAllErrors()) errs.add(e.getIssue() + ": " + clean(e));
          line.append('\t').append(String.join(" | ", errs));
          List<String> warns = new ArrayList<>();
          for (ApkVerifier.IssueWithParams e : r.getWarnings()) warns.add(e.getIssue() + ": " + clean(e));
          for (ApkVerifier.Result.V1SchemeSignerInfo s : r.getV1SchemeSigners()) for (ApkVerifier.IssueWithParams e : s.getWarnings()) warns.add(e.getIssue() + ": " + clean(e));
          line.append('\t').append(String.join(" | ", warns));
        } catch (Exception e) {
          line.append("\tEXCEPTION\t").append(clean(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
      } catch (Exception e) {
        line.append("\t?\t?\t?\tEXCEPTION\t").append(clean(e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
      out.println(line);
    }
    out.flush();
  }
}
`;

export function apksigJar(): string | undefined {
  return APKSIG_JARS.find((p) => existsSync(p));
}

function num(s: string | undefined): number | undefined {
  return s === undefined || s === '?' ? undefined : Number(s);
}

function list(s: string | undefined): string[] {
  return s ? s.split(',').filter(Boolean) : [];
}

/** Runs apksig over `requests` (path, optional forced min/max SDK) and returns one row per request. */
export function runApksigOracle(requests: { path: string; minSdk?: number; maxSdk?: number }[]): OracleRow[] {
  const jar = apksigJar();
  if (!jar) throw new Error('apksig.jar not found (apt-get install apksigner)');
  const dir = mkdtempSync(join(tmpdir(), 'dfslab-apksig-'));
  writeFileSync(join(dir, 'ApkVerifyBatch.java'), JAVA);
  const javac = spawnSync('javac', ['-nowarn', '-cp', jar, '-d', dir, join(dir, 'ApkVerifyBatch.java')], {
    encoding: 'utf8',
  });
  if (javac.status !== 0) throw new Error(`javac failed: ${javac.stderr}`);
  const input = requests
    .map((r) =>
      [
        r.path,
        ...(r.minSdk !== undefined ? [String(r.minSdk)] : []),
        ...(r.maxSdk !== undefined ? [String(r.maxSdk)] : []),
      ].join('\t'),
    )
    .join('\n');
  const run = spawnSync('java', ['-cp', `${jar}:${dir}`, 'ApkVerifyBatch'], {
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`apksig harness failed: ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const c = line.split('\t');
      const kind = c[4] === 'RESULT' ? 'RESULT' : 'EXCEPTION';
      return {
        path: c[0],
        minSdk: num(c[1]),
        targetSdk: num(c[2]),
        sandbox: num(c[3]),
        kind,
        exception: kind === 'EXCEPTION' ? c[5] : undefined,
        verified: c[5] === 'true',
        v1: c[6] === 'true',
        v2: c[7] === 'true',
        v3: c[8] === 'true',
        signerSha256: list(c[9]),
        v1Signers: list(c[10]),
        v2Signers: list(c[11]),
        v3Signers: list(c[12]),
        errors: c[13] ?? '',
      };
    });
}
