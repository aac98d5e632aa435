/**
 * The SMS-PP envelope (3GPP TS 23.040): SMS-DELIVER (command packets, PID 0x7F) and SMS-SUBMIT
 * (PoR sent by the card), the user data header with the command/response packet identifiers
 * (IEI 0x70 / 0x71) and concatenation (IEI 0x00 / 0x08), and reassembly of concatenated parts.
 */
import type { Anomaly } from '../core/anomaly.js';
import { FormatError, LimitError } from '../core/errors.js';
import { concat, toHex } from './hex.js';

export const IEI = { CONCAT8: 0x00, CONCAT16: 0x08, COMMAND_PACKET: 0x70, RESPONSE_PACKET: 0x71 } as const;
export const PID_SIM_DATA_DOWNLOAD = 0x7f;
const SCTS_LEN = 7;
const MAX_ADDRESS_DIGITS = 20;
/** At most this many concatenated parts (the reference counts to 255). */
export const MAX_PARTS = 255;

export type InformationElement = { iei: number; data: Uint8Array };
export type Concat = { ref: number; total: number; seq: number };

export type SmsTpdu = {
  mti: 'deliver' | 'submit';
  firstOctet: number;
  udhi: boolean;
  /** Originating (DELIVER) or destination (SUBMIT) address digits. */
  address: string;
  addressType: number;
  pid: number;
  dcs: number;
  /** 8-bit data per the DCS (OTA needs 8-bit). */
  eightBit: boolean;
  scts?: string;
  udl: number;
  /** The UDH including its length octet, when UDHI is set. */
  udh?: Uint8Array;
  ies: InformationElement[];
  concat?: Concat;
  /** True when the UDH carries IEI 0x70 (command packet) / 0x71 (response packet). */
  commandPacket: boolean;
  responsePacket: boolean;
  /** User data after the UDH. */
  payload: Uint8Array;
  anomalies: Anomaly[];
};

const FMT = 'sms-tpdu';

function need(b: Uint8Array, off: number, n: number, what: string): void {
  if (off + n > b.length)
    throw new FormatError(
      FMT,
      off,
      `truncated ${what}: need ${n} bytes, ${Math.max(0, b.length - off)} available`,
    );
}

function readAddress(b: Uint8Array, off: number): { digits: string; type: number; next: number } {
  need(b, off, 2, 'address');
  const nDigits = b[off];
  if (nDigits > MAX_ADDRESS_DIGITS)
    throw new FormatError(FMT, off, `address of ${nDigits} digits is longer than ${MAX_ADDRESS_DIGITS}`);
  const type = b[off + 1];
  const nBytes = Math.ceil(nDigits / 2);
  need(b, off + 2, nBytes, 'address digits');
  let digits = '';
  for (let i = 0; i < nBytes; i++) {
    const v = b[off + 2 + i];
    digits += semiOctet(v & 0x0f);
    if (digits.length < nDigits) digits += semiOctet(v >> 4);
  }
  return { digits, type, next: off + 2 + nBytes };
}

function semiOctet(n: number): string {
  return '0123456789*#abc'[n] ?? '';
}

/** Parses the user data header (UDHL included). */
export function parseUdh(udh: Uint8Array, base = 0): { ies: InformationElement[]; anomalies: Anomaly[] } {
  const ies: InformationElement[] = [];
  const anomalies: Anomaly[] = [];
  let i = 1;
  while (i < udh.length) {
    if (i + 2 > udh.length) throw new FormatError(FMT, base + i, 'truncated information element header');
    const iei = udh[i];
    const len = udh[i + 1];
    if (i + 2 + len > udh.length)
      throw new FormatError(
        FMT,
        base + i,
        `information element 0x${iei.toString(16)} of ${len} bytes overruns the UDH`,
      );
    ies.push({ iei, data: udh.slice(i + 2, i + 2 + len) });
    i += 2 + len;
  }
  return { ies, anomalies };
}

function concatOf(ies: InformationElement[]): Concat | undefined {
  for (const ie of ies) {
    if (ie.iei === IEI.CONCAT8 && ie.data.length === 3)
      return { ref: ie.data[0], total: ie.data[1], seq: ie.data[2] };
    if (ie.iei === IEI.CONCAT16 && ie.data.length === 4)
      return { ref: (ie.data[0] << 8) | ie.data[1], total: ie.data[2], seq: ie.data[3] };
  }
  return undefined;
}

