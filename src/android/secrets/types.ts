import type { Confidence } from '../../core/findings.js';
import type { JwtInfo } from './jwt.js';

/** What a hit is; each dfslab secrets check reports one kind. */
export type SecretKind = 'private-key' | 'api-key' | 'jwt' | 'url-credentials' | 'password' | 'high-entropy';

export type SecretHit = {
  kind: SecretKind;
  /** Stable detector id, e.g. 'aws-access-key-id', 'stripe-secret-key', 'pem-private-key'. */
  detector: string;
  /** Human name of what was found, e.g. 'AWS access key id'. */
  label: string;
  /** The service the credential is for, when the format says so ('AWS', 'Stripe', …). */
  provider?: string;
  /** The secret itself. NEVER put this in a report: use `redacted`. */
  secret: string;
  /** Character index of the secret in the scanned text. */
  index: number;
  /** `abcd…yz (40 chars)`. */
  redacted: string;
  confidence: Confidence;
  /** The name that gave the context (variable, key, resource), for context-based hits. */
  name?: string;
  /** For JWTs: the decoded header/payload facts. */
  jwt?: JwtInfo;
};
