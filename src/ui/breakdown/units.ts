/** Byte formatting for the breakdowns: small parts need two decimals to be told apart. */
import { formatGB } from '../format';

const GiB = 2 ** 30;

export function gb(bytes: number): string {
  return formatGB(bytes, Math.abs(bytes) < GiB && bytes !== 0 ? 2 : 1);
}

export { GiB };
