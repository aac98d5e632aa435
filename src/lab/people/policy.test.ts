import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ORG_TYPES, ROLES, type Role } from '../../store/schema.js';
import type { Actor } from '../env.js';
import { keepsAnAdmin, LAB_OPERATOR, mayManageOrgs, mayManagePeople } from './policy.js';

const actor = (role: Role, token: boolean): Actor => ({
  userId: 'u',
  orgId: 'o',
  role,
  email: 'x@y.z',
  csrfToken: token ? '' : 't',
  ...(token ? { tokenId: 't1' } : {}),
});

describe('people policy: every role × session/token × organisation type', () => {
  for (const role of ROLES)
    for (const token of [false, true])
      it(`${role} with a ${token ? 'token' : 'session'}`, () => {
        const a = actor(role, token);
        const manager = role === 'admin' && !token;
        assert.equal(mayManagePeople(a).ok, manager);
        for (const type of ORG_TYPES)
          assert.equal(mayManageOrgs(a, type).ok, manager && type === LAB_OPERATOR, type);
      });
});

describe('keepsAnAdmin: every before × after state, with one or two active admins', () => {
  const states = ROLES.flatMap((role) => [true, false].map((active) => ({ role, active })));
  for (const admins of [1, 2])
    for (const before of states)
      for (const after of states)
        it(`${admins} admin(s): ${JSON.stringify(before)} → ${JSON.stringify(after)}`, () => {
          const losesTheLast =
            admins === 1 &&
            before.active &&
            before.role === 'admin' &&
            !(after.active && after.role === 'admin');
          assert.equal(keepsAnAdmin(before, after, admins).ok, !losesTheLast);
        });
});
