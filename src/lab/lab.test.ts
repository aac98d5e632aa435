import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { audits, users } from '../store/schema.js';
import { createAudit } from './audits/create-audit.js';
import { uploadArtifact } from './audits/upload-artifact.js';
import type { Actor } from './env.js';
import { createLab, type Lab } from './lab.js';

const DEMO = join(import.meta.dirname, '../../samples/demo-wallet.apk');

async function adminUpload(lab: Lab): Promise<{ actor: Actor; sha256: string }> {
  const [admin] = await lab.deps.db.select().from(users);
  const actor: Actor = {
    userId: admin.id,
    orgId: admin.orgId,
    role: admin.role,
    email: admin.email,
    csrfToken: '',
  };
  const body = new Blob([await readFile(DEMO)]).stream();
  const art = await uploadArtifact(lab.deps, actor, body, 'demo-wallet.apk');
  return { actor, sha256: art.sha256 };
}

describe('createLab on a data folder', () => {
  it('keeps the admin and a pg-boss job across a restart, and reclaims a row its dead worker left running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dfslab-lab-'));
    try {
      const first = await createLab({ store: { dataDir: dir }, logError: () => undefined, work: false });
      assert.ok(first.firstAdmin);
      const { actor, sha256 } = await adminUpload(first);
      const { id } = await createAudit(first.deps, actor, sha256);
      // as if a worker had claimed it and then been killed
      await first.deps.db.update(audits).set({ status: 'running' }).where(eq(audits.id, id));
      await first.close();

      const second = await createLab({ store: { dataDir: dir }, logError: () => undefined });
      assert.equal(second.firstAdmin, undefined);
      await second.deps.jobs.idle();
      const [done] = await second.deps.db.select().from(audits).where(eq(audits.id, id));
      await second.close();
      assert.equal(done.status, 'succeeded', done.error ?? '');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('in-process mode re-queues an audit cut off by a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dfslab-lab-'));
    try {
      const first = await createLab({
        store: { dataDir: dir },
        logError: () => undefined,
        jobs: 'in-process',
      });
      const { actor, sha256 } = await adminUpload(first);
      const [row] = await first.deps.db
        .insert(audits)
        .values({ orgId: actor.orgId, artifactSha256: sha256, status: 'running', createdBy: actor.userId })
        .returning({ id: audits.id });
      await first.close();
      const second = await createLab({
        store: { dataDir: dir },
        logError: () => undefined,
        jobs: 'in-process',
      });
      await second.deps.jobs.idle();
      const [done] = await second.deps.db.select().from(audits).where(eq(audits.id, row.id));
      await second.close();
      assert.equal(done.status, 'succeeded', done.error ?? '');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
