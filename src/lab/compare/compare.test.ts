import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { artifactOwners, artifacts, audits, findings } from '../../store/schema.js';
import {
  addOrg,
  addUser,
  call,
  signIn,
  testLab,
  type Client,
  type TestLab,
} from '../../../test/lab-helpers.js';
import { diffFindings } from './compare-audits.js';
import { auditItem, listAuditsJson } from './list-audits.js';
import type { AuditListItemT } from './schemas.js';
import type { ComparedFindingT } from './schemas.js';

const DEMO = join(import.meta.dirname, '../../../samples/demo-wallet.apk');

const f = (fingerprint: string, checkId = 'AND-X-001'): ComparedFindingT => ({
  fingerprint,
  checkId,
  severity: 'high',
  title: checkId,
  message: fingerprint,
  triage: 'open',
});

describe('diffFindings', () => {
  it('splits by fingerprint and matches duplicates one to one', () => {
    const d = diffFindings([f('a'), f('b'), f('b'), f('c')], [f('b'), f('c'), f('d'), f('c')]);
    assert.deepEqual(
      d.new.map((x) => x.fingerprint),
      ['d', 'c'],
    );
    assert.deepEqual(
      d.fixed.map((x) => x.fingerprint),
      ['a', 'b'],
    );
    assert.deepEqual(
      d.unchanged.map((x) => x.fingerprint),
      ['b', 'c'],
    );
  });
});

type Item = { id: string; package: string | null; versionName: string | null; status: string };
type Cmp = { new: ComparedFindingT[]; fixed: ComparedFindingT[]; unchanged: ComparedFindingT[] };

