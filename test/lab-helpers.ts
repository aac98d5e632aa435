/** Helpers for the lab's route tests: a lab on in-memory PGlite with a controllable clock. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../src/lab/auth/passwords.js';
import { createLab, type Lab, type LabOptions } from '../src/lab/lab.js';
import { orgs, users, type OrgType, type Role } from '../src/store/schema.js';

export type TestLab = Lab & { clock: { t: number }; tmp: string; dispose(): Promise<void> };

export async function testLab(opts: Partial<LabOptions> = {}): Promise<TestLab> {
  const tmp = await mkdtemp(join(tmpdir(), 'dfslab-lab-'));
  const clock = { t: Date.parse('2026-01-01T00:00:00Z') };
  const lab = await createLab({
    store: { memory: true },
    dataDir: tmp,
    now: () => new Date(clock.t),
    logError: () => undefined,
    ...opts,
  });
  return {
    ...lab,
    clock,
    tmp,
    dispose: async () => {
      await lab.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

export async function addOrg(
  lab: Lab,
  name: string,
  type: OrgType = 'DFS provider',
  country = 'KE',
): Promise<string> {
  const [o] = await lab.deps.db.insert(orgs).values({ name, type, country }).returning({ id: orgs.id });
  return o.id;
}

export async function addUser(
  lab: Lab,
  orgId: string,
  email: string,
  password: string,
  role: Role,
): Promise<string> {
  const [u] = await lab.deps.db
    .insert(users)
    .values({ orgId, email, name: email.split('@')[0], passwordHash: await hashPassword(password), role })
    .returning({ id: users.id });
  return u.id;
}

export type Client = { cookie: string; csrf: string };

export async function signIn(lab: Lab, email: string, password: string): Promise<Client> {
  const res = await lab.app.request('/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, csrf: body.csrfToken };
}

export function call(
  lab: Lab,
  who: Client | undefined,
  method: string,
  path: string,
  body?: unknown,
  extra: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...extra };
  if (who) {
    headers.cookie = who.cookie;
    headers['x-csrf-token'] = who.csrf;
  }
  let payload: Uint8Array | string | undefined;
  if (body instanceof Uint8Array) {
    payload = body;
    headers['content-type'] ??= 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] ??= 'application/json';
  }
  return lab.app.request(path, { method, headers, body: payload });
}

/** The bundled demo wallet APK. */
export const DEMO_APK = join(import.meta.dirname, '..', 'samples', 'demo-wallet.apk');

/** Uploads the demo wallet as `who` (`POST /api/artifacts`); returns its SHA-256. */
export async function uploadDemo(lab: Lab, who: Client): Promise<string> {
  const res = await call(
    lab,
    who,
    'POST',
    '/api/artifacts?name=demo.apk',
    new Uint8Array(await readFile(DEMO_APK)),
  );
  if (!res.ok) throw new Error(`upload demo.apk: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { sha256: string }).sha256;
}
