import { confirmPayment } from '../../shared/app/orders/confirm-payment.js';
import { claimStore, operatorEmail, refundFees, requestMailer, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

const deps = { store: claimStore(), mailer: requestMailer(), operatorEmail: operatorEmail(), fees: refundFees() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.confirmPayment,
  async ({ principal, params, now }) => {
    const { order, returned } = await confirmPayment(deps, principal, params.orderNo, now);
    const { version: _version, ...refund } = returned ?? { version: 0 };
    return {
      body: {
        orderNo: order.orderNo,
        status: order.status,
        paidAt: order.paidAt,
        ...(returned ? { returned: refund } : {}),
      },
    };
  },
  idempotency,
);
