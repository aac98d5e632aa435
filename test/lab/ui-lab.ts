/**
 * The setup every lab browser test shares: the web UI built, a real `serveLab` on PGlite in a
 * temp folder (its log kept, the first admin's printed password read from it), and a Chromium page
 * that may only reach the lab. `close()` stops the browser and the lab and removes the folder.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serveLab, type ServeOptions } from '../../src/lab/serve.js';
import { buildWebUi, openOfflinePage } from '../browser.js';
import { TEST_OUTPUT } from '../helpers.js';

export type UiLab = {
  url: string;
  page: Page;
  /** Requests that tried to leave the lab (blocked). */
  outside: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** test-output/screenshots. */
  shots: string;
  /** A temp folder of the test's own (the lab's data is in `data/` inside it). */
  dir: string;
  /** What the server printed. */
  lines: string[];
  /** The first admin's one-time password as the server printed it ('' if it did not). */
  adminPassword: string;
  close(): Promise<void>;
};

export async function openUiLab(name: string, opts: Partial<ServeOptions> = {}): Promise<UiLab> {
  buildWebUi();
  const shots = join(TEST_OUTPUT, 'screenshots');
  mkdirSync(shots, { recursive: true });
  const dir = await mkdtemp(join(tmpdir(), `dfslab-${name}-`));
  const lines: string[] = [];
  const lab = await serveLab({
    store: { dataDir: join(dir, 'data') },
    port: 0,
    hostname: '127.0.0.1',
    log: (l) => lines.push(l),
    ...opts,
  });
  const stop = async () => {
    await lab.stop();
    await rm(dir, { recursive: true, force: true });
  };
  let browser;
  try {
    browser = await openOfflinePage([`${lab.url}/`]);
  } catch (e) {
    await stop();
    throw e;
  }
  const { page, blocked, errors, close } = browser;
  const adminPassword =
    lines
      .find((l) => l.includes('password:'))
      ?.split('password:')[1]
      .trim() ?? '';
  return {
    url: lab.url,
    page,
    outside: blocked,
    errors,
    shots,
    dir,
    lines,
    adminPassword,
    close: async () => {
      await close();
      await stop();
    },
  };
}
