/** Append-only record of who did what (read by the organisation's admins in a later slice). */
import type { Db } from '../store/open.js';
import { auditLog } from '../store/schema.js';

export type LogEntry = {
  orgId: string | null;
  userId: string | null;
  action: string;
  target?: string;
  detail?: Record<string, string | number | boolean | null>;
};

export async function recordAction(db: Db, e: LogEntry): Promise<void> {
  await db.insert(auditLog).values({
    orgId: e.orgId,
    userId: e.userId,
    action: e.action,
    target: e.target ?? null,
    detail: e.detail ?? null,
  });
}
