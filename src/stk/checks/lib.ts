/** Shared helpers of the STK checks: the definer, evidence builders and PoR predicates. */
import { checkDefiner } from '../../core/check.js';
import type { ExternalReference, PacketEvidence } from '../../core/findings.js';
import { toHex } from '../hex.js';
import type { ResponsePacket } from '../response.js';
import { hex2 } from '../spi.js';
import { lookupTar } from '../tar.js';
import type { Exchange, ProfileEntry, StkAuditContext } from '../audit/types.js';

export const defineStkCheck = checkDefiner<StkAuditContext>();

export const TS_102_225: ExternalReference = {
  name: 'ETSI TS 102 225 (secured packet structure for UICC applications)',
  url: 'https://www.etsi.org/deliver/etsi_ts/102200_102299/102225/',
};
export const TS_31_115: ExternalReference = {
  name: '3GPP TS 31.115 (secured packet structure for (U)SIM Toolkit applications)',
  url: 'https://www.3gpp.org/dynareport/31115.htm',
};
export const SRLABS_SIMTESTER: ExternalReference = {
  name: 'SRLabs SIMtester',
  url: 'https://opensource.srlabs.de/projects/simtester',
};

/** PoR statuses meaning "the card processed the command" (OK, or answer sent another way). */
export const PROCESSED = new Set([0x00, 0x0b, 0x0c]);

export function tarLabel(tar: string): string {
  const k = lookupTar(tar);
  return k ? `${tar} (${k.name})` : tar;
}

/** Evidence for a profile row: the SPI octet 1 the row's minimum security amounts to. */
export function profileEvidence(e: ProfileEntry, field: string, hex: string, note?: string): PacketEvidence {
  return {
    kind: 'packet',
    hex,
    field: `profile TAR ${e.tar} ${field}`,
    note: note ?? `profile row ${e.row}${e.name ? ` (${e.name})` : ''}`,
  };
}

export function commandEvidence(ex: Exchange, field: string, note?: string): PacketEvidence {
  const tar = ex.command?.tar ?? '?';
  return {
    kind: 'packet',
    hex: ex.commandHex,
    field: `TAR ${tar} command ${field}`,
    note: note ?? `exchange ${ex.index}${ex.note ? `: ${ex.note}` : ''}`,
  };
}

export function responseEvidence(ex: Exchange, field: string, note?: string): PacketEvidence {
  const tar = ex.command?.tar ?? ex.response?.tar ?? '?';
  const r = ex.response;
  const hex = r ? (r.udh ? toHex(r.udh) : '') + toHex(r.raw) : (ex.responseHex ?? '');
  return {
    kind: 'packet',
    hex,
    field: `TAR ${tar} PoR ${field}`,
    note: note ?? `exchange ${ex.index}${ex.note ? `: ${ex.note}` : ''}`,
  };
}

/** The PoR is readable in clear by anyone on the path. */
export function porInClear(r: ResponsePacket): boolean {
  return r.state === 'clear' && r.status !== undefined;
}

export function nonZero(b: Uint8Array | undefined): boolean {
  return !!b && b.some((x) => x !== 0);
}

export function spiHex(ex: Exchange): string {
  const c = ex.command;
  return c ? `${hex2(c.spiBytes[0])}${hex2(c.spiBytes[1])}` : '';
}

/** Exchanges with a decoded command, first one per key (so one finding per TAR, not per packet). */
export function firstPerKey<T>(items: readonly T[], key: (t: T) => string | undefined): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const it of items) {
    const k = key(it);
    if (k === undefined || seen.has(k)) continue;
    seen.add(k);
    out.push(it);
  }
  return out;
}

export function countPerKey<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = key(it);
    if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
