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
    user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES) }),
    org: Org,
    csrfToken: z.string().openapi({ description: 'Send as X-CSRF-Token on POST/PATCH/PUT/DELETE' }),
  })
  .openapi('Me');

export const Session = Me.extend({ expiresAt: z.iso.datetime() }).openapi('Session');
