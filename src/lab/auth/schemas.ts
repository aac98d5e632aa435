import { z } from '@hono/zod-openapi';
import { ORG_TYPES, ROLES } from '../../store/schema.js';

export const SignInBody = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    password: z.string().min(1).max(1024),
  })
  .openapi('SignIn');

export const Org = z
  .object({ id: z.uuid(), name: z.string(), type: z.enum(ORG_TYPES), country: z.string() })
  .openapi('Org');

export const Me = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.string(),
      name: z.string(),
      role: z.enum(ROLES),
      mustChangePassword: z.boolean().openapi({
        description: 'Signed in with a one-time password: only POST /api/me/password (and me, sign out) work',
      }),
    }),
    org: Org,
    csrfToken: z.string().openapi({ description: 'Send as X-CSRF-Token on POST/PATCH/PUT/DELETE' }),
  })
  .openapi('Me');

export const Session = Me.extend({ expiresAt: z.iso.datetime() }).openapi('Session');

/** A password a person chooses: at least 12 characters (any script), at most 256. */
export const NewPassword = z
  .string()
  .min(12, 'at least 12 characters')
  .max(256, 'at most 256 characters')
  .refine((p) => p.trim().length > 0, 'not only spaces');

export const ChangePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: NewPassword })
  .openapi('ChangePassword');

export const RevokedSessions = z
  .object({ revoked: z.number().int().openapi({ description: 'How many other sessions were ended' }) })
  .openapi('RevokedSessions');
