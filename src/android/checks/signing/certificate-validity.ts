import { defineAndroidCheck } from '../../audit/context.js';
import { signerEvidence, signingCertificates } from './lib/signers.js';

/** Google Play refuses new apps whose signing certificate expires before this date. */
const PLAY_MIN_NOT_AFTER = Date.UTC(2033, 9, 22);

/**
 * Android ignores certificate dates when it checks an APK, so dates are hygiene, not a break: an
 * expired or very short-lived certificate says the key was made for testing, and Play rejects
 * certificates that end before 22 October 2033.
 */
export default defineAndroidCheck({
  id: 'AND-SIGN-007',
  name: 'certificate-validity',
  title: 'Signing certificate validity is unusual',
  severity: 'info',
  confidence: 'high',
  refs: { masvs: ['MASVS-RESILIENCE-2'], cwe: [], figi: [] },
  needs: ['signing'],
  messages: {
    expired:
      'The signing certificate {subject} expired on {date}. Android still installs the app (it ignores certificate dates), but a key made for a short test lifetime is rarely managed like a release key.',
    notYetValid:
      "The signing certificate {subject} is not valid before {date}: its clock or the signing machine's was wrong.",
    short:
      'The signing certificate {subject} ends on {date}, before 22 October 2033: Google Play refuses new apps signed with it, and it was likely created for testing.',
  },
  remediation:
    'Release keys should be created once, with a validity of 25 years or more (keytool -validity 10000), and kept in an HSM or Play App Signing. To change key, use APK Signature Scheme v3 rotation or Play App Signing key upgrade.',
  run(ctx, report) {
    const signing = ctx.apk.signing;
    if (!signing) return;
    const now = Date.now();
    for (const { cert, at } of signingCertificates(signing)) {
      const from = Date.parse(cert.validFrom);
      const to = Date.parse(cert.validTo);
      const evidence = signerEvidence(
        ctx.apk,
        at,
        `certificate ${cert.subject} valid ${cert.validFrom} to ${cert.validTo}`,
      );
      const subject = cert.subject;
      if (Number.isFinite(to) && to < now)
        report({ messageId: 'expired', data: { subject, date: cert.validTo }, evidence });
      else if (Number.isFinite(from) && from > now)
        report({ messageId: 'notYetValid', data: { subject, date: cert.validFrom }, evidence });
      else if (Number.isFinite(to) && to < PLAY_MIN_NOT_AFTER)
        report({ messageId: 'short', data: { subject, date: cert.validTo }, evidence });
    }
  },
});
