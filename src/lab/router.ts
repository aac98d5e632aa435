/** Every domain router: validation failures become AppError('BAD_REQUEST') for the one onError. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { LabEnv } from './env.js';
import { AppError } from './errors.js';

export function labRouter() {
  return new OpenAPIHono<LabEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      throw new AppError('BAD_REQUEST', `${where}${issue?.message ?? 'invalid input'}`);
    },
  });
}
