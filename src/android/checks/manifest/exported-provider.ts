import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { ManifestEvidence } from '../../../core/findings.js';
import { componentEvidence, isDisabled, lower, shortName, valueOf } from './lib/util.js';

/**
 * A content provider other apps can reach with no read or write permission: every row it
 * serves (transactions, contacts, tokens) is readable, and writable, by any installed app.
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-005',
  name: 'exported-provider',
  title: 'Exported content provider without permission',
  severity: 'high',
  confidence: 'high',
  refs: { masvs: ['MASVS-PLATFORM-1', 'MASVS-STORAGE-2'], cwe: [926, 200], figi: [] },
  needs: ['manifest'],
  messages: {
    open: 'Provider {name} (authorities {authorities}) is exported ({reason}) with no permission, readPermission or writePermission: any app can query, insert, update and delete its data{grant}.',
    readOpen:
      'Provider {name} (authorities {authorities}) is exported ({reason}) and only writes are protected ({write}): any app can read its data{grant}.',
    writeOpen:
      'Provider {name} (authorities {authorities}) is exported ({reason}) and only reads are protected ({read}): any app can insert, update or delete its data{grant}.',
    legacyDefault:
      'Provider {name} (authorities {authorities}) sets no android:exported and minSdkVersion is {min}: on Android 4.1 and lower providers are exported by default, so there it is open to every app.',
  },
  remediation:
    'Set android:exported="false" on providers used only inside the app. A provider shared with your own apps needs android:readPermission and android:writePermission (or android:permission) naming a permission declared with android:protectionLevel="signature". Use parameterised queries in the provider, and restrict android:grantUriPermissions with <grant-uri-permission> paths.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m) return;
    for (const c of m.components) {
      if (c.kind !== 'provider') continue;
      const legacyOnly = !c.exported.effective && c.exported.exportedOnLegacyDevices === true;
      if (!c.exported.effective && !legacyOnly) continue;
      const read = c.effectiveReadPermission;
      const write = c.effectiveWritePermission;
      if (read !== undefined && write !== undefined) continue; // protected: AND-MANIFEST-007 judges the level
      const disabled = isDisabled(m, c);
      const grantAttr = c.grantUriPermissions;
      const grant =
        valueOf(grantAttr) === true
          ? ', and android:grantUriPermissions="true" lets it hand out access to any of its URIs'
          : '';
      const evidence: ManifestEvidence[] = [componentEvidence(c)];
      if (c.authorities) evidence.push(manifestEvidence(c.authorities));
      if (grant && grantAttr) evidence.push(manifestEvidence(grantAttr));
      const data = {
        name: shortName(m, c) + (disabled ? ' (disabled)' : ''),
        authorities: (valueOf(c.authorities) ?? []).join(';') || '(none)',
        reason:
          c.exported.reason === 'explicit'
            ? 'android:exported="true"'
            : c.exported.reason === 'unresolved'
              ? 'android:exported could not be resolved'
              : `default for targetSdkVersion ${ctx.targetSdk}`,
        grant,
        read: read ?? '',
        write: write ?? '',
        min: ctx.minSdk,
      };
      const messageId = legacyOnly
        ? 'legacyDefault'
        : read === undefined && write === undefined
          ? 'open'
          : read === undefined
            ? 'readOpen'
            : 'writeOpen';
      const base = messageId === 'legacyDefault' ? 'low' : messageId === 'writeOpen' ? 'medium' : 'high';
      report({ messageId, data, evidence, severity: disabled ? lower(base) : base });
    }
  },
});
