/**
 * Known Toolkit Application References (TARs). Sources: ETSI TS 101 220 (TAR allocation: 000000
 * Issuer Security Domain, B0xxxx RFM); the sysmocom SJA5 test TARs quoted in pySim's test_ota.py
 * (B00000 RAM, B00010 SIM RFM, B00011 USIM RFM); the labels SIMtester gives its probed TARs (WIB
 * 000001–000009 and BFFF00–BFFFFF, S@T 505348 "PSH" and 534054 "S@T"). See
 * ../shared/docs/ussd-stk-notes.md §3.4. Entries we could not confirm say so.
 */
export type TarCategory = 'ram' | 'rfm' | 'sat-browser' | 'wib' | 'other';

export type KnownTar = {
  /** Upper-case hex, 6 digits. */
  tar: string;
  name: string;
  category: TarCategory;
  source: string;
  confirmed: boolean;
};

const PYSIM = 'pySim tests/unittests/test_ota.py (sysmocom SJA5 TARs)';
const SIMTESTER = 'SRLabs SIMtester TAR list';
const TS101220 = 'ETSI TS 101 220 (TAR values)';

export const KNOWN_TARS: readonly KnownTar[] = [
  {
    tar: '000000',
    name: 'Issuer Security Domain (card manager, RAM)',
    category: 'ram',
    source: TS101220,
    confirmed: true,
  },
  {
    tar: 'B00000',
    name: 'RAM / RFM (SJA5 tests use it for RAM)',
    category: 'ram',
    source: PYSIM,
    confirmed: true,
  },
  { tar: 'B00010', name: 'SIM RFM', category: 'rfm', source: PYSIM, confirmed: true },
  { tar: 'B00011', name: 'USIM RFM', category: 'rfm', source: PYSIM, confirmed: true },
  {
    tar: 'B20100',
    name: 'card manager (named in issue #6; not checked against a spec)',
    category: 'ram',
    source: 'issue #6',
    confirmed: false,
  },
  { tar: '505348', name: 'S@T Browser ("PSH")', category: 'sat-browser', source: SIMTESTER, confirmed: true },
  { tar: '534054', name: 'S@T Browser ("S@T")', category: 'sat-browser', source: SIMTESTER, confirmed: true },
];

const BY_TAR = new Map(KNOWN_TARS.map((t) => [t.tar, t]));

/** The known entry for a TAR, or a range match (WIB, RFM), or undefined. */
export function lookupTar(tar: string): KnownTar | undefined {
  const t = tar.toUpperCase();
  const exact = BY_TAR.get(t);
  if (exact) return exact;
  const n = Number.parseInt(t, 16);
  if (!/^[0-9A-F]{6}$/.test(t)) return undefined;
  if (n >= 0x000001 && n <= 0x000009)
    return {
      tar: t,
      name: 'Wireless Internet Browser (WIB)',
      category: 'wib',
      source: SIMTESTER,
      confirmed: true,
    };
  if (n >= 0xbfff00 && n <= 0xbfffff)
    return {
      tar: t,
      name: 'Wireless Internet Browser (WIB)',
      category: 'wib',
      source: SIMTESTER,
      confirmed: true,
    };
  if (n >= 0xb00000 && n <= 0xb0ffff)
    return {
      tar: t,
      name: 'Remote File Management (RFM) range',
      category: 'rfm',
      source: TS101220,
      confirmed: true,
    };
  return undefined;
}

export function tarCategory(tar: string): TarCategory {
  return lookupTar(tar)?.category ?? 'other';
}

/** RAM and RFM TARs manage the card's applets and files: a replay there is a takeover. */
export function isManagementTar(tar: string): boolean {
  const c = tarCategory(tar);
  return c === 'ram' || c === 'rfm';
}

export function isBrowserTar(tar: string): boolean {
  const c = tarCategory(tar);
  return c === 'sat-browser' || c === 'wib';
}
