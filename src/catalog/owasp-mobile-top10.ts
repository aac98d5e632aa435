/**
 * OWASP Mobile Top 10 category names, 2016 (used by the FIGI app audit; confirmed) and 2024
 * (not confirmed in our source notes: kept as labels only, `confirmed: false`).
 */
import type { MobileTop10Entry, MobileTop10Year, SourceRef } from './types.js';

export const MOBILE_TOP10_SOURCES: Readonly<Record<MobileTop10Year, SourceRef>> = {
  2016: { source: 'OWASP-MTOP10-2016' },
  2024: { source: 'OWASP-MTOP10-2024' },
};

const e2016 = (n: number, title: string): MobileTop10Entry => ({
  id: `M${n}`,
  year: 2016,
  title,
  confirmed: true,
});
const e2024 = (n: number, title: string): MobileTop10Entry => ({
  id: `M${n}`,
  year: 2024,
  title,
  confirmed: false,
});

export const MOBILE_TOP10_2016: readonly MobileTop10Entry[] = [
  e2016(1, 'Improper Platform Usage'),
  e2016(2, 'Insecure Data Storage'),
  e2016(3, 'Insecure Communication'),
  e2016(4, 'Insecure Authentication'),
  e2016(5, 'Insufficient Cryptography'),
  e2016(6, 'Insecure Authorization'),
  e2016(7, 'Client Code Quality'),
  e2016(8, 'Code Tampering'),
  e2016(9, 'Reverse Engineering'),
  e2016(10, 'Extraneous Functionality'),
];

export const MOBILE_TOP10_2024: readonly MobileTop10Entry[] = [
  e2024(1, 'Improper Credential Usage'),
  e2024(2, 'Inadequate Supply Chain Security'),
  e2024(3, 'Insecure Authentication/Authorization'),
  e2024(4, 'Insufficient Input/Output Validation'),
  e2024(5, 'Insecure Communication'),
  e2024(6, 'Inadequate Privacy Controls'),
  e2024(7, 'Insufficient Binary Protections'),
  e2024(8, 'Security Misconfiguration'),
  e2024(9, 'Insecure Data Storage'),
  e2024(10, 'Insufficient Cryptography'),
];

/** The category 'M1'..'M10' of the given list, or undefined. */
export function mobileTop10(year: MobileTop10Year, id: string): MobileTop10Entry | undefined {
  const list = year === 2016 ? MOBILE_TOP10_2016 : MOBILE_TOP10_2024;
  return list.find((e) => e.id === id);
}
