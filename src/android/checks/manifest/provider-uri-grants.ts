import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { Component } from '../../manifest/index.js';
import { isDisabled, lower, shortName, valueOf } from './lib/util.js';

const FILE_PROVIDER_META = new Set([
  'android.support.FILE_PROVIDER_PATHS',
  'androidx.core.content.FileProvider.FILE_PROVIDER_PATHS',
]);

/** FileProvider needs grantUriPermissions="true"; its scope is the paths XML, not <grant-uri-permission>. */
function isFileProvider(c: Component): boolean {
  return (
    /FileProvider$/.test(c.name) || c.metaData.some((md) => FILE_PROVIDER_META.has(valueOf(md.name) ?? ''))
  );
}

/**
 * A private provider with android:grantUriPermissions="true" and no <grant-uri-permission>
 * limits: one confused-deputy bug (an activity returning an attacker's Intent with
 * FLAG_GRANT_READ_URI_PERMISSION) hands any URI of the provider to another app.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-006',
  name: 'provider-uri-grants',
  title: 'Private provider grants URI permissions on all its paths',
  severity: 'low',
  confidence: 'medium',
  refs: { masvs: ['MASVS-PLATFORM-1'], cwe: [276], figi: [] },
  needs: ['manifest'],
  messages: {
    wholeProvider:
      'Provider {name} (authorities {authorities}) is not exported but sets android:grantUriPermissions="true" without <grant-uri-permission> paths: any of its URIs can be granted to another app through an intent carrying FLAG_GRANT_READ/WRITE_URI_PERMISSION, so one intent-redirection bug exposes all its data.',
  },
  remediation:
    'Remove android:grantUriPermissions, or replace it with <grant-uri-permission android:pathPrefix="…"> elements naming only the paths meant to be shared. Never return or forward an Intent received from another app (setResult / startActivity) without stripping its grant flags.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m) return;
    for (const c of m.components) {
      if (c.kind !== 'provider' || c.exported.effective) continue; // exported providers: AND-MANIFEST-005
      const g = c.grantUriPermissions;
      if (!g || valueOf(g) !== true || (c.grantUriPermissionElements?.length ?? 0) > 0 || isFileProvider(c))
        continue;
      report({
        messageId: 'wholeProvider',
        data: { name: shortName(m, c), authorities: (valueOf(c.authorities) ?? []).join(';') || '(none)' },
        evidence: manifestEvidence(g),
        severity: isDisabled(m, c) ? lower('low') : 'low',
      });
    }
  },
});
