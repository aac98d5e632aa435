/**
 * Helpers for the manifest oracle test: read one entry out of an APK without the project's zip
 * reader (so this test does not depend on it), and run tools with bounded parallelism.
 */
import { spawn } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';
import type { AxmlDocument, XmlElement } from '../src/android/axml/index.js';

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** The bytes of entry `name` (first match in the central directory), or undefined. */
export function readZipEntry(zip: Buffer, name: string): Buffer | undefined {
  const min = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = zip.length - 22; i >= min; i--) {
    if (zip.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count && p + 46 <= zip.length; i++) {
    if (zip.readUInt32LE(p) !== CEN_SIG) return undefined;
    const method = zip.readUInt16LE(p + 10);
    const csize = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (entryName === name) {
      if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOC_SIG) return undefined;
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + csize);
      if (method === 0) return data;
      if (method === 8) {
        try {
          return inflateRawSync(data);
        } catch {
          return undefined;
        }
      }
      return undefined;
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return undefined;
}

export type ToolResult = { status: number; out: string; err: string };

export function runAsync(cmd: string, args: string[], timeoutMs = 60_000): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        status: code ?? (signal ? 128 : -1),
        out: Buffer.concat(out).toString('utf8'),
        err: Buffer.concat(err).toString('utf8'),
      });
    });
    child.on('error', () => {
      clearTimeout(timer);
      resolve({ status: -1, out: '', err: 'spawn failed' });
    });
  });
}

/** Maps `items` through `fn` with at most `limit` in flight, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * A strict, normalised comparison between `aapt dump xmltree` and dfslab's AXML tree.
 *
 * Both sides become a list of element records: the indentation aapt prints (element depth plus
 * the namespaces open at that point, computed on our side from the namespace chunk offsets),
 * element name with the namespace prefix aapt would print, line, comment, CDATA text, and every
 * attribute printed the way aapt prints it: `prefix:name(0xresid)=value (Raw: "raw")`, where value
 * is `"string"`, `@0x........`, `?0x........`, `(null)` or `(type 0xT)0xDATA`. Strings go through
 * aapt's normalizeForOutput (escape \\, \n, ") and stop at a NUL, as aapt's C strings do.
 */

export type ElementRecord = {
  indent: number;
  name: string;
  line: number;
  comment?: string;
  text?: string;
  attrs: string[];
};

export function normalizeForOutput(s: string): string {
  const nul = s.indexOf('\0');
  const cut = nul >= 0 ? s.slice(0, nul) : s;
  return cut.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/** Parses aapt's xmltree output into element records. */
export function parseAaptTree(text: string): ElementRecord[] {
  const out: ElementRecord[] = [];
  const stack: { indent: number; rec: ElementRecord }[] = [];
  let pendingComment: string | undefined;
  for (const line of text.split('\n')) {
    const cm = /^ *<!-- (.*) -->$/.exec(line);
    if (cm) {
      pendingComment = cm[1];
      continue;
    }
    const m = /^( *)([NEACW]): ?(.*)$/.exec(line);
    if (!m) continue;
    const indent = m[1].length;
    const kind = m[2];
    const rest = m[3];
    if (kind === 'N' || kind === 'W') continue;
    if (kind === 'E') {
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      const e = /^(.*) \(line=(\d+)\)$/.exec(rest);
      const rec: ElementRecord = {
        indent: indent / 2,
        name: e ? e[1] : rest,
        line: e ? Number(e[2]) : -1,
        attrs: [],
      };
      if (pendingComment !== undefined) rec.comment = pendingComment;
      pendingComment = undefined;
      out.push(rec);
      stack.push({ indent, rec });
    } else if (kind === 'A') {
      stack[stack.length - 1]?.rec.attrs.push(rest);
    } else if (kind === 'C') {
      const t = /^"(.*)"$/.exec(rest);
      // Text belongs to the innermost open element that is less indented.
      while (t && stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      if (t && stack.length) {
        const rec = stack[stack.length - 1].rec;
        rec.text = (rec.text ?? '') + t[1];
      } else if (!t) pendingComment = rest;
    }
  }
  return out;
}

/** The same records from dfslab's document. */
export function recordsFromDoc(doc: AxmlDocument): ElementRecord[] {
  const out: ElementRecord[] = [];
  const openAt = (offset: number) =>
    doc.namespaces.filter((n) => n.offset < offset && (n.end === undefined || n.end > offset));
  const walk = (el: XmlElement, depth: number) => {
    const open = openAt(el.offset);
    const prefixOf = (uri: string | undefined): string => {
      if (uri === undefined) return '';
      const ns = open.find((n) => n.uri === uri);
      return `${ns ? ns.prefix : uri}:`;
    };
    const rec: ElementRecord = {
      indent: depth + open.length,
      name: prefixOf(el.ns) + el.name,
      line: el.line,
      attrs: [],
    };
    if (el.comment !== undefined) rec.comment = el.comment;
    if (el.text !== undefined) rec.text = normalizeForOutput(el.text);
    for (const a of el.attributes) {
      let s = prefixOf(a.ns) + (a.poolName ?? a.name);
      if (a.resourceId !== undefined) s += `(0x${hex8(a.resourceId)})`;
      switch (a.dataType) {
        case 0x00:
          s += '=(null)';
          break;
        // References, attributes and ints are printed from the decoded ResValue, so the
        // comparison also checks decodeResValue; other types from the stored data word.
        case 0x01:
        case 0x02:
          s +=
            a.value.type === 'reference' || a.value.type === 'attribute'
              ? `=${a.value.type === 'reference' ? '@' : '?'}0x${hex8(a.value.value)}`
              : '=?';
          break;
        case 0x10:
        case 0x11:
          s += `=(type 0x${a.dataType.toString(16)})0x${a.value.type === 'int' ? (a.value.value >>> 0).toString(16) : '?'}`;
          break;
        case 0x12:
          s += `=(type 0x12)0x${a.value.type === 'boolean' ? (a.value.value ? (a.data >>> 0).toString(16) : '0') : '?'}`;
          break;
        case 0x03:
          s += `="${normalizeForOutput(a.raw ?? '')}"`;
          break;
        default:
          s += `=(type 0x${a.dataType.toString(16)})0x${(a.data >>> 0).toString(16)}`;
      }
      if (a.raw !== undefined) s += ` (Raw: "${normalizeForOutput(a.raw)}")`;
      rec.attrs.push(s);
    }
    out.push(rec);
    for (const c of el.children) walk(c, depth + 1);
  };
  walk(doc.root, 0);
  return out;
}
