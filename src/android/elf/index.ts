export { parseElf } from './parse.js';
export { DEFAULT_ELF_LIMITS } from './types.js';
export type {
  AndroidAbi,
  ElfInfo,
  ElfLimits,
  ElfPie,
  ElfRelro,
  ElfSegment,
  ElfStack,
  ElfType,
} from './types.js';
