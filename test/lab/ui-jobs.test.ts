/**
 * The web UI's USSD and STK pages in headless Chromium against a real `serveLab` (PGlite in a temp
 * folder) whose USSD allow-list holds only the fixture USSD app: start a scan from the form, watch
 * its progress bar move, see its findings and menu map; then upload an STK capture and see its
 * findings. Screenshots go to test-output/screenshots/lab-ussd-*.png and lab-stk.png.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseUssdAllowList } from '../../src/lab/ussd/allow-list.js';
import { getDialect } from '../../src/ussd/index.js';
import { startUssdFixture } from '../fixtures/ussd/app.js';
import { FIXTURE_ACCOUNTS } from '../fixtures/ussd/bank.js';
import { requireTool } from '../helpers.js';
import { WEAK, transcript } from '../stk/transcripts.js';
import { openUiLab } from './ui-lab.js';

/** In the page: 'done' once findings show, else the progress bar's value (a string: no DOM types here). */
const PROGRESS_PROBE = `document.querySelector('.finding') ? 'done'
  : (document.querySelector('.progress-card progress')?.getAttribute('value') ?? null)`;

test(
  'the lab web UI: a USSD scan from the form and an STK capture upload',
  { timeout: 180_000 },
  async (t) => {
    if (!requireTool(t, 'chromium')) return;
    const fx = await startUssdFixture({ hardened: false, dialect: getDialect('hubtel') });
    const ui = await openUiLab('ui-jobs', {
      ussdAllow: parseUssdAllowList(`127.0.0.1:${new URL(fx.url).port}`),
    });
    const { page, outside, errors, shots, dir } = ui;
    try {
      const password = ui.adminPassword;
      await page.goto(ui.url);
      await page.getByLabel('Email').fill('admin@dfslab.local');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Audits', exact: true }).waitFor();

      // USSD: the form names the allowed host; a host off the list is refused with its reason.
      await page.getByRole('link', { name: 'USSD scan' }).click();
      await page.getByRole('heading', { name: 'Scan a USSD menu' }).waitFor();
      assert.match(
        await page.locator('#ussd-url-help').innerText(),
        new RegExp(`127.0.0.1:${new URL(fx.url).port}`),
      );
      await page.getByLabel('Callback URL').fill('http://127.0.0.1:9/elsewhere');
      await page.getByLabel('Gateway dialect').selectOption('hubtel');
      await page.getByLabel('Caller (MSISDN)').fill(FIXTURE_ACCOUNTS[0].msisdn);
      await page
        .getByLabel('Test accounts')
        .fill(`${FIXTURE_ACCOUNTS[0].msisdn}:${FIXTURE_ACCOUNTS[0].pin}\n${FIXTURE_ACCOUNTS[1].msisdn}`);
      await page.getByLabel('Delay between requests (ms)').fill('20');
      await page.getByRole('button', { name: 'Start the scan' }).click();
      await page.getByText(/not on this lab's USSD allow-list/).waitFor();
      assert.equal(fx.requests, 0);
      await page.getByLabel('Callback URL').fill(fx.url);
      await page.getByRole('button', { name: 'Start the scan' }).click();
      await page.waitForURL(/#\/audits\/[0-9a-f-]{36}$/);
      // the progress bar carries a percentage while the scan runs
      const seen = new Set<string>();
      const t0 = Date.now();
      for (;;) {
        const v = (await page.evaluate(PROGRESS_PROBE)) as string | null;
        if (v === 'done' || Date.now() - t0 > 60_000) break;
        if (v && v !== '0' && !seen.has(v)) {
          seen.add(v);
          if (seen.size === 2) await page.screenshot({ path: join(shots, 'lab-ussd-progress.png') });
        }
        await page.waitForTimeout(50);
      }
      await page.locator('.finding').first().waitFor({ timeout: 60_000 });
      t.diagnostic(
        `USSD scan through the UI: ${Date.now() - t0} ms; percentages seen: ${[...seen].join(', ')}`,
      );
      assert.ok(seen.size > 0, 'a progress percentage was shown');
      assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /USSD scan of \*384\*123#/);
      await page.getByText('Menu map', { exact: true }).click();
      assert.match(await page.locator('.menu-map pre').innerText(), /\S/);
      assert.ok((await page.locator('.finding .check', { hasText: 'USSD-001' }).count()) > 0);
      await page.screenshot({ path: join(shots, 'lab-ussd-scan.png'), fullPage: true });

      // STK: upload the weak card's capture.
      const capture = join(dir, 'weak-card.json');
      await writeFile(capture, transcript(WEAK, true));
      await page.getByRole('link', { name: 'STK capture' }).click();
      await page.getByLabel('Capture file').setInputFiles(capture);
      await page.getByRole('button', { name: 'Upload and audit' }).click();
      await page.locator('.finding').first().waitFor({ timeout: 60_000 });
      assert.ok((await page.locator('.finding .check', { hasText: 'STK-001' }).count()) > 0);
      await page.screenshot({ path: join(shots, 'lab-stk.png'), fullPage: true });

      // both in the list, with their kind
      await page.getByRole('link', { name: 'Audits', exact: true }).click();
      await page.locator('table.grid tbody tr').nth(1).waitFor();
      const table = await page.locator('table.grid').innerText();
      assert.match(table, /USSD/);
      assert.match(table, /STK/);

      assert.deepEqual(outside, [], 'no request leaves the lab');
      const unexpected = errors.filter((e) => !/status of (401|403)/.test(e));
      assert.deepEqual(unexpected, [], 'no console errors');
    } finally {
      await ui.close();
      await fx.close();
    }
  },
);
