/**
 * `dfslab stk …`: decode, build and verify SIM OTA secured packets, and audit card profiles or
 * captures. Export: `registerStkCommands(program)`. Command functions take an `StkIo` and return
 * the exit code; errors are thrown (typed) and turned into one line by main() → fail().
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { InputError } from '../core/errors.js';
import { exceedsThreshold, parseThreshold } from '../core/findings.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../core/report/index.js';
// Each STK module by name, not through stk/index.js: the audit (and the zod schemas of its profile
// and capture readers) is loaded only by `stk audit`.
import { buildCommandPacket } from '../stk/command.js';
import type { KeyPair } from '../stk/crypto.js';
import { parseHex, toHex } from '../stk/hex.js';
import { decodeSecuredPacket } from '../stk/input.js';
import type { PorSecurity } from '../stk/response.js';
import { buildDeliverTpdus } from '../stk/sms.js';
import { decodeSpi, encodeKic, encodeKid, type Spi } from '../stk/spi.js';
import { EXIT } from './exit.js';
import { formatDecoded } from './stk-format.js';

export type StkIo = { out: (s: string) => void; err: (s: string) => void };
export const PROCESS_IO: StkIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export type KeyOptions = { kic?: string; kid?: string };
export type DecodeCliOptions = KeyOptions & {
  json?: boolean;
  as?: string;
  command?: string;
  spi?: string;
  kicAlg?: string;
  kidAlg?: string;
};
export type BuildCliOptions = KeyOptions & {
  spi?: string;
  kicAlg?: string;
  kidAlg?: string;
  kicIndex?: string;
  kidIndex?: string;
  tar?: string;
  cntr?: string;
  tpdu?: boolean;
  json?: boolean;
};
export type VerifyPorCliOptions = KeyOptions & {
  command?: string;
  spi?: string;
  kicAlg?: string;
  kidAlg?: string;
  json?: boolean;
};
export type StkAuditCliOptions = KeyOptions & { format?: string; out?: string; failOn?: string };

function keysOf(o: KeyOptions): KeyPair {
  const k: KeyPair = {};
  if (o.kic) k.kic = parseHex(o.kic, '--kic');
  if (o.kid) k.kid = parseHex(o.kid, '--kid');
  return k;
}

function octetOrAlgorithm(
  v: string | undefined,
  which: 'kic' | 'kid',
  index: string | undefined,
  spi: Spi,
): number {
  if (!v)
    throw new InputError(`--${which}-alg is required (an octet such as 35, or a name such as 3des-2key)`);
  if (/^[0-9a-fA-F]{2}$/.test(v)) return Number.parseInt(v, 16);
  const idx = index === undefined ? 1 : Number(index);
  const checksum = spi.checksum === 'rc' ? 'rc' : 'cc';
  return which === 'kic' ? encodeKic(v, idx) : encodeKid(v, idx, checksum);
}

function spiOf(s: string | undefined): Spi {
  if (!s || !/^[0-9a-fA-F]{4}$/.test(s))
    throw new InputError(`--spi must be 4 hex digits (both SPI octets, e.g. 1621), got '${s ?? ''}'`);
  return decodeSpi(Number.parseInt(s.slice(0, 2), 16), Number.parseInt(s.slice(2), 16));
}

/** The PoR security from --command (the packet it answers) or --spi/--kic-alg/--kid-alg. */
function porSecurity(o: {
  command?: string;
  spi?: string;
  kicAlg?: string;
  kidAlg?: string;
}): PorSecurity | undefined {
  if (o.command) {
    const d = decodeSecuredPacket(parseHex(o.command, '--command'), { as: 'command' });
    if (d.kind !== 'command') throw new InputError('--command must be a command packet');
    return { spi: d.packet.spi, kic: d.packet.kic.raw, kid: d.packet.kid.raw };
  }
  if (!o.spi) return undefined;
  const spi = spiOf(o.spi);
  return {
    spi,
    kic: octetOrAlgorithm(o.kicAlg ?? '00', 'kic', undefined, spi),
    kid: octetOrAlgorithm(o.kidAlg ?? '00', 'kid', undefined, spi),
  };
}

export function stkDecodeCommand(hexes: string[], opts: DecodeCliOptions, io: StkIo = PROCESS_IO): number {
  const parts = hexes.map((h, i) => parseHex(h, hexes.length > 1 ? `part ${i + 1}` : 'packet'));
  const as = opts.as ?? 'auto';
  if (!['auto', 'command', 'response', 'tpdu'].includes(as))
    throw new InputError(`--as must be auto, command, response or tpdu`);
  const security = porSecurity(opts);
  const d = decodeSecuredPacket(parts.length === 1 ? parts[0] : parts, {
    keys: keysOf(opts),
    as: as as 'auto',
    ...(security ? { security } : {}),
  });
  io.out(opts.json ? JSON.stringify(d, jsonReplacer, 2) + '\n' : formatDecoded(d));
  const v = d.packet.verification;
  return v?.status === 'mismatch' ? EXIT.FINDINGS : EXIT.OK;
}

