import { withdraw } from '../../shared/app/balance/withdraw.js';
import { claimStore, paymentGateway, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), bank: paymentGateway(), clock: () => new Date() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.withdrawBalance,
  async ({ principal, params, body, now }) => {
    const withdrawal = await withdraw(deps, principal, params.buyerId, body, now);
    // PENDING: the bank has not answered; the debit is recorded and the withdrawal is settled later, never paid twice.
    return { status: withdrawal.status === 'PENDING' ? 202 : 200, body: withdrawal };
  },
  idempotency,
);
