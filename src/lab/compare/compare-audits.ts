/**
 * Compare two finished audits of the same app: findings are matched by fingerprint (check id +
 * primary location), so a finding is "new" in head, "fixed" (only in base) or "unchanged".
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../store/open.js';
import { findings } from '../../store/schema.js';
import type { Actor } from '../env.js';
import { AppError } from '../errors.js';
import { auditItem } from './list-audits.js';
import type { AuditListItemT, ComparedFindingT } from './schemas.js';

export type Comparison = {
  base: AuditListItemT;
  head: AuditListItemT;
  new: ComparedFindingT[];
  fixed: ComparedFindingT[];
  unchanged: ComparedFindingT[];
};

async function findingsOf(db: Db, actor: Actor, auditId: string): Promise<ComparedFindingT[]> {
  return db
    .select({
      fingerprint: findings.fingerprint,
      checkId: findings.checkId,
      severity: findings.severity,
      title: findings.title,
      message: findings.message,
      triage: findings.triage,
    })
    .from(findings)
    .where(and(eq(findings.auditId, auditId), eq(findings.orgId, actor.orgId)))
    .orderBy(asc(findings.ordinal));
}

/** Pure diff by fingerprint; keeps each side's order (worst first). Duplicates match one to one. */
export function diffFindings(
  base: readonly ComparedFindingT[],
  head: readonly ComparedFindingT[],
): Pick<Comparison, 'new' | 'fixed' | 'unchanged'> {
  const remaining = new Map<string, number>();
  for (const f of base) remaining.set(f.fingerprint, (remaining.get(f.fingerprint) ?? 0) + 1);
  const added: ComparedFindingT[] = [];
  const unchanged: ComparedFindingT[] = [];
  const matched = new Map<string, number>();
  for (const f of head) {
    const left = remaining.get(f.fingerprint) ?? 0;
    if (left === 0) {
      added.push(f);
      continue;
    }
    remaining.set(f.fingerprint, left - 1);
    matched.set(f.fingerprint, (matched.get(f.fingerprint) ?? 0) + 1);
    unchanged.push(f);
  }
  const fixed: ComparedFindingT[] = [];
  for (const f of base) {
    const m = matched.get(f.fingerprint) ?? 0;
    if (m > 0) {
      matched.set(f.fingerprint, m - 1);
      continue;
    }
    fixed.push(f);
  }
  return { new: added, fixed, unchanged };
}

export async function compareAudits(
  db: Db,
  actor: Actor,
  headId: string,
  baseId: string,
): Promise<Comparison> {
  const head = await auditItem(db, actor, headId);
  const base = await auditItem(db, actor, baseId);
  if (!head || !base) throw new AppError('NOT_FOUND', 'audit not found');
  if (head.status !== 'succeeded' || base.status !== 'succeeded')
    throw new AppError('CONFLICT', 'both audits must have finished successfully');
  if (head.kind !== base.kind) throw new AppError('CONFLICT', 'the two audits are not of the same kind');
  if (head.kind === 'apk' && (head.package === null || head.package !== base.package))
    throw new AppError('CONFLICT', 'the two audits are not of the same package');
  // Two scans of one USSD service code; STK captures of any card compare by fingerprint.
  if (head.kind === 'ussd' && head.targetName !== base.targetName)
    throw new AppError('CONFLICT', 'the two scans are not of the same USSD service code');
  const diff = diffFindings(await findingsOf(db, actor, baseId), await findingsOf(db, actor, headId));
  return { base, head, ...diff };
}
