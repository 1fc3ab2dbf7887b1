import { randomBytes } from 'node:crypto';

/** Identifiers that sort by creation time: a prefix, the time in base 36, and random bits. */
export function newId(prefix: string, now: Date): string {
  return `${prefix}-${now.getTime().toString(36).toUpperCase().padStart(9, '0')}${randomBytes(5).toString('hex').toUpperCase()}`;
}
