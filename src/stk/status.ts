/** PoR response status codes (ETSI TS 102 225 §5.1.2, table 5.2). */
export const POR_STATUS: Readonly<Record<number, { name: string; text: string }>> = {
  0x00: { name: 'por-ok', text: 'PoR OK' },
  0x01: { name: 'checksum-failed', text: 'RC/CC/DS failed' },
  0x02: { name: 'cntr-low', text: 'CNTR low' },
  0x03: { name: 'cntr-high', text: 'CNTR high' },
  0x04: { name: 'cntr-blocked', text: 'CNTR blocked' },
  0x05: { name: 'ciphering-error', text: 'ciphering error' },
  0x06: { name: 'unidentified-security-error', text: 'unidentified security error' },
  0x07: { name: 'insufficient-memory', text: 'insufficient memory to process incoming message' },
  0x08: { name: 'more-time', text: 'more time needed to process the command' },
  0x09: { name: 'tar-unknown', text: 'TAR unknown' },
  0x0a: { name: 'insufficient-security-level', text: 'insufficient security level' },
  0x0b: { name: 'response-in-submit', text: 'actual response data sent using SMS-SUBMIT' },
  0x0c: {
    name: 'response-via-ussd',
    text: 'actual response data sent using a ProcessUnstructuredSS-Request',
  },
};

export function porStatusName(code: number): string {
  return POR_STATUS[code]?.name ?? 'reserved';
}

export function porStatusText(code: number): string {
  return POR_STATUS[code]?.text ?? `reserved status 0x${code.toString(16).padStart(2, '0')}`;
}