export function stkBuildCommand(apdus: string[], opts: BuildCliOptions, io: StkIo = PROCESS_IO): number {
  const spi = spiOf(opts.spi);
  if (!opts.tar) throw new InputError('--tar is required (6 hex digits, e.g. B00010)');
  const cntr = opts.cntr === undefined ? 0 : Number(opts.cntr);
  if (!Number.isSafeInteger(cntr)) throw new InputError(`--cntr must be an integer, got '${opts.cntr}'`);
  const data = new Uint8Array(Buffer.concat(apdus.map((a, i) => parseHex(a, `APDU ${i + 1}`))));
  const packet = buildCommandPacket({
    spi,
    kic: octetOrAlgorithm(opts.kicAlg ?? (spi.ciphered ? undefined : '00'), 'kic', opts.kicIndex, spi),
    kid: octetOrAlgorithm(
      opts.kidAlg ?? (spi.checksum === 'none' ? '00' : undefined),
      'kid',
      opts.kidIndex,
      spi,
    ),
    tar: opts.tar,
    cntr,
    data,
    keys: keysOf(opts),
  });
  const tpdus = opts.tpdu ? buildDeliverTpdus({ packet }).map(toHex) : undefined;
  if (opts.json)
    io.out(
      JSON.stringify(
        { packet: toHex(packet), udh: '027000' + toHex(packet), ...(tpdus ? { tpdus } : {}) },
        null,
        2,
      ) + '\n',
    );
  else io.out((tpdus ? tpdus.join('\n') : toHex(packet)) + '\n');
  return EXIT.OK;
}

export function stkVerifyPorCommand(por: string, opts: VerifyPorCliOptions, io: StkIo = PROCESS_IO): number {
  const security = porSecurity(opts);
  if (!security)
    throw new InputError(
      'verify-por needs --command HEX (the command it answers) or --spi with --kic-alg/--kid-alg',
    );
  const d = decodeSecuredPacket(parseHex(por, 'PoR'), { keys: keysOf(opts), as: 'response', security });
  if (d.kind !== 'response') throw new InputError('not a response packet');
  const p = d.packet;
  const v = p.verification;
  const verdict = !v ? 'no-checksum' : v.status;
  if (opts.json)
    io.out(
      JSON.stringify(
        { verdict, status: p.statusName ?? null, state: p.state, verification: v ?? null },
        null,
        2,
      ) + '\n',
    );
  else {
    io.out(formatDecoded(d));
    io.out(
      `verdict: ${verdict === 'ok' ? 'checksum OK' : verdict === 'mismatch' ? 'CHECKSUM MISMATCH' : verdict}\n`,
    );
  }
  if (verdict === 'mismatch') return EXIT.FINDINGS;
  return EXIT.OK;
}

function parseFormats(s: string | undefined, hasOut: boolean): ReportFormat[] {
  if (!s) return hasOut ? ['html', 'sarif', 'json'] : [];
  const list = s
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  for (const f of list)
    if (!(REPORT_FORMATS as readonly string[]).includes(f))
      throw new InputError(`unknown --format '${f}' (use ${REPORT_FORMATS.join(', ')})`);
  return [...new Set(list)] as ReportFormat[];
}

export async function stkAuditCommand(
  file: string,
  opts: StkAuditCliOptions,
  io: StkIo = PROCESS_IO,
  tool = { name: 'dfslab', version: '0.0.0' },
): Promise<number> {
  const formats = parseFormats(opts.format, !!opts.out);
  const threshold = parseThreshold(opts.failOn ?? 'none');
  if (threshold === undefined)
    throw new InputError(
      `unknown --fail-on '${opts.failOn}' (use critical, high, medium, low, info or none)`,
    );
  if (formats.length > 1 && !opts.out) throw new InputError('writing several reports needs --out DIR');
  const bytes = await readFile(file);
  const { auditStk, loadStkInput } = await import('../stk/audit/audit.js');
  const ctx = loadStkInput(bytes.toString('utf8'), basename(file), keysOf(opts));
  const { report } = auditStk(ctx, { tool, fileName: basename(file), bytes });
  if (formats.length === 1 && !opts.out) io.out(renderReport(report, formats[0]));
  else {
    const s = report.summary;
    io.out(
      `${report.target.name}: ${s.total} findings (${s.bySeverity.critical} critical, ${s.bySeverity.high} high, ${s.bySeverity.medium} medium, ${s.bySeverity.low} low); ${s.checksRun} checks\n`,
    );
    for (const f of report.findings) io.out(`  ${f.severity.padEnd(8)} ${f.checkId}  ${f.message}\n`);
    if (opts.out) {
      await mkdir(opts.out, { recursive: true });
      const stem = basename(file).replace(/\.(json|csv|txt)$/i, '');
      const written: string[] = [];
      for (const f of formats) {
        const p = join(opts.out, `${stem}.dfslab.${f}`);
        await writeFile(p, renderReport(report, f));
        written.push(p);
      }
      io.out(`  reports: ${written.join(', ')}\n`);
    }
  }
  return threshold !== 'none' && exceedsThreshold(report.findings, threshold) ? EXIT.FINDINGS : EXIT.OK;
}

