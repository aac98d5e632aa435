import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../core/errors.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { inspectAsync } from '../android/inspect.js';
import { fail } from './exit.js';
import { ANSI, PLAIN, formatInspect } from './format-inspect.js';

/** Reads a user-named file with a clear error for every way that can go wrong. */
export async function readArtifact(
  file: string,
  maxSize = DEFAULT_LIMITS.maxArtifactSize,
): Promise<Uint8Array> {
  const s = await stat(file).catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'ENOENT' ? new InputError('no such file') : e;
  });
  if (s.isDirectory()) throw new InputError('is a directory, not a file');
  if (!s.isFile()) throw new InputError('not a regular file');
  if (s.size > maxSize) throw new InputError(`${s.size} bytes is over the ${maxSize}-byte limit`);
  if (s.size === 0) throw new InputError('the file is empty');
  return readFile(file);
}

export async function inspectCommand(file: string, opts: { json?: boolean; color?: boolean }): Promise<void> {
  let facts;
  try {
    const bytes = await readArtifact(file);
    facts = await inspectAsync(bytes, basename(file));
  } catch (e) {
    fail(e, file);
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(facts, null, 2) + '\n');
    return;
  }
  const useColor = opts.color ?? (process.stdout.isTTY === true && !process.env.NO_COLOR);
  process.stdout.write(formatInspect(facts, useColor ? ANSI : PLAIN));
}
