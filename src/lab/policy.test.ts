import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROLES, type Role } from '../store/schema.js';
import { mayStartAudit, mayTriage, mayUpload } from './audits/policy.js';
import type { Actor } from './env.js';
import { mayReadAuditLog, maySeeOrg } from './orgs/policy.js';

const OWN = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const actor = (role: Role): Actor => ({ userId: 'u', orgId: OWN, role, email: 'x@y.z', csrfToken: 't' });

const WRITE: Record<Role, boolean> = { admin: true, analyst: true, viewer: false };
const AUDIT_LOG: Record<Role, boolean> = { admin: true, analyst: false, viewer: false };

describe('policy: every role × own/other organisation', () => {
  for (const role of ROLES)
    for (const org of [OWN, OTHER]) {
      const own = org === OWN;
      it(`${role} in ${own ? 'own' : 'another'} organisation`, () => {
        const a = actor(role);
        assert.equal(maySeeOrg(a, org), own);
        assert.equal(mayReadAuditLog(a, org), own && AUDIT_LOG[role]);
        assert.equal(mayUpload(role), WRITE[role]);
        assert.equal(mayStartAudit(role), WRITE[role]);
        assert.equal(mayTriage(role), WRITE[role]);
      });
    }
});
