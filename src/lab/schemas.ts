/** Contracts shared by every domain. */
import { z } from '@hono/zod-openapi';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'NOT_FOUND' }),
      message: z.string(),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

export const IdParam = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
});

export const errorResponses = (...statuses: (400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429)[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: 'Error', content: { 'application/json': { schema: ErrorBody } } },
    ]),
  );

export const SESSION_COOKIE = 'dfslab_session';
export const CSRF_HEADER = 'x-csrf-token';
