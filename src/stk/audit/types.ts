/** What the STK checks read: a card OTA profile or a capture of command packets and PoRs. */
import type { CommandPacket } from '../command.js';
import type { KeyPair } from '../crypto.js';
import type { ResponsePacket } from '../response.js';
import type { CcAlgorithm, ChecksumKind, CipherAlgorithm, CounterMode, RcAlgorithm } from '../spi.js';

/** One TAR of a card profile: the minimum security the card demands there. */
export type ProfileEntry = {
  /** Upper-case hex, 6 digits. */
  tar: string;
  name?: string;
  checksum: ChecksumKind;
  ciphering: boolean;
  counter: CounterMode;
  /** Algorithms the card accepts on this TAR (from KIc/KID octets or names). */
  kicAlgorithms: CipherAlgorithm[];
  kidAlgorithms: (CcAlgorithm | RcAlgorithm)[];
  /** The card returns a PoR with a CC in clear when a command fails (vendor data or a probe). */
  signedPorOnError?: boolean;
  /** 1-based row (CSV line or JSON array index + 1). */
  row: number;
};

export type StkProfile = { name: string; entries: ProfileEntry[] };

export type Exchange = {
  /** 1-based position in the capture. */
  index: number;
  /** The command as captured (TPDU parts, UDH+packet or packet), hex. */
  commandHex: string;
  responseHex?: string;
  command?: CommandPacket;
  response?: ResponsePacket;
  /** Why the command or the response could not be decoded (a typed error's message). */
  commandError?: string;
  responseError?: string;
  /** The tester saw the card act on it (e.g. a proactive SETUP CALL / SEND SMS). */
  executed?: boolean;
  note?: string;
};

export type StkCapture = { name: string; exchanges: Exchange[]; keysGiven: boolean };

export type StkAuditContext =
  | { source: 'profile'; name: string; profile: StkProfile }
  | { source: 'capture'; name: string; capture: StkCapture };

export type StkInputOptions = { keys?: KeyPair };
