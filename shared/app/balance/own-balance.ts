// What the balance use cases share: whose balance it is, and what a reader sees of a withdrawal.

import { maskAccount, type Withdrawal } from '../../domain/ledger.js';
import { actsForBuyer, type Principal } from '../common/access.js';
import { ForbiddenError } from '../common/errors.js';

export function requireOwnBalance(principal: Principal, buyerId: string): void {
  if (!actsForBuyer(principal, buyerId)) throw new ForbiddenError(`The balance of ${buyerId} is not yours.`);
}

export const visible = (withdrawal: Withdrawal) => {
  const { version: _version, ...rest } = withdrawal;
  return { ...rest, bankAccount: maskAccount(withdrawal.bankAccount) };
};
