/**
 * A realistic lab dataset for the read benchmark: a few organisations, hundreds of finished audits
 * whose stored report is a real dfslab report (the demo wallet's, ~190 KB of JSON), and thousands
 * of findings; plus an API token and a cookie session for one admin to read with.
 */
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Report } from '../src/core/report/index.js';
import type { JsonValue } from '../src/core/report/types.js';
import { hashPassword } from '../src/lab/auth/passwords.js';
import { createSession, tokenHash } from '../src/lab/auth/sessions.js';
import { TOKEN_PREFIX } from '../src/lab/auth/tokens.js';
import type { Db } from '../src/store/open.js';
import { apiTokens, artifactOwners, artifacts, audits, findings, orgs, users } from '../src/store/schema.js';
import { ROOT } from './common.js';

export type SeedSpec = { orgs: number; auditsPerOrg: number; findingsPerAudit: number };
export const DEFAULT_SEED: SeedSpec = { orgs: 3, auditsPerOrg: 150, findingsPerAudit: 25 };

export type Seeded = {
  /** Authorization: Bearer … for the reading admin. */
  token: string;
  /** Cookie header value (`dfslab_session=…`) for the same admin. */
  cookie: string;
  /** An audit of the admin's organisation whose findings are read. */
  auditId: string;
  audits: number;
  findings: number;
  reportBytes: number;
};

const INSERT_BATCH = 50;
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const TOKEN_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/** The demo wallet's real report (dfslab audit --format json), computed once per process. */
let demoReport: Report | undefined;
export function realReport(): Report {
  demoReport ??= JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'src/cli/main.ts'),
        'audit',
        join(ROOT, 'samples/demo-wallet.apk'),
        '--format',
        'json',
      ],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
    ).toString('utf8'),
  ) as Report;
  return demoReport;
}

function fakeSha(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

export async function seedLab(db: Db, spec: SeedSpec = DEFAULT_SEED, now = new Date()): Promise<Seeded> {
  const report = realReport();
  const reportBytes = Buffer.byteLength(JSON.stringify(report));
  const passwordHash = await hashPassword(randomBytes(12).toString('hex'));
  let first: { orgId: string; userId: string; auditId: string } | undefined;
  let nFindings = 0;
  for (let o = 0; o < spec.orgs; o++) {
    const [org] = await db
      .insert(orgs)
      .values({ name: `Bench wallet ${o}`, type: 'DFS provider', country: 'KE' })
      .returning({ id: orgs.id });
    const [user] = await db
      .insert(users)
      .values({
        orgId: org.id,
        email: `admin${o}@bench.example`,
        name: `Admin ${o}`,
        passwordHash,
        role: 'admin',
      })
      .returning({ id: users.id });
    for (let start = 0; start < spec.auditsPerOrg; start += INSERT_BATCH) {
      const n = Math.min(INSERT_BATCH, spec.auditsPerOrg - start);
      const shas = Array.from({ length: n }, (_, i) => fakeSha(`${o}/${start + i}`));
      await db
        .insert(artifacts)
        .values(shas.map((sha256) => ({ sha256, size: 16929, storedPath: join(sha256.slice(0, 2), sha256) })))
        .onConflictDoNothing();
      await db.insert(artifactOwners).values(
        shas.map((sha256, i) => ({
          orgId: org.id,
          sha256,
          fileName: `app-${start + i}.apk`,
          uploadedBy: user.id,
        })),
      );
      const rows = await db
        .insert(audits)
        .values(
          shas.map((sha256, i) => ({
            orgId: org.id,
            artifactSha256: sha256,
            status: 'succeeded' as const,
            report: {
              ...report,
              target: { ...report.target, versionCode: start + i, versionName: `1.${start + i}` },
            } as unknown as JsonValue,
            summary: { total: spec.findingsPerAudit, suppressed: 0, bySeverity: report.summary.bySeverity },
            createdBy: user.id,
            createdAt: new Date(now.getTime() - (spec.auditsPerOrg - start - i) * 60_000),
            finishedAt: now,
          })),
        )
        .returning({ id: audits.id });
      const fs = rows.flatMap((a) =>
        Array.from({ length: spec.findingsPerAudit }, (_, ordinal) => {
          const f = report.findings[ordinal % report.findings.length];
          return {
            auditId: a.id,
            orgId: org.id,
            ordinal,
            checkId: f.checkId,
            fingerprint: `${f.fingerprint}:${ordinal}`,
            severity: f.severity,
            title: f.title,
            message: f.message,
          };
        }),
      );
      for (let k = 0; k < fs.length; k += INSERT_BATCH * 10)
        await db.insert(findings).values(fs.slice(k, k + INSERT_BATCH * 10));
      nFindings += fs.length;
      if (!first) first = { orgId: org.id, userId: user.id, auditId: rows[0].id };
    }
  }
  if (!first) throw new Error('seedLab: nothing seeded');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  await db.insert(apiTokens).values({
    orgId: first.orgId,
    userId: first.userId,
    name: 'bench',
    role: 'admin',
    tokenHash: tokenHash(token),
    expiresAt: new Date(now.getTime() + TOKEN_TTL_MS),
  });
  const session = await createSession(db, first.userId, now, SESSION_TTL_MS);
  return {
    token,
    cookie: `dfslab_session=${session.token}`,
    auditId: first.auditId,
    audits: spec.orgs * spec.auditsPerOrg,
    findings: nFindings,
    reportBytes,
  };
}
