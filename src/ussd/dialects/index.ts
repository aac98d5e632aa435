/** The gateway dialects by name. */
import { InputError } from '../../core/errors.js';
import { DIALECT_NAMES, type Dialect, type DialectName } from '../types.js';
import { hollatags } from './hollatags.js';
import { arkesel, hubtel, nalo } from './json.js';
import { africasTalking, genericDialect, type GenericConfig } from './text.js';

export { africasTalking, genericDialect, DEFAULT_GENERIC, type GenericConfig } from './text.js';
export { arkesel, hubtel, nalo } from './json.js';
export { hollatags, HOLLATAGS_MAX_MSG } from './hollatags.js';
export { chainOf, dialString } from './common.js';

export function isDialectName(s: string): s is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(s);
}

/** The adapter for `name`; `generic` takes its field names from `generic` (default: query GET). */
export function getDialect(name: string, generic?: GenericConfig): Dialect {
  if (!isDialectName(name))
    throw new InputError(`unknown USSD dialect '${name}' (use ${DIALECT_NAMES.join(', ')})`);
  switch (name) {
    case 'africastalking':
      return africasTalking;
    case 'hubtel':
      return hubtel;
    case 'arkesel':
      return arkesel;
    case 'nalo':
      return nalo;
    case 'hollatags':
      return hollatags;
    case 'generic':
      return genericDialect(generic);
  }
}
