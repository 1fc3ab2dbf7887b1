// Who calls the use cases in their tests, and the refusal a call ends with: one place for every test world.
import { expect } from 'vitest';
import type { Principal } from '../../shared/app/common/access.js';

export const SELLER: Principal = { role: 'seller', id: 'S-1' };
export const OTHER_SELLER: Principal = { role: 'seller', id: 'S-2' };
export const BUYER: Principal = { role: 'buyer', id: 'B-1' };
export const OTHER_BUYER: Principal = { role: 'buyer', id: 'B-2' };
export const OPERATOR: Principal = { role: 'operator', id: 'OP-1' };

/** The error a promise rejects with, checked to be of that class. */
export async function caught<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  expect(error, 'expected the call to be refused').toBeInstanceOf(type);
  return error as E;
}
