/**
 * The web UI in headless Chromium (Debian's package, driven by playwright-core) against a real
 * `serveLab` on PGlite in a temp data folder: sign in as the first admin, upload a shared APK,
 * watch the audit finish, see and filter its findings, triage one, and visit members and compare.
 * Screenshots go to test-output/screenshots/lab-*.png. No console error, and no request may leave
 * the lab's own origin.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, SHARED, requireTool } from '../helpers.js';
import { openUiLab } from './ui-lab.js';

const BANK_V1 = join(SHARED, 'apks', 'insecurebankv2', 'InsecureBankv2-debug-v1.apk');
const BANK_V2 = join(SHARED, 'apks', 'insecurebankv2', 'InsecureBankv2-debug-v2.apk');
/** Two versions of one app (for compare) when the shared corpus is there, else the demo wallet. */
const APK = existsSync(BANK_V1) ? BANK_V1 : join(REPO_ROOT, 'samples', 'demo-wallet.apk');
const APK_V2 = existsSync(BANK_V2) && APK === BANK_V1 ? BANK_V2 : undefined;

test(
  'the lab web UI: sign in, upload, watch the audit, filter and triage findings',
  { timeout: 240_000 },
  async (t) => {
    if (!requireTool(t, 'chromium')) return;
    const ui = await openUiLab('ui');
    const { page, outside, errors, shots } = ui;
    try {
      const password = ui.adminPassword;
      assert.ok(password.length >= 20, 'the first admin password is printed');
      const index = await fetch(ui.url);
      assert.equal(index.status, 200);
      assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.doesNotMatch(await index.text(), /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script');
      assert.equal((await fetch(`${ui.url}/assets/../../package.json`)).status, 404);
      // Sign in (the unauthenticated /api/me is a 401 the browser logs; filtered below).
      await page.goto(ui.url);
      await page.getByLabel('Email').waitFor();
      await page.getByLabel('Email').fill('admin@dfslab.local');
      await page.getByLabel('Password').fill('wrong password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Wrong email or password.').waitFor();
      await page.getByLabel('Password').fill(password);
      await page.screenshot({ path: join(shots, 'lab-signin.png') });
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Audits', exact: true }).waitFor();
      assert.match(await page.locator('nav').innerText(), /Administrator/);

      // Upload and watch the audit.
      await page.getByLabel('APK file').setInputFiles(APK);
      await page.getByRole('button', { name: 'Upload and audit' }).click();
      await page.waitForURL(/#\/audits\/[0-9a-f-]{36}$/);
      const auditId = page.url().split('/').pop() ?? '';
      await page.locator('.finding').first().waitFor({ timeout: 180_000 });
      const findingCount = await page.locator('.finding').count();
      assert.ok(findingCount > 0, 'the audit has findings');
      assert.match(
        await page.getByRole('status').filter({ hasText: 'findings shown' }).innerText(),
        /of \d+ findings/,
      );
      assert.ok(await page.getByRole('link', { name: 'Download HTML report' }).isVisible());
      await page.screenshot({ path: join(shots, 'lab-findings.png'), fullPage: true });

      // Filters: a severity that matches fewer, and a text that matches nothing.
      const firstSeverity = (await page.locator('.finding .sev').first().innerText()).toLowerCase();
      await page.getByLabel('Severity', { exact: true }).selectOption(firstSeverity);
      const bySeverity = await page.locator('.finding').count();
      assert.ok(bySeverity > 0 && bySeverity <= findingCount);
      await page.getByLabel('Search').fill('no-such-finding-text-xyz');
      await page.getByText('No finding matches these filters.').waitFor();
      await page.getByLabel('Search').fill('');
      await page.getByLabel('Severity', { exact: true }).selectOption('');

      // Triage the first finding with the keyboard-reachable form.
      const first = page.locator('.finding').first();
      const checkId = await first.locator('.check').innerText();
      await first.locator('summary').click();
      await first.getByLabel('Status', { exact: true }).selectOption('accepted-risk');
      await first
        .getByLabel('Reason', { exact: true })
        .fill('Compensating control: server-side checks (ticket 42).');
      await first.getByRole('button', { name: 'Save triage' }).click();
      await page.locator('.finding .badge', { hasText: 'Accepted risk' }).first().waitFor();
      await page.screenshot({ path: join(shots, 'lab-triage.png'), fullPage: false });
      const stored = await page.evaluate(async (id) => {
        const r = await fetch(`/api/audits/${id}/findings`);
        return (await r.json()) as {
          findings: { checkId: string; triage: string; triageReason: string | null }[];
        };
      }, auditId);
      const triaged = stored.findings.filter((f) => f.triage === 'accepted-risk');
      assert.equal(triaged.length, 1);
      assert.equal(triaged[0].checkId, checkId);
      assert.match(triaged[0].triageReason ?? '', /ticket 42/);
      await page.getByLabel('Triage', { exact: true }).selectOption('accepted-risk');
      assert.equal(await page.locator('.finding').count(), 1, 'the triage filter shows the triaged finding');

      // The audits list, members and compare pages.
      await page.getByRole('link', { name: 'Audits', exact: true }).click();
      await page.locator('table.grid tbody tr').first().waitFor();
      assert.match(await page.locator('table.grid').innerText(), /succeeded/i);
      await page.screenshot({ path: join(shots, 'lab-audits.png') });
      await page.getByRole('link', { name: 'Members' }).click();
      await page.getByText('admin@dfslab.local').waitFor();
      await page.screenshot({ path: join(shots, 'lab-members.png') });
      await page.getByRole('link', { name: 'Compare' }).click();
      await page.getByRole('heading', { name: 'Compare two versions' }).waitFor();

      // A second version of the same app, then compare the two.
      if (APK_V2) {
        await page.getByRole('link', { name: 'Audits', exact: true }).click();
        await page.getByLabel('APK file').setInputFiles(APK_V2);
        await page.getByRole('button', { name: 'Upload and audit' }).click();
        await page.waitForURL((u) => /#\/audits\/[0-9a-f-]{36}$/.test(u.hash) && !u.hash.endsWith(auditId));
        await page.locator('.finding').first().waitFor({ timeout: 180_000 });
        const v2Count = await page.locator('.finding').count();
        await page.getByRole('link', { name: 'Compare' }).click();
        await page.getByRole('button', { name: 'Compare' }).click();
        await page.getByRole('heading', { name: /^New \(\d+\)$/ }).waitFor();
        const n = async (name: string) =>
          Number(
            /\((\d+)\)/.exec(
              await page.getByRole('heading', { name: new RegExp(`^${name} \\(`) }).innerText(),
            )?.[1],
          );
        const [added, fixed, same] = [await n('New'), await n('Fixed'), await n('Unchanged')];
        assert.equal(added + same, v2Count, 'new + unchanged = the newer audit');
        assert.equal(fixed + same, findingCount, 'fixed + unchanged = the older audit');
        assert.ok(same > 0, 'two versions of one app share findings');
        await page.screenshot({ path: join(shots, 'lab-compare.png'), fullPage: true });
      }

      // Sign out returns to the sign-in form.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Email').waitFor();

      assert.deepEqual(outside, [], 'no request leaves the lab');
      const unexpected = errors.filter((e) => !/status of 401/.test(e));
      assert.deepEqual(unexpected, [], 'no console errors');
    } finally {
      await ui.close();
    }
  },
);
