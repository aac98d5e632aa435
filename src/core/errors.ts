/**
 * Typed errors. Every parser in dfslab answers hostile input with facts or one of these;
 * anything else escaping a parser is a bug (the fuzz properties assert it).
 */

export type ErrorCode = 'FORMAT' | 'LIMIT' | 'INPUT' | 'UNSUPPORTED';

export class DfslabError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The bytes are not a valid instance of `format` and we cannot go on. */
export class FormatError extends DfslabError {
  readonly format: string;
  readonly offset: number;
  readonly reason: string;
  constructor(format: string, offset: number, reason: string) {
    super('FORMAT', `${format}: ${reason} (at byte ${offset})`);
    this.format = format;
    this.offset = offset;
    this.reason = reason;
  }
}

/** A configured bound (size, count, ratio, depth, time) was exceeded: refused, not crashed. */
export class LimitError extends DfslabError {
  readonly format: string;
  readonly limit: string;
  readonly value: number;
  readonly max: number;
  constructor(format: string, limit: string, value: number, max: number) {
    super('LIMIT', `${format}: ${limit} ${value} exceeds the limit of ${max}`);
    this.format = format;
    this.limit = limit;
    this.value = value;
    this.max = max;
  }
}

/** The user asked for something that cannot be done (missing file, bad option). */
export class InputError extends DfslabError {
  constructor(message: string) {
    super('INPUT', message);
  }
}

/** Valid input that uses a feature dfslab does not implement (e.g. an unknown compression method). */
export class UnsupportedError extends DfslabError {
  readonly format: string;
  constructor(format: string, message: string) {
    super('UNSUPPORTED', `${format}: ${message}`);
    this.format = format;
  }
}

export function isDfslabError(e: unknown): e is DfslabError {
  return e instanceof DfslabError;
}
