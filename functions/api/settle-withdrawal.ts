import { settleWithdrawal } from '../../shared/app/balance/settle-withdrawal.js';
import { claimStore, paymentGateway, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), bank: paymentGateway(), clock: () => new Date() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.settleWithdrawal,
  async ({ principal, params, now }) => {
    const withdrawal = await settleWithdrawal(deps, principal, params.buyerId, params.withdrawalId, now);
    return { status: withdrawal.status === 'PENDING' ? 202 : 200, body: withdrawal };
  },
  idempotency,
);