/** True when the DCS codes 8-bit data (general data coding or the F0 group). */
export function isEightBitDcs(dcs: number): boolean {
  if ((dcs & 0xc0) === 0x00) return ((dcs >> 2) & 0x03) === 1;
  if ((dcs & 0xf0) === 0xf0) return (dcs & 0x04) !== 0;
  if ((dcs & 0xc0) === 0x40) return ((dcs >> 2) & 0x03) === 1;
  return false;
}

/** Parses an SMS-DELIVER or SMS-SUBMIT TPDU (as the ME hands it over, no SMSC address). */
export function parseTpdu(b: Uint8Array): SmsTpdu {
  need(b, 0, 1, 'first octet');
  const first = b[0];
  const mtiBits = first & 0x03;
  if (mtiBits !== 0 && mtiBits !== 1)
    throw new FormatError(FMT, 0, `TP-MTI ${mtiBits} is neither SMS-DELIVER (0) nor SMS-SUBMIT (1)`);
  const mti = mtiBits === 0 ? 'deliver' : 'submit';
  const anomalies: Anomaly[] = [];
  let off = 1;
  if (mti === 'submit') off += 1; // TP-MR
  const addr = readAddress(b, off);
  off = addr.next;
  need(b, off, 2, 'PID and DCS');
  const pid = b[off];
  const dcs = b[off + 1];
  off += 2;
  let scts: string | undefined;
  if (mti === 'deliver') {
    need(b, off, SCTS_LEN, 'TP-SCTS');
    scts = toHex(b.subarray(off, off + SCTS_LEN));
    off += SCTS_LEN;
  } else {
    const vpf = (first >> 3) & 0x03;
    off += vpf === 0 ? 0 : vpf === 2 ? 1 : 7;
  }
  need(b, off, 1, 'TP-UDL');
  const udl = b[off];
  off += 1;
  const ud = b.subarray(off);
  const eightBit = isEightBitDcs(dcs);
  if (!eightBit)
    anomalies.push({
      format: FMT,
      code: 'not-8bit-dcs',
      severity: 'warning',
      message: `DCS 0x${dcs.toString(16)} does not code 8-bit data; read as octets anyway`,
      offset: off - 1,
    });
  if (udl !== ud.length)
    anomalies.push({
      format: FMT,
      code: 'udl-mismatch',
      severity: 'warning',
      message: `TP-UDL says ${udl}, ${ud.length} octets follow (the octets are used)`,
      offset: off - 1,
    });
  if (pid !== PID_SIM_DATA_DOWNLOAD)
    anomalies.push({
      format: FMT,
      code: 'pid-not-sim-download',
      severity: 'info',
      message: `TP-PID 0x${pid.toString(16)} is not 0x7f ((U)SIM data download)`,
      offset: addr.next,
    });
  const udhi = (first & 0x40) !== 0;
  let udh: Uint8Array | undefined;
  let ies: InformationElement[] = [];
  let payload = ud;
  if (udhi) {
    need(b, off, 1, 'UDHL');
    const udhl = ud[0];
    need(b, off + 1, udhl, 'user data header');
    udh = ud.subarray(0, udhl + 1);
    ies = parseUdh(udh, off).ies;
    payload = ud.subarray(udhl + 1);
  }
  const tpdu: SmsTpdu = {
    mti,
    firstOctet: first,
    udhi,
    address: addr.digits,
    addressType: addr.type,
    pid,
    dcs,
    eightBit,
    udl,
    ies,
    commandPacket: ies.some((ie) => ie.iei === IEI.COMMAND_PACKET),
    responsePacket: ies.some((ie) => ie.iei === IEI.RESPONSE_PACKET),
    payload,
    anomalies,
  };
  if (scts !== undefined) tpdu.scts = scts;
  if (udh) tpdu.udh = udh;
  const c = concatOf(ies);
  if (c) tpdu.concat = c;
  return tpdu;
}

/**
 * Joins the parts of a concatenated SMS (any order) into one payload. The command/response packet
 * identifier is carried by the first part. Throws FormatError on missing, duplicate or foreign parts.
 */
