// One correlation id from the API request through the workflow to the e-mail: the caller's
// X-Correlation-Id (or API Gateway's request id) is answered back, kept on the claim, carried in
// the run's input to every step's log lines, and tagged on every e-mail the claim sends.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { finishedExecution } from '../support/executions.js';
import { aCancellation, claimWhenSettled, eventually, registered, token } from '../support/http.js';

interface Sent {
  messageId: string;
  to: string[];
  subject: string;
  tags: Record<string, string[]>;
}

const sent = async () => ((await (await fetch(`${inject('sesEndpoint')}/__sent`)).json()) as { sent: Sent[] }).sent;

describe('correlation', () => {
  it('the request’s correlation id reaches the claim, every step’s log lines and every e-mail', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const correlationId = `corr-${randomUUID()}`;
    const response = await fetch(`${inject('apiUrl')}/orders/${order.orderNo}/cancellations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seller}`, 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify(aCancellation()),
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    const { claimId } = (await response.json()) as { claimId: string };
    expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('SUCCEEDED');
    expect((await claimWhenSettled(claimId, seller)).body).toMatchObject({ status: 'COMPLETED', correlationId });

    const mails = await eventually(async () => (await sent()).filter((m) => m.to.includes(order.buyer.email)), (found) => found.length === 3);
    for (const mail of mails) expect(mail.tags.correlation).toEqual([correlationId]);

    const lines = readFileSync(inject('logFile'), 'utf8').split('\n').filter((line) => line.includes(correlationId)).map((line) => JSON.parse(line) as { function_name?: string });
    expect([...new Set(lines.map((line) => line.function_name))].sort()).toEqual(expect.arrayContaining(['apply-claim', 'cancel-order', 'complete-claim']));
  });

  it('without one, API Gateway’s request id is the correlation id; a malformed one is replaced', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const response = await fetch(`${inject('apiUrl')}/orders/${order.orderNo}`, { headers: { authorization: `Bearer ${seller}`, 'x-correlation-id': 'not ok; <script>' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(response.headers.get('x-correlation-id')).not.toContain('script');
  });
});
