/**
 * Stream an upload to `<dataDir>/artifacts/<aa>/<sha256>`: hashed while written, refused past the
 * size limit, never held whole in memory. The same bytes are stored once; the uploading
 * organisation is recorded so only uploaders see the artifact.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { artifactOwners, artifacts } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { mayUpload } from './policy.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Bytes kept from the start of an upload to recognise its type. */
const HEAD_BYTES = 512;
/** Largest STK capture or card profile accepted (text; the CLI's own ceiling is higher). */
export const MAX_STK_UPLOAD_BYTES = 16 * 1024 * 1024;

export type ArtifactKind = 'apk' | 'stk';

const isZip = (head: readonly number[]) => ZIP_MAGIC.every((b, i) => head[i] === b);

/** Why the first bytes are not this kind of upload, or undefined when they may be. */
function refuse(kind: ArtifactKind, head: readonly number[]): string | undefined {
  if (kind === 'apk') return isZip(head) ? undefined : 'not an APK (no zip local header at byte 0)';
  if (isZip(head) || head.includes(0))
    return 'not an STK capture or card profile (binary data; expected JSON, CSV or text)';
  return undefined;
}

class Meter extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  head: number[] = [];
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.max) {
      cb(new AppError('PAYLOAD_TOO_LARGE', `upload over ${this.max} bytes`));
      return;
    }
    for (let i = 0; i < chunk.length && this.head.length < HEAD_BYTES; i++) this.head.push(chunk[i]);
    this.hash.update(chunk);
    cb(null, chunk);
  }
}

export function artifactPath(dataDir: string, sha256: string): string {
  return join(dataDir, 'artifacts', sha256.slice(0, 2), sha256);
}

export async function uploadArtifact(
  deps: LabDeps,
  actor: Actor,
  body: ReadableStream<Uint8Array> | null,
  fileName: string,
  kind: ArtifactKind = 'apk',
) {
  if (!mayUpload(actor.role)) throw new AppError('FORBIDDEN', 'viewers cannot upload');
  if (!body) throw new AppError('BAD_REQUEST', 'empty upload');
  const tmpDir = join(deps.dataDir, 'artifacts', 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, randomUUID());
  const meter = new Meter(
    kind === 'stk' ? Math.min(deps.maxUploadBytes, MAX_STK_UPLOAD_BYTES) : deps.maxUploadBytes,
  );
  try {
    await pipeline(
      Readable.fromWeb(body as WebReadableStream<Uint8Array>),
      meter,
      createWriteStream(tmp, { flags: 'wx' }),
    );
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('BAD_REQUEST', 'upload interrupted');
  }
  const refused = meter.size === 0 ? 'empty upload' : refuse(kind, meter.head);
  if (refused) {
    await rm(tmp, { force: true });
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', refused);
  }
  const sha256 = meter.hash.digest('hex');
  const finalPath = artifactPath(deps.dataDir, sha256);
  const exists = await stat(finalPath).then(
    () => true,
    () => false,
  );
  if (exists) await rm(tmp, { force: true });
  else {
    await mkdir(join(deps.dataDir, 'artifacts', sha256.slice(0, 2)), { recursive: true });
    await rename(tmp, finalPath);
  }
  const created = await deps.db.transaction(async (tx) => {
    await tx
      .insert(artifacts)
      .values({ sha256, size: meter.size, storedPath: join(sha256.slice(0, 2), sha256) })
      .onConflictDoNothing();
    const owned = await tx
      .insert(artifactOwners)
      .values({ orgId: actor.orgId, sha256, fileName, uploadedBy: actor.userId })
      .onConflictDoNothing()
      .returning({ sha256: artifactOwners.sha256 });
    return owned.length > 0;
  });
  await recordAction(deps.db, {
    orgId: actor.orgId,
    userId: actor.userId,
    action: 'artifact.upload',
    target: sha256,
    detail: { size: meter.size, created },
  });
  return { sha256, size: meter.size, fileName, created };
}