export function reassemble(parts: readonly SmsTpdu[]): { payload: Uint8Array; first: SmsTpdu } {
  if (parts.length === 0) throw new FormatError(FMT, 0, 'no SMS parts');
  if (parts.length > MAX_PARTS) throw new LimitError(FMT, 'parts', parts.length, MAX_PARTS);
  if (parts.length === 1 && !parts[0].concat) return { payload: parts[0].payload, first: parts[0] };
  const c0 = parts[0].concat;
  if (!c0) throw new FormatError(FMT, 0, 'several SMS given but the first has no concatenation header');
  if (c0.total !== parts.length)
    throw new FormatError(FMT, 0, `concatenated SMS of ${c0.total} parts, ${parts.length} given`);
  const bySeq = new Map<number, SmsTpdu>();
  for (const [i, p] of parts.entries()) {
    if (!p.concat || p.concat.ref !== c0.ref || p.concat.total !== c0.total)
      throw new FormatError(FMT, 0, `part ${i + 1} does not belong to message reference ${c0.ref}`);
    if (p.concat.seq < 1 || p.concat.seq > c0.total)
      throw new FormatError(
        FMT,
        0,
        `part ${i + 1} has sequence number ${p.concat.seq} outside 1..${c0.total}`,
      );
    if (bySeq.has(p.concat.seq))
      throw new FormatError(FMT, 0, `sequence number ${p.concat.seq} appears twice`);
    bySeq.set(p.concat.seq, p);
  }
  const ordered = [...bySeq.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
  return { payload: concat(...ordered.map((p) => p.payload)), first: ordered[0] };
}

function encodeAddress(digits: string, type: number): Uint8Array {
  const d = digits.replace(/[^0-9*#abc]/gi, '');
  const out = [d.length, type];
  for (let i = 0; i < d.length; i += 2) {
    const lo = '0123456789*#abc'.indexOf(d[i].toLowerCase());
    const hi = i + 1 < d.length ? '0123456789*#abc'.indexOf(d[i + 1].toLowerCase()) : 0x0f;
    out.push((hi << 4) | lo);
  }
  return new Uint8Array(out);
}

export type BuildDeliverInput = {
  /** A command packet (CPL…) to wrap. */
  packet: Uint8Array;
  originator?: string;
  dcs?: number;
  /** 7 octets, hex. */
  scts?: string;
  /** Largest user data per SMS (140); longer packets are split into concatenated parts. */
  maxUserData?: number;
  /** Concatenation reference (8-bit). */
  ref?: number;
};

/** Wraps a command packet into one or more SMS-DELIVER TPDUs (PID 0x7F, UDH 70 00). */
export function buildDeliverTpdus(input: BuildDeliverInput): Uint8Array[] {
  const max = input.maxUserData ?? 140;
  const oa = encodeAddress(input.originator ?? '12345678', 0x81);
  const scts = Buffer.from(input.scts ?? '00000000000000', 'hex');
  const mk = (udh: Uint8Array, payload: Uint8Array): Uint8Array =>
    concat(
      new Uint8Array([0x40]),
      oa,
      new Uint8Array([PID_SIM_DATA_DOWNLOAD, input.dcs ?? 0xf6]),
      scts,
      new Uint8Array([udh.length + payload.length]),
      udh,
      payload,
    );
  const single = new Uint8Array([0x02, IEI.COMMAND_PACKET, 0x00]);
  if (single.length + input.packet.length <= max) return [mk(single, input.packet)];
  const ref = (input.ref ?? 0) & 0xff;
  const firstRoom = max - 8; // UDHL + 70 00 + 00 03 ref total seq
  const room = max - 6;
  const chunks: Uint8Array[] = [input.packet.subarray(0, firstRoom)];
  for (let o = firstRoom; o < input.packet.length; o += room) chunks.push(input.packet.subarray(o, o + room));
  if (chunks.length > MAX_PARTS) throw new LimitError(FMT, 'parts', chunks.length, MAX_PARTS);
  return chunks.map((c, i) => {
    const cc = [IEI.CONCAT8, 3, ref, chunks.length, i + 1];
    const ies = i === 0 ? [...cc, IEI.COMMAND_PACKET, 0] : cc;
    return mk(new Uint8Array([ies.length, ...ies]), c);
  });
}
