/**
 * Start a USSD scan: an analyst or admin, a callback host on the operator's allow-list, a bounded
 * budget, a limited number of scans at once per organisation. Every attempt is in the audit log,
 * refused ones too. The audit row (kind `ussd`), its log line and its job are one transaction.
 */
import { and, count, eq, inArray } from 'drizzle-orm';
import { audits } from '../../store/schema.js';
import { recordAction } from '../audit-log.js';
import { mayStartAudit } from '../audits/policy.js';
import type { Actor, LabDeps } from '../env.js';
import { AppError } from '../errors.js';
import { checkUssdUrl } from './allow-list.js';
import { USSD_LIMITS, type UssdScanInput } from './schemas.js';

/** Seconds a scan's job may be held: its own time budget plus room to store the result. */
export function ussdJobExpirySeconds(input: Pick<UssdScanInput, 'budget' | 'hopTimeoutMs'>): number {
  return input.budget.maxSeconds + Math.ceil(input.hopTimeoutMs / 1000) + 120;
}

/** The URL for the audit log: never a user name or password someone typed into it. */
function loggableUrl(text: string): string {
  try {
    const u = new URL(text);
    u.username = '';
    u.password = '';
    return u.href.slice(0, 300);
  } catch {
    return text.replace(/\/\/[^/@]*@/, '//').slice(0, 300);
  }
}

export async function createUssdScan(
  deps: LabDeps,
  actor: Actor,
  body: UssdScanInput,
): Promise<{ id: string }> {
  if (!mayStartAudit(actor.role)) throw new AppError('FORBIDDEN', 'viewers cannot start USSD scans');
  const verdict = checkUssdUrl(deps.ussdAllow, body.url);
  if (!verdict.ok) {
    await recordAction(deps.db, {
      orgId: actor.orgId,
      userId: actor.userId,
      action: 'ussd.scan.refused',
      detail: { url: loggableUrl(body.url), reason: verdict.reason },
    });
    throw new AppError('FORBIDDEN', verdict.reason);
  }
  const input: UssdScanInput = { ...body, url: verdict.url.href };
  const id = await deps.jobs.createWithJob(
    deps.db,
    async (tx) => {
      const [{ n }] = await tx
        .select({ n: count() })
        .from(audits)
        .where(
          and(
            eq(audits.orgId, actor.orgId),
            eq(audits.kind, 'ussd'),
            inArray(audits.status, ['queued', 'running']),
          ),
        );
      if (n >= USSD_LIMITS.activePerOrg)
        throw new AppError(
          'CONFLICT',
          `your organisation already has ${n} USSD scans queued or running (at most ${USSD_LIMITS.activePerOrg})`,
        );
      const [row] = await tx
        .insert(audits)
        .values({ orgId: actor.orgId, kind: 'ussd', input, status: 'queued', createdBy: actor.userId })
        .returning({ id: audits.id });
      await recordAction(tx, {
        orgId: actor.orgId,
        userId: actor.userId,
        action: 'ussd.scan.create',
        target: row.id,
        detail: {
          host: verdict.url.host,
          serviceCode: input.serviceCode,
          dialect: input.dialect,
          testSystem: input.testSystem,
          maxRequests: input.budget.maxRequests,
        },
      });
      return row.id;
    },
    { expireInSeconds: ussdJobExpirySeconds(input) },
  );
  return { id };
}