function jsonReplacer(_k: string, v: unknown): unknown {
  return v instanceof Uint8Array ? toHex(v) : v;
}

/** Adds `stk decode|build|verify-por|audit` to `program`. */
export function registerStkCommands(
  program: Command,
  io: StkIo = PROCESS_IO,
  tool?: { name: string; version: string },
): Command {
  const stk = program
    .command('stk')
    .description(
      'SIM Toolkit / SIM OTA secured packets (ETSI TS 102 225, 3GPP TS 31.115): decode, build, verify, audit',
    );
  const keyOpts = (c: Command) =>
    c.option('--kic <hex>', 'ciphering key (KIc)').option('--kid <hex>', 'checksum key (KID)');
  keyOpts(
    stk
      .command('decode')
      .description(
        'decode a command packet or PoR: TPDU (several for a concatenated SMS), UDH+packet, or bare packet; with keys, decipher and verify',
      )
      .argument('<hex...>', 'hex of the packet or of each SMS part')
      .option('--as <kind>', 'auto, command, response or tpdu', 'auto')
      .option('--command <hex>', 'for a PoR: the command packet it answers (gives SPI, KIc, KID)')
      .option('--spi <hex>', 'for a PoR: the command SPI (4 hex digits)')
      .option('--kic-alg <octet>', 'for a PoR: the command KIc octet')
      .option('--kid-alg <octet>', 'for a PoR: the command KID octet')
      .option('--json', 'print JSON'),
  ).action((hexes: string[], o: DecodeCliOptions) => {
    process.exitCode = stkDecodeCommand(hexes, o, io);
  });
  keyOpts(
    stk
      .command('build')
      .description('build a secured command packet around APDUs')
      .argument('<apdu...>', 'APDUs (hex), concatenated as the secured data')
      .requiredOption('--spi <hex>', 'both SPI octets, e.g. 1621 (CC, counter higher; PoR with CC)')
      .requiredOption('--tar <hex>', 'TAR, 6 hex digits')
      .option(
        '--kic-alg <alg>',
        'KIc octet (35) or algorithm: des-cbc, 3des-2key, 3des-3key, des-ecb, aes-cbc',
      )
      .option(
        '--kid-alg <alg>',
        'KID octet (35) or algorithm: des-cbc, 3des-2key, 3des-3key, aes-cmac, crc16, crc32',
      )
      .option('--kic-index <n>', 'key index for a KIc algorithm name', '1')
      .option('--kid-index <n>', 'key index for a KID algorithm name', '1')
      .option('--cntr <n>', 'counter value', '0')
      .option('--tpdu', 'wrap in SMS-DELIVER TPDU(s) (PID 7F, DCS F6, UDH 70 00)')
      .option('--json', 'print JSON'),
  ).action((apdus: string[], o: BuildCliOptions) => {
    process.exitCode = stkBuildCommand(apdus, o, io);
  });
  keyOpts(
    stk
      .command('verify-por')
      .description("decode a card's PoR and verify its checksum (exit 1 on a mismatch)")
      .argument('<hex>', 'the PoR (with or without UDH 02 71 00)')
      .option('--command <hex>', 'the command packet it answers')
      .option('--spi <hex>', 'or: the command SPI (4 hex digits)')
      .option('--kic-alg <octet>', 'with --spi: the KIc octet')
      .option('--kid-alg <octet>', 'with --spi: the KID octet')
      .option('--json', 'print JSON'),
  ).action((hex: string, o: VerifyPorCliOptions) => {
    process.exitCode = stkVerifyPorCommand(hex, o, io);
  });
  keyOpts(
    stk
      .command('audit')
      .description('audit a card OTA profile or a capture (JSON, CSV or text); see docs/stk.md')
      .argument('<file>', 'profile or capture file')
      .option('-f, --format <list>', 'html, sarif, json (comma-separated; default all three with --out)')
      .option('-o, --out <dir>', 'write the reports into this folder')
      .option('--fail-on <severity>', 'exit 1 when a finding at or above this severity is found', 'none'),
  ).action(async (file: string, o: StkAuditCliOptions) => {
    process.exitCode = await stkAuditCommand(file, o, io, tool);
  });
  return stk;
}
