import { isDfslabError } from '../core/errors.js';

/**
 * Exit codes, documented in the README for CI use:
 *   0  success (and, for audit, no finding at or above --fail-on)
 *   1  audit found findings at or above --fail-on
 *   2  usage error or unusable input (missing file, bad option)
 *   3  the artifact is malformed or over a limit (FormatError, LimitError, UnsupportedError)
 *   70 internal error (a bug in dfslab: please report it)
 */
export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2, BAD_INPUT: 3, INTERNAL: 70 } as const;

/** One clear line for a person, and the exit code. Never a stack trace unless DFSLAB_DEBUG is set. */
export function describeError(e: unknown, context?: string): { line: string; code: number } {
  const where = context ? `${context}: ` : '';
  if (isDfslabError(e)) {
    const code = e.code === 'INPUT' ? EXIT.USAGE : EXIT.BAD_INPUT;
    return { line: `dfslab: ${where}${e.message}`, code };
  }
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    const known: Record<string, string> = {
      ENOENT: 'no such file',
      EACCES: 'permission denied',
      EISDIR: 'is a directory, not a file',
      ENOTDIR: 'a path component is not a directory',
      EMFILE: 'too many open files',
      ERR_FS_FILE_TOO_LARGE: 'file is too large to read',
    };
    if (known[err.code]) return { line: `dfslab: ${where}${known[err.code]}`, code: EXIT.USAGE };
  }
  const msg = e instanceof Error ? e.message : String(e);
  return {
    line: `dfslab: internal error${context ? ` while processing ${context}` : ''}: ${msg} (set DFSLAB_DEBUG=1 for details)`,
    code: EXIT.INTERNAL,
  };
}

export function fail(e: unknown, context?: string): never {
  const { line, code } = describeError(e, context);
  process.stderr.write(line + '\n');
  if (process.env.DFSLAB_DEBUG && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
  process.exit(code);
}
