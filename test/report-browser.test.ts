/**
 * The HTML audit report as a person sees it: opened from disk in headless Chromium (Debian's
 * package, driven by playwright-core) with every network request blocked. It must render its
 * summary, chart and findings, make no request at all, log no error, and leave a screenshot in
 * test-output/screenshots/ as a test artefact.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { auditApk } from '../src/android/audit/audit.js';
import { renderHtml } from '../src/core/report/index.js';
import { openOfflinePage } from './browser.js';
import { REPO_ROOT, TEST_OUTPUT, requireTool } from './helpers.js';

test('the HTML audit report renders offline in Chromium', { timeout: 120_000 }, async (t) => {
  if (!requireTool(t, 'chromium')) return;
  const bytes = readFileSync(join(REPO_ROOT, 'samples', 'demo-wallet.apk'));
  const { report } = await auditApk(bytes, 'demo-wallet.apk', { tool: { name: 'dfslab', version: 'test' } });
  const dir = join(TEST_OUTPUT, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'demo-wallet-report.html');
  writeFileSync(file, renderHtml(report));

  const { page, blocked: requests, errors, close } = await openOfflinePage(['file://']);
  try {
    await page.goto(`file://${file}`);
    await page.waitForLoadState('load');
    const h1 = await page.locator('h1').first().innerText();
    assert.match(h1, /Demo Wallet|org\.dfslab\.demo\.wallet|dfslab/i);
    assert.ok((await page.locator('svg').count()) >= 1, 'the severity chart is drawn');
    const text = await page.locator('body').innerText();
    assert.match(text, /FIGI/);
    assert.match(text, /org\.dfslab\.demo\.wallet/);
    for (const f of report.findings.slice(0, 5))
      assert.ok(text.includes(f.checkId), `finding ${f.checkId} is shown`);
    await page.screenshot({ path: join(dir, 'demo-wallet-report.png'), fullPage: true });
    assert.deepEqual(requests, [], 'the report makes no network request');
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await close();
  }
});
