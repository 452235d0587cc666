/** Byte formatting for the breakdowns: small parts need two decimals to be told apart. */
import { formatGB } from '../format';
import { GPU_MEMORY_GB_BYTES } from '../../core';

/** GPU memory "GB" are binary (core/physics/units.ts). */
const GiB = GPU_MEMORY_GB_BYTES;

export function gb(bytes: number): string {
  return formatGB(bytes, Math.abs(bytes) < GiB && bytes !== 0 ? 2 : 1);
}

export { GiB };
