// The reconciler (every second here, for claims unchanged for 3 s; every 5 minutes in AWS) brings
// claims whose workflow run is missing or ended to a defined state.
import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { executionArn, finishedExecution, sfn } from '../support/executions.js';
import {
  aCancellation,
  call,
  eventually,
  registered,
  stepFunctionsFail,
  stepFunctionsFaultsLeft,
  token,
} from '../support/http.js';

describe('the reconciler', () => {
  it(
    'a claim whose workflow did not start (Step Functions unavailable) is answered 202, kept, and started ' + 'later',
    async () => {
      const order = await registered();
      const seller = await token('seller', 'S-1');
      // This request's start alone: its correlation id is in the run's input.
      const correlationId = `reconciler-${order.orderNo}`;
      await stepFunctionsFail('StartExecution', 1, 'ServiceUnavailable', undefined, correlationId);
      const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
        correlationId,
      });
      expect(accepted.status).toBe(202);
      expect(await stepFunctionsFaultsLeft(correlationId)).toEqual([]);
      expect((await call('GET', `/claims/${accepted.body.claimId}`, { token: seller })).body.status).toBe('REQUESTED');
      const done = await eventually(
        () => call('GET', `/claims/${accepted.body.claimId}`, { token: seller }),
        (a) => a.body.status === 'COMPLETED',
        20_000,
      );
      expect(done.body.status).toBe('COMPLETED');
      expect((await finishedExecution('settle-claim', accepted.body.claimId)).described.status).toBe('SUCCEEDED');
    },
  );

  it(
    'a waiting request whose run ended (stopped) goes to the operator with the reason, the order still ' + 'held',
    async () => {
      const order = await registered({ status: 'PREPARING', expectedShipDate: '2099-01-01' });
      const asked = await call('POST', `/orders/${order.orderNo}/cancel-requests`, {
        token: await token('buyer', order.buyer.id),
        body: {},
      });
      const claimId = asked.body.claimId as string;
      const seller = await token('seller', 'S-1');
      await eventually(
        () => call('GET', `/claims/${claimId}`, { token: seller }),
        (a) => a.body.timeline?.some((e: { type: string }) => e.type.startsWith('SELLER_NOTIFIED')),
      );
      await sfn.send(
        new StopExecutionCommand({
          executionArn: executionArn('approve-cancel-request', claimId),
          cause: 'stopped by hand',
        }),
      );
      const handed = await eventually(
        () => call('GET', `/claims/${claimId}`, { token: seller }),
        (a) => a.body.status === 'NEEDS_OPERATOR',
        25_000,
      );
      expect(handed.body).toMatchObject({
        status: 'NEEDS_OPERATOR',
        failure: { error: 'WorkflowEnded', cause: expect.stringContaining('ABORTED') },
      });
      expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body.status).toBe('CANCEL_REQUESTED');
    },
  );
});
