import { z } from '@hono/zod-openapi';
import { ROLES } from '../../store/schema.js';

export const Member = z
  .object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES) })
  .openapi('Member');
export const MemberList = z.object({ members: z.array(Member) }).openapi('MemberList');
