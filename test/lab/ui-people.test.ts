/**
 * People and tokens in the web UI, in headless Chromium (Debian's package via playwright-core)
 * against a real `serveLab` on PGlite: the first admin adds a member (the one-time password is
 * shown once), creates and revokes an API token; the member signs in with the one-time password,
 * is made to choose their own, and sees the audits; the admin disables them (sign-in refused) and
 * reads the audit log, filtered. Screenshots go to test-output/screenshots/lab-people-*.png.
 * No console error beyond the expected 401/403s, and no request may leave the lab's own origin.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { requireTool } from '../helpers.js';
import { openUiLab } from './ui-lab.js';

const MEMBER = 'zoe@lab.example';
const MEMBER_NAME = 'Zoë Ñandú 李';
const MEMBER_PASSWORD = 'a passphrase only Zoë knows';
async function signIn(page: Page, email: string, password: string): Promise<void> {
  // Signing out routes twice (the explicit call and the hashchange), which may redraw the form
  // under a fast typist: fill until both fields hold what was typed.
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Email').waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    const typed = [
      await page.getByLabel('Email').inputValue(),
      await page.getByLabel('Password').inputValue(),
    ];
    if (typed[0] === email && typed[1] === password) break;
    await page.waitForTimeout(100);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Email').waitFor();
}

test(
  'the lab web UI: members, one-time passwords, tokens and the audit log',
  { timeout: 180_000 },
  async (t) => {
    if (!requireTool(t, 'chromium')) return;
    const ui = await openUiLab('ui-people');
    const { page, outside, errors, shots } = ui;
    try {
      const adminPassword = ui.adminPassword;
      assert.ok(adminPassword.length >= 20, 'the first admin password is printed');
      await page.goto(ui.url);
      await signIn(page, 'admin@dfslab.local', adminPassword);
      await page.getByRole('heading', { name: 'Audits', exact: true }).waitFor();
      const nav = await page.locator('nav').innerText();
      for (const l of ['Members', 'Tokens', 'Audit log', 'Organisations']) assert.match(nav, new RegExp(l));

      // The account page, from the name in the bar: change password, sign out everywhere else.
      await page.getByRole('link', { name: /^Administrator · Lab operator · admin$/ }).click();
      await page.getByRole('heading', { name: 'Change your password' }).waitFor();
      await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
      await page.getByText('No other session was open.').waitFor();

      // The admin adds a member: the one-time password is shown once, with a copy button.
      await page.getByRole('link', { name: 'Members' }).click();
      await page.getByRole('heading', { name: 'Add a member' }).waitFor();
      // with the keyboard only: type, Tab, type, Enter (the role defaults to analyst)
      await page.getByLabel('Email').focus();
      await page.keyboard.type(MEMBER);
      await page.keyboard.press('Tab');
      await page.keyboard.type(MEMBER_NAME);
      await page.keyboard.press('Enter');
      const secret = page.getByRole('region', { name: `One-time password for ${MEMBER}` });
      await secret.waitFor();
      const oneTime = (await secret.locator('code').innerText()).trim();
      assert.match(oneTime, /^[A-Za-z0-9_-]{24}$/);
      // focus moves to the shown secret
      await page
        .locator('h2:focus', { hasText: `One-time password for ${MEMBER}` })
        .waitFor({ timeout: 5000 });
      await secret.getByRole('button', { name: 'Copy' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /Copied to the clipboard|Press Ctrl\+C/ })
        .waitFor();
      const row = page.locator('table.members tbody tr', { hasText: MEMBER });
      await row.getByText('password not yet chosen').waitFor();
      assert.match(await row.innerText(), new RegExp(`${MEMBER_NAME}.*analyst`, 'is'));
      await page.screenshot({ path: join(shots, 'lab-people-member-added.png'), fullPage: true });

      // A token: created (secret shown once), works, is revoked, stops working.
      await page.getByRole('link', { name: 'Tokens' }).click();
      await page.getByLabel('Token name').fill('ci-pipeline');
      await page.getByLabel('Token role').selectOption('viewer');
      await page.getByRole('button', { name: 'Create token' }).click();
      const tokenPanel = page.getByRole('region', { name: 'Token “ci-pipeline”' });
      await tokenPanel.waitFor();
      const token = (await tokenPanel.locator('code').innerText()).trim();
      assert.match(token, /^dfs_[A-Za-z0-9_-]{43}$/);
      const bearer = { headers: { authorization: `Bearer ${token}` } };
      assert.equal((await fetch(`${ui.url}/api/me`, bearer)).status, 200);
      const tokenRow = page.locator('table.grid tbody tr', { hasText: 'ci-pipeline' });
      await tokenRow.getByText('active', { exact: true }).waitFor();
      await page.screenshot({ path: join(shots, 'lab-people-token.png'), fullPage: true });
      await tokenRow.getByRole('button', { name: 'Revoke token ci-pipeline' }).click();
      await tokenRow.getByText('revoked', { exact: true }).waitFor();
      assert.equal((await fetch(`${ui.url}/api/me`, bearer)).status, 401);
      await signOut(page);

      // The member signs in with the one-time password and must choose their own first.
      await signIn(page, MEMBER, oneTime);
      await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      assert.equal(await page.locator('nav a').count(), 0, 'no links while the password is one-time');
      await page.goto(`${ui.url}/#/members`);
      await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
      await page.getByLabel('One-time password').fill(oneTime);
      await page.getByLabel('New password', { exact: true }).fill(MEMBER_PASSWORD);
      await page.getByLabel('New password again').fill('a different one entirely');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('The two new passwords differ.').waitFor();
      await page.getByLabel('New password again').fill(MEMBER_PASSWORD);
      await page.screenshot({ path: join(shots, 'lab-people-forced-password.png') });
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('heading', { name: 'Audits', exact: true }).waitFor();
      assert.match(await page.locator('nav').innerText(), /Zoë Ñandú 李 · Lab operator · analyst/);
      assert.doesNotMatch(await page.locator('nav').innerText(), /Audit log|Organisations/);
      // An analyst reads the members list without the admin controls.
      await page.getByRole('link', { name: 'Members' }).click();
      await page.getByText('Only the organisation’s admins add or change members.').waitFor();
      assert.equal(await page.getByRole('button', { name: /Disable/ }).count(), 0);
      await signOut(page);

      // The admin disables the member; their sign-in is then refused.
      await signIn(page, 'admin@dfslab.local', adminPassword);
      await page.getByRole('heading', { name: 'Audits', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Members' }).click();
      await page.getByRole('button', { name: `Disable ${MEMBER}` }).click();
      await page.locator('table.members tbody tr', { hasText: MEMBER }).getByText('disabled').waitFor();
      // focus stays on the toggled control
      await page.locator(`button:focus[aria-label="Enable ${MEMBER}"]`).waitFor({ timeout: 5000 });
      await page.screenshot({ path: join(shots, 'lab-people-disabled.png'), fullPage: true });

      // The audit log shows who did what, and filters by action.
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByRole('heading', { name: 'Audit log' }).waitFor();
      const log = page.locator('table.log tbody');
      await log.getByText('member.disable').waitFor();
      for (const a of ['member.add', 'token.create', 'token.revoke', 'password.change'])
        assert.ok((await log.getByText(a, { exact: true }).count()) > 0, a);
      await page.getByLabel('Action').selectOption('member');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL(/#\/audit-log\?action=member$/);
      // the unfiltered table is replaced: wait until no other action is left
      await log.locator('tr', { hasNotText: 'member.' }).first().waitFor({ state: 'detached' });
      await log.getByText('member.add').waitFor();
      const actions = await log.locator('td code').allInnerTexts();
      assert.ok(actions.length >= 2 && actions.every((a) => a.startsWith('member.')), actions.join(', '));
      assert.equal(
        await page.getByRole('button', { name: 'Older entries' }).isVisible(),
        false,
        'one page only',
      );
      await page.screenshot({ path: join(shots, 'lab-people-audit-log.png'), fullPage: true });

      // The lab operator creates an organisation with its first admin.
      await page.getByRole('link', { name: 'Organisations' }).click();
      await page.getByLabel('Organisation name').fill('Банк Ñandú 銀行');
      await page.getByLabel('Type').selectOption('central bank');
      await page.getByLabel('Country').fill('ke');
      await page.getByLabel('First admin’s email').fill('chef@bank.example');
      await page.getByLabel('First admin’s name').fill('Chef');
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await page.getByRole('region', { name: 'One-time password for chef@bank.example' }).waitFor();
      const orgRow = page.locator('table.grid tbody tr', { hasText: 'Банк Ñandú 銀行' });
      assert.match(await orgRow.innerText(), /central bank\s+KE\s+1/);
      await page.screenshot({ path: join(shots, 'lab-people-orgs.png'), fullPage: true });
      await signOut(page);

      await signIn(page, MEMBER, MEMBER_PASSWORD);
      await page.getByText(/this account is disabled/).waitFor();

      assert.deepEqual(outside, [], 'no request leaves the lab');
      const unexpected = errors.filter((e) => !/status of 40[13]/.test(e));
      assert.deepEqual(unexpected, [], 'no console errors');
    } catch (e) {
      await page
        .screenshot({ path: join(shots, 'lab-people-failure.png'), fullPage: true })
        .catch(() => undefined);
      throw e;
    } finally {
      await ui.close();
    }
  },
);
