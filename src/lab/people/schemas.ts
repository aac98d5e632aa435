/** Contracts for organisations and their people. */
import { z } from '@hono/zod-openapi';
import { ORG_TYPES, ROLES } from '../../store/schema.js';
import { isIsoCountry } from './countries.js';

// Control characters (C0, DEL, C1) have no place in a display name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A display name in any script: trimmed, NFC, 1–200 characters, no control characters. */
export const DisplayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'at most 200 characters')
  .transform((s) => s.normalize('NFC'))
  .refine((s) => !CONTROL.test(s), 'no control characters');

export const Email = z.string().trim().toLowerCase().max(254).pipe(z.email());

export const UserIdParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  userId: z.uuid().openapi({ param: { name: 'userId', in: 'path' } }),
});

export const MEMBER_STATES = ['active', 'disabled'] as const;

export const MemberDetail = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    state: z.enum(MEMBER_STATES),
    mustChangePassword: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .openapi('MemberDetail');

export const AddMemberBody = z
  .object({ email: Email, name: DisplayName, role: z.enum(ROLES) })
  .openapi('AddMember');

export const UpdateMemberBody = z
  .object({
    role: z.enum(ROLES).optional(),
    active: z
      .boolean()
      .optional()
      .openapi({ description: 'false disables (sessions and tokens end at once)' }),
  })
  .refine((b) => b.role !== undefined || b.active !== undefined, 'give a role or active')
  .openapi('UpdateMember');

const OneTimePassword = z.string().openapi({
  description: 'Shown only in this response; the member must change it at first sign-in',
});

export const MemberWithPassword = z
  .object({ member: MemberDetail, oneTimePassword: OneTimePassword })
  .openapi('MemberWithPassword');

export const Country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isIsoCountry, 'an ISO 3166-1 alpha-2 country code, e.g. KE');

export const OrgSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(ORG_TYPES),
    country: z.string(),
    members: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .openapi('OrgSummary');
export const OrgList = z.object({ orgs: z.array(OrgSummary) }).openapi('OrgList');

export const CreateOrgBody = z
  .object({
    name: DisplayName,
    type: z.enum(ORG_TYPES),
    country: Country,
    admin: z.object({ email: Email, name: DisplayName }),
  })
  .openapi('CreateOrg');

export const CreatedOrg = z
  .object({ org: OrgSummary, admin: MemberDetail, oneTimePassword: OneTimePassword })
  .openapi('CreatedOrg');