describe('GET /api/audits and /api/audits/{id}/compare', () => {
  let lab: TestLab;
  let ana: Client;
  let bob: Client;
  before(async () => {
    lab = await testLab({ jobs: 'in-process' });
    const a = await addOrg(lab, 'Wallet A');
    const b = await addOrg(lab, 'Other B');
    await addUser(lab, a, 'ana@a.example', 'pw-ana', 'analyst');
    await addUser(lab, b, 'bob@b.example', 'pw-bob', 'admin');
    [ana, bob] = await Promise.all([
      signIn(lab, 'ana@a.example', 'pw-ana'),
      signIn(lab, 'bob@b.example', 'pw-bob'),
    ]);
  });
  after(() => lab.dispose());

  it('lists audits with the app identity and compares two versions of the same package', async () => {
    const apk = new Uint8Array(await readFile(DEMO));
    const up = await call(lab, ana, 'POST', '/api/artifacts?name=demo-wallet.apk', apk);
    const { sha256 } = (await up.json()) as { sha256: string };
    const started = await call(lab, ana, 'POST', '/api/audits', { artifactSha256: sha256 });
    const { id: baseId } = (await started.json()) as { id: string };
    await lab.deps.jobs.idle();

    // A second "version": same report, one finding gone and one new (made in the database).
    const [base] = await lab.deps.db.select().from(audits).where(eq(audits.id, baseId));
    const sha2 = 'b'.repeat(64);
    await lab.deps.db.insert(artifacts).values({ sha256: sha2, size: 1, storedPath: 'nowhere' });
    await lab.deps.db.insert(artifactOwners).values({ orgId: base.orgId, sha256: sha2, fileName: 'v2.apk' });
    const [head] = await lab.deps.db
      .insert(audits)
      .values({
        orgId: base.orgId,
        artifactSha256: sha2,
        status: 'succeeded',
        report: base.report,
        summary: base.summary,
        finishedAt: new Date(),
      })
      .returning({ id: audits.id });
    const old = await lab.deps.db.select().from(findings).where(eq(findings.auditId, baseId));
    assert.ok(old.length >= 2, 'the demo wallet has findings');
    const kept = old.slice(1).map(({ id: _id, ...rest }) => ({ ...rest, auditId: head.id }));
    await lab.deps.db
      .insert(findings)
      .values([...kept, { ...kept[0], fingerprint: 'new-fingerprint', ordinal: old.length + 1 }]);

    const list = await call(lab, ana, 'GET', '/api/audits');
    assert.equal(list.status, 200);
    const { audits: items } = (await list.json()) as { audits: Item[] };
    assert.equal(items.length, 2);
    assert.equal(items[0].id, head.id, 'newest first');
    for (const i of items) assert.equal(i.package, 'org.dfslab.demo.wallet');
    const other = (await (await call(lab, bob, 'GET', '/api/audits')).json()) as { audits: Item[] };
    assert.deepEqual(other.audits, [], 'another organisation sees none of them');

    const res = await call(lab, ana, 'GET', `/api/audits/${head.id}/compare?base=${baseId}`);
    assert.equal(res.status, 200);
    const cmp = (await res.json()) as Cmp;
    assert.deepEqual(
      cmp.new.map((x) => x.fingerprint),
      ['new-fingerprint'],
    );
    assert.deepEqual(
      cmp.fixed.map((x) => x.fingerprint),
      [old[0].fingerprint],
    );
    assert.equal(cmp.unchanged.length, old.length - 1);

    assert.equal((await call(lab, bob, 'GET', `/api/audits/${head.id}/compare?base=${baseId}`)).status, 404);
    assert.equal((await call(lab, ana, 'GET', `/api/audits/${head.id}/compare?base=nope`)).status, 400);
    await lab.deps.db.update(audits).set({ status: 'running' }).where(eq(audits.id, head.id));
    assert.equal((await call(lab, ana, 'GET', `/api/audits/${head.id}/compare?base=${baseId}`)).status, 409);
  });

  it('pages the audit list newest first by keyset, within the organisation', async () => {
    const [anaOrg] = await lab.deps.db.select({ orgId: audits.orgId }).from(audits).limit(1);
    const same = new Date('2026-01-01T00:00:00.000Z');
    // 7 audits, 4 of them created at the very same instant (the keyset must still order them).
    const made = await lab.deps.db
      .insert(audits)
      .values(
        Array.from({ length: 7 }, (_, i) => ({
          orgId: anaOrg.orgId,
          kind: 'ussd' as const,
          status: 'failed' as const,
          createdAt: i < 4 ? same : new Date(same.getTime() - (i + 1) * 1000),
        })),
      )
      .returning({ id: audits.id });
    const seen: string[] = [];
    let before: string | null = null;
    let pages = 0;
    do {
      const q: string = `/api/audits?limit=3${before ? `&before=${before}` : ''}`;
      const res = await call(lab, ana, 'GET', q);
      assert.equal(res.status, 200);
      const page = (await res.json()) as { audits: { id: string }[]; nextBefore: string | null };
      assert.ok(page.audits.length <= 3);
      seen.push(...page.audits.map((a) => a.id));
      before = page.nextBefore;
      pages += 1;
    } while (before && pages < 10);
    assert.equal(seen.length, new Set(seen).size, 'no audit twice');
    assert.equal(seen.length, 9, 'the 2 earlier audits and the 7 new ones, none lost');
    for (const m of made) assert.ok(seen.includes(m.id));
    assert.equal(pages, 3);

    const mine = seen[4];
    const foreign = (await call(lab, bob, 'GET', `/api/audits?limit=3&before=${mine}`)).json();
    assert.deepEqual(((await foreign) as { audits: unknown[] }).audits, [], 'a foreign cursor gives nothing');
    assert.equal((await call(lab, ana, 'GET', '/api/audits?limit=0')).status, 400);
    assert.equal((await call(lab, ana, 'GET', '/api/audits?limit=501')).status, 400);
    assert.equal((await call(lab, ana, 'GET', '/api/audits?before=x')).status, 400);
  });

  it('builds each list item in SQL exactly as the mapped auditItem (every field and type)', async () => {
    const actor = { userId: '', orgId: '', role: 'analyst' as const, email: '', csrfToken: '' };
    const [one] = await lab.deps.db
      .select({ orgId: audits.orgId })
      .from(audits)
      .where(eq(audits.status, 'succeeded'))
      .limit(1);
    actor.orgId = one.orgId;
    // a running audit too (nulls: finishedAt, summary), and a finished one with a report
    const page = JSON.parse(await listAuditsJson(lab.deps.db, actor, { limit: 500 })) as {
      audits: AuditListItemT[];
      nextBefore: string | null;
    };
    assert.ok(page.audits.some((a) => a.finishedAt === null) && page.audits.some((a) => a.summary !== null));
    for (const item of page.audits) assert.deepEqual(item, await auditItem(lab.deps.db, actor, item.id));
    assert.equal(page.nextBefore, null);
  });
});
