/** Human-readable text of a decoded STK packet (for `dfslab stk decode` / `verify-por`). */
import { toHex, writeUint } from '../stk/hex.js';
import type { DecodedPacket } from '../stk/input.js';
import { describeSpi, hex2 } from '../stk/spi.js';
import { lookupTar } from '../stk/tar.js';

export function formatDecoded(d: DecodedPacket): string {
  const L: string[] = [];
  if (d.sms?.length) {
    const s = d.sms[0];
    L.push(
      `SMS-${s.mti.toUpperCase()}${d.sms.length > 1 ? ` (${d.sms.length} concatenated parts)` : ''}: address ${s.address}, PID ${hex2(s.pid)}, DCS ${hex2(s.dcs)}${s.scts ? `, SCTS ${s.scts}` : ''}`,
    );
  }
  const tarLine = (tar: string) => {
    const k = lookupTar(tar);
    return `TAR    ${tar}${k ? `  ${k.name}${k.confirmed ? '' : ' (unconfirmed)'}` : ''}`;
  };
  if (d.kind === 'command') {
    const p = d.packet;
    L.push(`command packet (${p.raw.length} bytes)`);
    L.push(`CPL    ${p.cpl}`, `CHL    ${p.chl}`);
    L.push(`SPI    ${hex2(p.spiBytes[0])} ${hex2(p.spiBytes[1])}`);
    for (const s of describeSpi(p.spi)) L.push(`         ${s}`);
    L.push(`KIc    ${hex2(p.kic.raw)}  key ${p.kic.keyIndex}, ${p.kic.algorithm}`);
    L.push(`KID    ${hex2(p.kid.raw)}  key ${p.kid.keyIndex}, ${p.kid.algorithm}`);
    L.push(tarLine(p.tar));
    if (!p.readable)
      L.push(
        `ciphered part (${p.cipherText?.length ?? 0} bytes, give --kic to decipher): ${toHex(p.cipherText ?? new Uint8Array(0))}`,
      );
    else {
      if (p.ciphered) L.push('(deciphered)');
      L.push(`CNTR   ${toHex(writeUint(p.cntr ?? 0, 5))}`, `PCNTR  ${p.pcntr}`);
      if (p.checksum?.length) L.push(`${p.spi.checksum.toUpperCase().padEnd(6)} ${toHex(p.checksum)}`);
      L.push(`data   ${toHex(p.data ?? new Uint8Array(0))}`);
    }
  } else {
    const p = d.packet;
    L.push(`response packet (PoR, ${p.raw.length} bytes${p.udh ? `, UDH ${toHex(p.udh)}` : ''})`);
    L.push(`RPL    ${p.rpl}`, `RHL    ${p.rhl}`, tarLine(p.tar));
    if (p.state === 'ciphered')
      L.push(`ciphered part (give --kic to decipher): ${toHex(p.cipherText ?? new Uint8Array(0))}`);
    else {
      if (p.state === 'deciphered') L.push('(deciphered)');
      L.push(
        `CNTR   ${toHex(writeUint(p.cntr ?? 0, 5))}`,
        `PCNTR  ${p.pcntr}`,
        `STATUS ${hex2(p.status ?? 0)}  ${p.statusText}`,
      );
      if (p.checksum?.length) L.push(`RC/CC  ${toHex(p.checksum)}`);
      L.push(`data   ${toHex(p.data ?? new Uint8Array(0))}`);
      if (p.remote)
        L.push(
          `         ${p.remote.commands} command(s), last SW ${p.remote.lastStatusWord}${p.remote.lastResponseData ? `, data ${p.remote.lastResponseData}` : ''}`,
        );
    }
  }
  const v = d.packet.verification;
  if (v) {
    const what = `${v.kind.toUpperCase()} (${v.algorithm})`;
    if (v.status === 'ok') L.push(`check  ${what} OK`);
    else if (v.status === 'mismatch')
      L.push(`check  ${what} MISMATCH: received ${v.received}, computed ${v.computed}`);
    else if (v.status === 'no-key') L.push(`check  ${what} not verified: give --kid`);
    else L.push(`check  ${what} not verified (${v.status})`);
  }
  for (const a of d.anomalies) L.push(`note   ${a.code}: ${a.message}`);
  return L.join('\n') + '\n';
}
