// One correlation id from the API request through the workflow to the e-mail: the caller's
// X-Correlation-Id (or API Gateway's request id) is answered back, kept on the claim, carried in
// the run's input to every step's log lines, and tagged on every e-mail the claim sends. Beside it,
// the request's trace: the SDK passes the API function's X-Ray header on to StartExecution, and the
// workflow's steps run in the same trace, so every line of the claim names one trace id.
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
      headers: {
        authorization: `Bearer ${seller}`,
        'content-type': 'application/json',
        'x-correlation-id': correlationId,
      },
      body: JSON.stringify(aCancellation()),
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    const { claimId } = (await response.json()) as { claimId: string };
    expect((await finishedExecution('settle-claim', claimId)).described.status).toBe('SUCCEEDED');
    expect((await claimWhenSettled(claimId, seller)).body).toMatchObject({ status: 'COMPLETED', correlationId });

    const mails = await eventually(
      async () => (await sent()).filter((m) => m.to.includes(order.buyer.email)),
      (found) => found.length === 3,
    );
    for (const mail of mails) expect(mail.tags.correlation).toEqual([correlationId]);

    const lines = readFileSync(inject('logFile'), 'utf8')
      .split('\n')
      .filter((line) => line.includes(correlationId))
      .map((line) => JSON.parse(line) as { function_name?: string });
    expect([...new Set(lines.map((line) => line.function_name))].sort()).toEqual(
      expect.arrayContaining(['apply-claim', 'cancel-order', 'complete-claim']),
    );
  });

  it('the request’s trace runs through its workflow: its line and each step’s name one trace', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const correlationId = `trace-${randomUUID()}`;
    const headers = {
      authorization: `Bearer ${seller}`,
      'content-type': 'application/json',
      'x-correlation-id': correlationId,
    };
    const url = `${inject('apiUrl')}/orders/${order.orderNo}/cancellations`;
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(aCancellation()) });
    expect(response.status).toBe(202);
    const { claimId } = (await response.json()) as { claimId: string };
    const { described } = await finishedExecution('settle-claim', claimId);
    expect(described.status).toBe('SUCCEEDED');

    interface Line {
      function_name: string;
      message: string;
      xray_trace_id?: string;
      awsCalls?: { count: number; ms: number; calls: string };
    }
    const log = readFileSync(inject('logFile'), 'utf8').split('\n');
    const lines = log.filter((line) => line.includes(correlationId)).map((line) => JSON.parse(line) as Line);
    const request = lines.find((line) => line.function_name === 'cancel-order' && line.message === 'request answered')!;
    const steps = lines.filter((line) => line.message === 'step finished');
    expect(steps.map((line) => line.function_name)).toEqual(expect.arrayContaining(['apply-claim', 'complete-claim']));
    expect(request.xray_trace_id).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    // The execution was started in the request's trace, and each step was invoked in it.
    expect(described.traceHeader).toContain(`Root=${request.xray_trace_id}`);
    for (const line of [...steps, request]) expect(line.xray_trace_id).toBe(request.xray_trace_id);
    expect(request.awsCalls?.calls).toContain('SFN.StartExecution');
    expect(request.awsCalls?.calls).toContain('DynamoDB.TransactWriteItems');
    for (const line of steps) expect(line.awsCalls?.calls).toMatch(/DynamoDB\./);
    // Another request, this order's registration among them, is another trace.
    const answered = log.filter((line) => line.includes('"request answered"') && !line.includes(correlationId));
    const others = answered.map((line) => JSON.parse(line) as Line);
    expect(others.length).toBeGreaterThan(0);
    for (const line of others) expect(line.xray_trace_id).not.toBe(request.xray_trace_id);
  });

  it('without one, API Gateway’s request id is the correlation id; a malformed one is replaced', async () => {
    const order = await registered();
    const seller = await token('seller', 'S-1');
    const response = await fetch(`${inject('apiUrl')}/orders/${order.orderNo}`, {
      headers: { authorization: `Bearer ${seller}`, 'x-correlation-id': 'not ok; <script>' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-correlation-id')).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    expect(response.headers.get('x-correlation-id')).not.toContain('script');
  });
});
