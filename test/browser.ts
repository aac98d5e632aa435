/**
 * One way to open Debian's chromium for tests (playwright-core, headless, no downloads): the
 * launch flags this machine needs, a page whose every request outside `allowed` is blocked and
 * recorded, and console/page errors collected — so each browser test asserts "no request left,
 * no error logged" the same way.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from './helpers.js';

/** Builds the lab's web UI into dist/web (atomically: a concurrent test never sees it half-written). */
export function buildWebUi(): void {
  const built = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build-web.mjs')], {
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, `build-web failed:\n${built.stdout}${built.stderr}`);
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export type OfflinePage = {
  browser: Browser;
  page: Page;
  /** Requests that tried to leave `allowed` (blocked). */
  blocked: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
};

/** Opens a 1280×900 page that may only load URLs starting with one of `allowed` (e.g. 'file://'). */
export async function openOfflinePage(allowed: string[]): Promise<OfflinePage> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (allowed.some((a) => url.startsWith(a))) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    return { browser, page, blocked, errors, close: () => browser.close() };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
