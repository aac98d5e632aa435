import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditFixtures, findingsOf } from '../../testing/check-harness.js';
import check from './input-fields.js';

function layout(fields: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android"
    android:layout_width="match_parent" android:layout_height="match_parent">
${fields}
</LinearLayout>
`;
}

function field(attrs: string): string {
  return `    <EditText android:layout_width="match_parent" android:layout_height="wrap_content" ${attrs} />`;
}

const WEAK = layout(
  [
    field('android:id="@+id/loginscreen_username" android:hint="Username"'),
    field('android:id="@+id/txnPin" android:inputType="number"'),
    field('android:id="@+id/editText_amount" android:inputType="numberDecimal"'),
    field('android:id="@+id/note" android:hint="Note"'),
  ].join('\n'),
);

const SAFE = layout(
  [
    field('android:id="@+id/loginscreen_username" android:inputType="text|textNoSuggestions"'),
    field('android:id="@+id/loginscreen_password" android:password="true"'),
    field('android:id="@+id/txnPin" android:inputType="numberPassword"'),
    field('android:hint="@string/password_hint" android:inputType="textPassword"'),
  ].join('\n'),
);

const STRINGS = `<?xml version="1.0" encoding="utf-8"?>
<resources><string name="password_hint">Password</string></resources>
`;

test('AND-STORAGE-007 sensitive-input-fields', async (t) => {
  const [weak, safe, library] = await auditFixtures(t, check, [
    { res: { 'layout/activity_login.xml': WEAK } },
    { res: { 'layout/activity_login.xml': SAFE, 'values/strings.xml': STRINGS } },
    { res: { 'layout/abc_login.xml': WEAK } },
  ]);
  if (!weak) return;
  const f = findingsOf(weak, check.id).sort((a, b) => a.messageId.localeCompare(b.messageId));
  assert.deepEqual(
    f.map((x) => [x.messageId, x.severity]),
    [
      ['cached', 'low'],
      ['unmasked', 'medium'],
    ],
  );
  assert.equal(
    f[0].message,
    'Input field id/loginscreen_username in res/layout/activity_login.xml (line 4) takes account data but keeps keyboard suggestions on (android:inputType absent, no textNoSuggestions): the keyboard learns and suggests what is typed and it can be copied to the clipboard.',
  );
  assert.match(
    f[1].message,
    /^Input field id\/txnPin in res\/layout\/activity_login.xml \(line 5\) looks like a password or PIN but is not masked \(android:inputType 0x2\)/,
  );
  const ev = f[1].evidence[0];
  assert.equal(ev.kind, 'file');
  if (ev.kind === 'file') {
    assert.equal(ev.file, 'res/layout/activity_login.xml');
    assert.ok(typeof ev.byteOffset === 'number' && ev.byteOffset > 0);
    assert.match(ev.snippet ?? '', /EditText id\/txnPin inputType=0x2/);
  }
  assert.deepEqual(findingsOf(safe, check.id), []);
  assert.deepEqual(findingsOf(library, check.id), []);
});
