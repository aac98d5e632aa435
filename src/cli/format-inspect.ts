/**
 * Human-readable rendering of `dfslab inspect` facts: grouped, aligned, short. Colour only on a
 * terminal and never when NO_COLOR is set.
 */
import type { ApkFacts, DexFacts, DexOnlyFacts, InspectFacts, SigningFacts } from '../android/inspect.js';

export type Style = {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
};

const id = (s: string) => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, green: id, yellow: id };
export const ANSI: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  green: (s) => `\x1b[32m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
};

/** Strips control characters from strings that come from the artifact (they are hostile). */
export function safe(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD');
}

function kv(st: Style, rows: [string, string | number | boolean | undefined][]): string[] {
  const shown = rows.filter(
    (r): r is [string, string | number | boolean] => r[1] !== undefined && r[1] !== '',
  );
  const w = Math.max(0, ...shown.map((r) => r[0].length));
  return shown.map(([k, v]) => `  ${st.dim(k.padEnd(w))}  ${safe(String(v))}`);
}

function mb(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function yesNo(st: Style, ok: boolean, good = true): string {
  return ok === good ? st.green(ok ? 'yes' : 'no') : st.red(ok ? 'yes' : 'no');
}

function dexLines(st: Style, d: DexFacts): string[] {
  return [
    `  ${st.bold(safe(d.file))}  v${String(d.version).padStart(3, '0')}  ${mb(d.size)}  checksum ${d.checksumValid ? st.green('ok') : st.red('BAD')}`,
    `    ${d.classes} classes, ${d.methods} method ids (${d.definedMethods} defined), ${d.fields} fields, ${d.strings} strings, ${d.types} types`,
    `    ${d.codeUnits} code units; ${d.invokes} invokes, ${d.fieldAccesses} field accesses, ${d.stringRefs} string refs, ${d.typeRefs} type refs`,
  ];
}

function signingLines(st: Style, s: SigningFacts): string[] {
  const out: string[] = [];
  out.push(
    `  verdict        ${s.verified ? st.green('verifies') : st.red('DOES NOT VERIFY')} (for minSdk ${s.minSdkVersion} and up)`,
  );
  for (const [name, r] of Object.entries(s.schemes)) {
    const label = name === 'v31' ? 'v3.1' : name;
    const state = !r.present
      ? st.dim('absent')
      : r.verified
        ? st.green('verified')
        : st.red('present, not verified');
    out.push(`  ${label.padEnd(14)} ${state}`);
    for (const e of r.errors.slice(0, 5)) out.push(`    ${st.red('error')} ${safe(e)}`);
  }
  for (const [i, c] of s.certificates.entries()) {
    out.push(`  signer #${i + 1}`);
    out.push(
      ...kv(st, [
        ['  subject', c.subject.replace(/\n/g, ', ')],
        ['  issuer', c.issuer.replace(/\n/g, ', ')],
        ['  sha-256', c.sha256],
        ['  key', `${c.keyAlgorithm}${c.keySize ? ` ${c.keySize}` : ''}${c.curve ? ` ${c.curve}` : ''}`],
        ['  signature', c.signatureAlgorithm],
        ['  valid', `${c.validFrom} → ${c.validTo}`],
      ]),
    );
  }
  if (s.lineage.length > 1) {
    out.push(`  rotation lineage (oldest first)`);
    for (const n of s.lineage)
      out.push(`    ${n.sha256}  ${safe(n.subject.replace(/\n/g, ', '))}  flags=${n.flags}`);
  }
  for (const e of s.errors.slice(0, 10)) out.push(`  ${st.red('error')} ${safe(e)}`);
  for (const w of s.warnings.slice(0, 10)) out.push(`  ${st.yellow('warning')} ${safe(w)}`);
  return out;
}

