/**
 * A simulated UICC for the end-to-end tests: it applies a configured OTA security policy to each
 * incoming command packet and answers with a PoR the way a real card does (TS 102 225 §5.2),
 * including the weak behaviours SIMtester classifies.
 */
import type { CommandPacket } from '../../src/stk/index.js';
import { isDfslabError } from '../../src/core/errors.js';
import { buildResponsePacket, decodeCommandPacket } from '../../src/stk/index.js';

export type TarPolicy = {
  minChecksum: 'none' | 'rc' | 'cc';
  /** Enforce CNTR higher than the card's (and refuse SPIs without counter checking). */
  counterCheck: boolean;
  /** Verify the CC (false: a broken card that processes any CC). */
  verifyChecksum: boolean;
};

export type CardPolicy = {
  keys: { kic: Uint8Array; kid: Uint8Array };
  /** KIc/KID octets of the card's keyset (index and algorithm). */
  kic: number;
  kid: number;
  tars: Record<string, TarPolicy>;
  /** On an error, still sign the PoR (with the KID key) when the SPI asks for a PoR CC. */
  signPorOnError: boolean;
  /** On an error, echo the deciphered CNTR in the (clear) PoR. */
  echoDecryptedOnError: boolean;
};

const RANK = { none: 0, rc: 1, cc: 2, ds: 3 } as const;

export class SimCard {
  private readonly counters = new Map<string, number>();
  constructor(private readonly policy: CardPolicy) {}

  /** Processes one command packet; returns the PoR bytes (with UDH) or undefined when none is due. */
  receive(bytes: Uint8Array): Uint8Array | undefined {
    let p: CommandPacket;
    try {
      p = decodeCommandPacket(bytes, this.policy.keys);
    } catch (e) {
      if (!isDfslabError(e)) throw e;
      return undefined; // a card drops what it cannot parse
    }
    const tp = this.policy.tars[p.tar];
    const status = this.judge(p, tp);
    if (p.spi.por === 'none' || (p.spi.por === 'on-error' && status === 0)) return undefined;
    const security = { spi: p.spi, kic: p.kic.raw, kid: p.kid.raw };
    if (status === 0) {
      return buildResponsePacket({
        security,
        tar: p.tar,
        cntr: p.cntr ?? 0,
        status,
        data: new Uint8Array([0x01, 0x90, 0x00]),
        keys: this.policy.keys,
      });
    }
    const sign = this.policy.signPorOnError && p.spi.porChecksum === 'cc';
    return buildResponsePacket({
      security,
      tar: p.tar,
      cntr: this.policy.echoDecryptedOnError ? (p.cntr ?? 0) : 0,
      status,
      keys: this.policy.keys,
      forceClear: true,
      omitChecksum: !sign,
    });
  }

  private judge(p: CommandPacket, tp: TarPolicy | undefined): number {
    if (!tp) return 0x09;
    if (RANK[p.spi.checksum] < RANK[tp.minChecksum]) return 0x0a;
    if (tp.counterCheck && (p.spi.counter === 'none' || p.spi.counter === 'present')) return 0x0a;
    if (
      p.spi.checksum !== 'none' &&
      (p.kic.raw !== this.policy.kic || p.kid.raw !== this.policy.kid) &&
      p.spi.checksum === 'cc'
    )
      return 0x06;
    if (p.spi.ciphered && !p.readable) return 0x05;
    if (p.verification && p.verification.status !== 'ok' && tp.verifyChecksum) return 0x01;
    const last = this.counters.get(p.tar) ?? 0;
    const cntr = p.cntr ?? 0;
    if (tp.counterCheck) {
      if (p.spi.counter === 'higher' && cntr <= last) return 0x02;
      if (p.spi.counter === 'one-higher' && cntr !== last + 1) return cntr <= last ? 0x02 : 0x03;
      this.counters.set(p.tar, cntr);
    }
    return 0x00;
  }
}
