/**
 * A USSD scan report as a person sees it: the HTML report and the menu-map SVG opened from disk
 * in headless Chromium with every network request blocked.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderHtml } from '../../src/core/report/index.js';
import { getDialect, scanUssd } from '../../src/ussd/index.js';
import { startUssdFixture } from '../fixtures/ussd/app.js';
import { openOfflinePage } from '../browser.js';
import { TEST_OUTPUT, requireTool } from '../helpers.js';
import { fixtureScan, TEST_SLOW_MS } from '../ussd-helpers.js';

test('the USSD report and its menu map render offline in Chromium', { timeout: 120_000 }, async (t) => {
  if (!requireTool(t, 'chromium')) return;
  const fx = await startUssdFixture({
    hardened: false,
    dialect: getDialect('africastalking'),
    slowMs: TEST_SLOW_MS,
  });
  let report;
  try {
    ({ report } = await scanUssd(fixtureScan(fx.url, 'africastalking')));
  } finally {
    await fx.close();
  }
  const dir = join(TEST_OUTPUT, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const html = join(dir, 'ussd-report.html');
  const svg = join(dir, 'ussd-menu-map.svg');
  writeFileSync(html, renderHtml(report));
  writeFileSync(svg, String(report.facts?.menuMapSvg));

  const { page, blocked: requests, errors, close } = await openOfflinePage(['file://']);
  try {
    await page.goto(`file://${html}`);
    await page.waitForLoadState('load');
    const text = await page.locator('body').innerText();
    for (const f of report.findings.slice(0, 8))
      assert.ok(text.includes(f.checkId), `finding ${f.checkId} is shown`);
    assert.match(text, /FIGI-USSD-3\.7/, 'the manual FIGI tests are listed');
    assert.match(
      (await page.locator('body').textContent()) ?? '',
      /Send money/,
      'the menu map is in the report',
    );
    const picture = page.locator('img[alt^="Menu map"]');
    assert.equal(await picture.count(), 1, 'the menu map is drawn in the report');
    const width = await picture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    assert.ok(width > 100, `the menu map image decodes (${width} px wide)`);
    await page.screenshot({ path: join(dir, 'ussd-report.png'), fullPage: true });

    await page.goto(`file://${svg}`);
    await page.waitForLoadState('load');
    assert.ok((await page.locator('rect').count()) >= 12, 'a box per crawled screen');
    assert.match((await page.locator('svg').textContent()) ?? '', /Send money/);
    await page.screenshot({ path: join(dir, 'ussd-menu-map.png') });
    assert.deepEqual(requests, [], 'no network request');
    assert.deepEqual(errors, [], 'no console errors');
  } finally {
    await close();
  }
});
