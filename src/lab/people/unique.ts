/** Is this (possibly wrapped) database error a unique-constraint violation (SQLSTATE 23505)? */
const MAX_CAUSE_DEPTH = 5;

export function isUniqueViolation(e: unknown): boolean {
  let x: unknown = e;
  for (let i = 0; i < MAX_CAUSE_DEPTH && typeof x === 'object' && x !== null; i++) {
    if ((x as { code?: unknown }).code === '23505') return true;
    x = (x as { cause?: unknown }).cause;
  }
  return false;
}
