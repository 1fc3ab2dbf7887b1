// What a new operator meets on the first day in AWS, on the local stack that is as strict: a claim
// opened without X-Correlation-Id (API Gateway's base64 request id becomes its correlation id), and
// the API taking access tokens only.
import { describe, expect, it } from 'vitest';
import { mintLocalIdToken } from '../../local/tokens.js';
import { CORRELATION_ID } from '../../shared/observability.js';
import { aCancellation, call, claimWhenSettled, registered, token } from '../support/http.js';

describe('day one', () => {
  it(
    'a claim opened without X-Correlation-Id completes, carrying API Gateway’s request id in a form every step ' +
      'accepts',
    async () => {
      const order = await registered();
      const seller = await token('seller', 'S-1');
      const opened = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: seller,
        body: aCancellation(),
      });
      expect(opened.status).toBe(202);
      const settled = await claimWhenSettled(opened.body.claimId, seller);
      expect(settled.body).toMatchObject({ status: 'COMPLETED' });
      expect(settled.body.correlationId).toMatch(CORRELATION_ID);
      expect(opened.headers.get('x-correlation-id')).toBe(settled.body.correlationId);
    },
  );

  it(
    'an ID token passes the authorizer (its aud is the client) and the API refuses it: 401, nothing ' + 'done',
    async () => {
      const order = await registered();
      const seller = await token('seller', 'S-1');
      const before = await call('GET', `/orders/${order.orderNo}`, { token: seller });
      const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
        token: await mintLocalIdToken('seller', 'S-1'),
        body: aCancellation(),
      });
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toMatch(/access token/);
      expect((await call('GET', `/orders/${order.orderNo}`, { token: seller })).body).toEqual(before.body);
    },
  );
});
