/**
 * Every Android check, in one list. Adding a check = a module under checks/<area>/, its test
 * beside it, docs/checks/<ID>.md, and a line here (test/checks-registry.test.ts enforces all four).
 */
import type { Check } from '../../core/check.js';
import type { AuditContext } from '../audit/context.js';
import debuggable from './manifest/debuggable.js';

export const ANDROID_CHECKS: readonly Check<AuditContext>[] = [debuggable];
