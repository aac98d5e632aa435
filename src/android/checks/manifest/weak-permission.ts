import { defineAndroidCheck, manifestEvidence } from '../../audit/context.js';
import type { ManifestEvidence } from '../../../core/findings.js';
import type { Component } from '../../manifest/index.js';
import { GRANTABLE_PLATFORM_PERMISSIONS } from './lib/platform-permissions.js';
import { componentEvidence, declaredPermission, shortName } from './lib/util.js';

/** Permission name prefixes owned by the platform or Google Play services (defined on every device). */
const PLATFORM_PREFIXES = ['android.', 'com.android.', 'com.google.'];

function guards(c: Component): string[] {
  const out = new Set<string>();
  for (const p of [c.effectivePermission, c.effectiveReadPermission, c.effectiveWritePermission])
    if (p && !p.startsWith('@')) out.add(p);
  return [...out];
}

/**
 * An exported component guarded by a custom permission any app can obtain: protectionLevel
 * normal (granted silently at install) or dangerous (one tap), or a permission no app on the
 * device may define (whoever installs first defines it, with the level it likes).
 */
export default defineAndroidCheck({
  id: 'AND-MANIFEST-007',
  name: 'weak-custom-permission',
  title: 'Component guarded by a permission any app can obtain',
  severity: 'medium',
  confidence: 'high',
  refs: { masvs: ['MASVS-PLATFORM-1'], cwe: [276, 926], figi: [] },
  needs: ['manifest'],
  messages: {
    weak: '{kind} {name} is exported and guarded by {permission}, declared here with protectionLevel "{level}": any app can request it ({how}), so the guard stops nobody.',
    platformWeak:
      '{kind} {name} is exported and guarded by {permission}, a platform permission with protectionLevel "{level}": any app that requests it holds it, so the guard stops nobody.',
    undeclared:
      '{kind} {name} is exported and guarded by {permission}, which this app does not declare: if the app that should define it is not installed, any app can define it first, with protectionLevel normal, and then hold it.',
  },
  remediation:
    'Declare the permission in this manifest with android:protectionLevel="signature" so that only apps signed with your key hold it, or set android:exported="false" if no other app needs the component. Declare every custom permission you use, in every app that uses it.',
  run(ctx, report) {
    const m = ctx.manifest;
    if (!m) return;
    for (const c of m.components) {
      if (!c.exported.effective) continue;
      for (const p of guards(c)) {
        const decl = declaredPermission(m, p);
        const data = { kind: c.kind, name: shortName(m, c), permission: p, level: '', how: '' };
        const evidence: ManifestEvidence[] = [componentEvidence(c)];
        const platform = GRANTABLE_PLATFORM_PERMISSIONS.get(p);
        if (!decl && platform) {
          data.level = platform;
          report({
            messageId: 'platformWeak',
            data,
            evidence,
            severity: platform === 'normal' ? 'medium' : 'low',
          });
          continue;
        }
        if (!decl) {
          if (PLATFORM_PREFIXES.some((x) => p.startsWith(x))) continue;
          report({ messageId: 'undeclared', data, evidence, severity: 'low', confidence: 'medium' });
          continue;
        }
        const base = decl.protectionLevel.base;
        if (base !== 'normal' && base !== 'dangerous') continue;
        data.level = base;
        data.how =
          base === 'normal'
            ? 'granted at install, without asking the user'
            : 'granted after one runtime prompt';
        evidence.push(
          decl.protectionLevelAttr
            ? manifestEvidence(decl.protectionLevelAttr)
            : manifestEvidence(decl.at, 'android:protectionLevel'),
        );
        report({ messageId: 'weak', data, evidence, severity: base === 'normal' ? 'medium' : 'low' });
      }
    }
  },
});
