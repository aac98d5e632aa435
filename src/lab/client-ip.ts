import type { Context } from 'hono';
import type { LabEnv } from './env.js';

/** The peer address of the TCP connection (no proxy headers are trusted in this slice). */
export function clientIp(c: Context<LabEnv>): string {
  return c.env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
