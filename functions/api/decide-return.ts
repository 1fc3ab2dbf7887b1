import { decideReturn } from '../../shared/app/returns/return-claims.js';
import { claimStore, stepFunctions, tableName } from '../../shared/adapters/adapters.js';
import { apiHandler } from '../../shared/http/api-handler.js';
import { idempotencyKeys } from '../../shared/http/idempotency.js';
import { routes } from '../../shared/schemas/routes.js';

// The return's workflow is woken by its task token after the step is written.
const deps = { store: claimStore(), workflows: stepFunctions() };

const idempotency = idempotencyKeys(tableName());

export const handler = apiHandler(
  routes.decideReturn,
  async ({ principal, params, body, now }) => {
    // The schema requires the address to approve and the reason to refuse; the types follow it here.
    const input =
      body.decision === 'APPROVE'
        ? {
            decision: 'APPROVE' as const,
            returnAddress: body.returnAddress!,
            ...(body.instructions ? { instructions: body.instructions } : {}),
          }
        : { decision: 'REFUSE' as const, reason: body.reason! };
    return { body: await decideReturn(deps, principal, params.claimId, input, now) };
  },
  idempotency,
);