function apkText(f: ApkFacts, st: Style): string {
  const L: string[] = [];
  const m = f.manifest;
  L.push(st.bold(m ? `${safe(m.label ?? m.package)} (${safe(m.package)})` : safe(f.file.name)));
  L.push(
    ...kv(st, [
      [
        'file',
        `${safe(f.file.name)}, ${mb(f.file.size)}, ${f.zip.entries} entries${f.zip.zip64 ? ', ZIP64' : ''}`,
      ],
      ['sha-256', f.file.sha256],
    ]),
  );
  if (m) {
    L.push('', st.bold('Manifest'));
    L.push(
      ...kv(st, [
        ['version', `${m.versionName ?? '?'} (code ${m.versionCode ?? '?'})`],
        [
          'sdk',
          `min ${m.minSdk}, target ${m.targetSdk}${m.maxSdk ? `, max ${m.maxSdk}` : ''}${m.compileSdk ? `, compiled ${m.compileSdk}` : ''}`,
        ],
        ['launcher', m.launchableActivities.join(', ')],
        ['install location', m.installLocation],
        ['shared user id', m.sharedUserId],
      ]),
    );
    const flags = Object.entries(m.application).map(([k, v]) => `${k}=${v}`);
    if (flags.length) L.push(`  ${st.dim('application')}  ${safe(flags.join('  '))}`);
    if (m.usesPermissions.length) {
      L.push(`  ${st.dim('uses permissions')} (${m.usesPermissions.length})`);
      for (const p of m.usesPermissions) L.push(`    ${safe(p)}`);
    }
    if (m.permissions.length) {
      L.push(`  ${st.dim('declares permissions')} (${m.permissions.length})`);
      for (const p of m.permissions) L.push(`    ${safe(p.name)}  ${p.protectionLevel}`);
    }
    const exported = m.components.filter((c) => c.exported);
    L.push('', st.bold(`Components (${m.components.length}, ${exported.length} exported)`));
    for (const c of m.components) {
      const exp = c.exported ? st.yellow(`exported (${c.exportedReason})`) : st.dim('not exported');
      const perm = c.permission ? ` permission=${c.permission}` : '';
      L.push(`  ${c.kind.padEnd(14)} ${safe(c.name)}  ${exp}${safe(perm)}`);
      const extra: string[] = [];
      if (c.authorities) extra.push(`authorities=${c.authorities.join(';')}`);
      if (c.grantUriPermissions) extra.push('grantUriPermissions');
      if (c.readPermission) extra.push(`read=${c.readPermission}`);
      if (c.writePermission) extra.push(`write=${c.writePermission}`);
      if (c.launchMode) extra.push(`launchMode=${c.launchMode}`);
      if (c.taskAffinity !== undefined) extra.push(`taskAffinity=${c.taskAffinity || '""'}`);
      if (extra.length) L.push(`  ${''.padEnd(14)} ${safe(extra.join('  '))}`);
      for (const fl of c.intentFilters) {
        const parts = [
          ...fl.actions,
          ...fl.categories.map((x) => `cat:${x}`),
          ...fl.data.map((x) => `data:${x}`),
        ];
        L.push(
          `  ${''.padEnd(14)} ${st.dim('filter')} ${safe(parts.join('  '))}${fl.autoVerify ? '  autoVerify' : ''}`,
        );
      }
    }
  }
  if (f.resources) {
    L.push('', st.bold('Resources'));
    for (const p of f.resources.packages)
      L.push(
        `  0x${p.id.toString(16).padStart(2, '0')} ${safe(p.name)}: ${p.types} types, ${p.entries} entries`,
      );
    L.push(`  ${f.resources.configurations} configurations, ${f.resources.strings} strings`);
  }
  L.push('', st.bold(`DEX (${f.dex.length})`));
  for (const d of f.dex) L.push(...dexLines(st, d));
  if (f.otherDex.length)
    L.push(`  ${st.yellow('other DEX files, not loaded by the runtime:')} ${safe(f.otherDex.join(', '))}`);
  if (f.signing) L.push('', st.bold('Signing'), ...signingLines(st, f.signing));
  if (f.nativeLibs.length) {
    L.push('', st.bold(`Native libraries (${f.nativeLibs.length})`));
    for (const l of f.nativeLibs) {
      if (!l.elf) {
        L.push(`  ${safe(l.file)}  ${st.red(l.error ?? 'not an ELF file')}`);
        continue;
      }
      const e = l.elf;
      const bits = [
        e.abi === 'unknown' ? e.machineName : e.abi,
        `pie=${e.pie}`,
        `nx=${e.nxStack}`,
        `relro=${e.relro}`,
        `stack-protector=${yesNo(st, e.stackProtector)}`,
        `fortify=${yesNo(st, e.fortify)}`,
      ];
      L.push(`  ${safe(l.file)}  ${bits.join('  ')}`);
    }
  }
  if (f.errors.length) {
    L.push('', st.bold(st.red(`Unreadable parts (${f.errors.length})`)));
    for (const e of f.errors) L.push(`  ${e.part}${e.file ? ` ${safe(e.file)}` : ''}: ${safe(e.message)}`);
  }
  if (f.anomalies.length) {
    L.push('', st.bold(`Anomalies (${f.anomalies.length})`));
    for (const a of f.anomalies.slice(0, 50)) {
      const sev =
        a.severity === 'error'
          ? st.red(a.severity)
          : a.severity === 'warning'
            ? st.yellow(a.severity)
            : st.dim(a.severity);
      L.push(`  ${sev} ${a.format}/${a.code}${a.file ? ` ${safe(a.file)}` : ''}: ${safe(a.message)}`);
    }
    if (f.anomalies.length > 50) L.push(`  … ${f.anomalies.length - 50} more (use --json)`);
  }
  return L.join('\n') + '\n';
}

function dexText(f: DexOnlyFacts, st: Style): string {
  const L = [st.bold(safe(f.file.name)), ...kv(st, [['sha-256', f.file.sha256]]), ...dexLines(st, f.dex)];
  for (const a of f.anomalies.slice(0, 50))
    L.push(`  ${a.severity} ${a.format}/${a.code}: ${safe(a.message)}`);
  return L.join('\n') + '\n';
}

export function formatInspect(f: InspectFacts, st: Style = PLAIN): string {
  return f.kind === 'dex' ? dexText(f, st) : apkText(f, st);
}
