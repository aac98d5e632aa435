/**
 * Audits per minute on a real PostgreSQL with N `dfslab worker` processes: upload a set of shared
 * APKs through the API, start the workers, enqueue one audit per APK, and time until every audit
 * has finished (succeeded or failed).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { count, inArray } from 'drizzle-orm';
import { tokenHash } from '../src/lab/auth/sessions.js';
import { TOKEN_PREFIX } from '../src/lab/auth/tokens.js';
import { createLab } from '../src/lab/lab.js';
import { apiTokens, audits, orgs, users } from '../src/store/schema.js';
import { SHARED_APKS, log, sharedRows } from './common.js';
import { createBenchDb, spawnNode, type Child } from './lab-procs.js';

export type WorkersResult = {
  workers: number;
  apks: number;
  totalBytes: number;
  succeeded: number;
  failed: number;
  seconds: number;
  auditsPerMinute: number;
};

const POLL_MS = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Real apps (insecurebankv2, dvba, ostorlab: 3–10 MB each) and the first `n` droidbench APKs (small). */
export function workerApks(n: number): string[] {
  const rows = sharedRows().filter((r) => r.path.endsWith('.apk'));
  const apps = rows.filter((r) => /^(insecurebankv2|dvba|ostorlab)\//.test(r.path));
  const small = rows
    .filter((r) => r.path.startsWith('droidbench/'))
    .sort((a, b) => a.path.localeCompare(b.path))
    .slice(0, n);
  return [...apps, ...small].map((r) => join(SHARED_APKS, r.path));
}

export async function auditsPerMinute(
  admin: string,
  workers: number,
  apks: readonly string[],
): Promise<WorkersResult> {
  const db = await createBenchDb(admin);
  const dataDir = await mkdtemp(join(tmpdir(), 'dfslab-bench-work-'));
  const children: Child[] = [];
  const lab = await createLab({ store: { url: db.url }, dataDir, work: false, logError: () => undefined });
  try {
    const [org] = await lab.deps.db
      .insert(orgs)
      .values({ name: 'Bench workers', type: 'DFS provider', country: 'KE' })
      .returning({ id: orgs.id });
    const [user] = await lab.deps.db
      .insert(users)
      .values({
        orgId: org.id,
        email: 'workers@bench.example',
        name: 'W',
        passwordHash: 'x',
        role: 'analyst',
      })
      .returning({ id: users.id });
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    await lab.deps.db.insert(apiTokens).values({
      orgId: org.id,
      userId: user.id,
      name: 'bench',
      role: 'analyst',
      tokenHash: tokenHash(token),
      expiresAt: new Date(Date.now() + DAY_MS),
    });
    const auth = { authorization: `Bearer ${token}` };
    const shas: string[] = [];
    let totalBytes = 0;
    for (const path of apks) {
      const bytes = await readFile(path);
      totalBytes += bytes.length;
      const res = await lab.app.request(
        `/api/artifacts?name=${encodeURIComponent(path.split('/').pop() ?? 'a.apk')}`,
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/octet-stream' },
          body: new Uint8Array(bytes),
        },
      );
      if (res.status !== 201 && res.status !== 200)
        throw new Error(`upload ${path}: ${res.status} ${await res.text()}`);
      shas.push(((await res.json()) as { sha256: string }).sha256);
    }
    const unique = [...new Set(shas)];
    log(`  ${workers} worker(s): ${unique.length} APKs uploaded, starting workers`);
    for (let i = 0; i < workers; i++) {
      const { child } = await spawnNode(
        ['src/cli/main.ts', 'worker', '--data', dataDir, '--concurrency', '1'],
        /taking audit jobs/,
        { DATABASE_URL: db.url },
      );
      children.push(child);
    }
    const t0 = performance.now();
    for (const sha of unique) {
      const res = await lab.app.request('/api/audits', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ artifactSha256: sha }),
      });
      if (res.status !== 202) throw new Error(`audit ${sha}: ${res.status} ${await res.text()}`);
    }
    let done = 0;
    while (done < unique.length) {
      await sleep(POLL_MS);
      const [r] = await lab.deps.db
        .select({ n: count() })
        .from(audits)
        .where(inArray(audits.status, ['succeeded', 'failed']));
      done = r.n;
      if (children.some((c) => c.proc.exitCode !== null))
        throw new Error('a worker exited during the benchmark');
    }
    const seconds = (performance.now() - t0) / 1000;
    const [ok] = await lab.deps.db
      .select({ n: count() })
      .from(audits)
      .where(inArray(audits.status, ['succeeded']));
    return {
      workers,
      apks: unique.length,
      totalBytes,
      succeeded: ok.n,
      failed: unique.length - ok.n,
      seconds,
      auditsPerMinute: (unique.length / seconds) * 60,
    };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await lab.close();
    await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
