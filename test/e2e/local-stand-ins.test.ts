// The local stand-ins refuse what AWS refuses, as AWS answers it: API Gateway's limits, Step
// Functions' names, sizes and lists, read with the ordinary SDK as the AWS CLI would.
import {
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  paginateGetExecutionHistory,
  paginateListExecutions,
  StartExecutionCommand,
  InvalidName,
} from '@aws-sdk/client-sfn';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { executionArn, finishedExecution, sfn } from '../support/executions.js';
import { aCancellation, call, claimWhenSettled, registered, token } from '../support/http.js';

/** A raw request, for what fetch would refuse to send. */
function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: any }> {
  const url = new URL(inject('apiUrl'));
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers['content-type']),
          body: JSON.parse(Buffer.concat(chunks).toString() || 'null'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local API gateway, as strict as API Gateway', () => {
  it('a malformed percent-escape in the path or query is 400 problem+json', async () => {
    const seller = await token('seller', 'S-1');
    for (const path of ['/orders/%E0%A4%A', '/orders?orderNo=%ZZ']) {
      const answer = await raw(path, { authorization: `Bearer ${seller}` });
      expect(answer, path).toMatchObject({ status: 400, type: 'application/problem+json', body: { status: 400 } });
    }
  });

  it('headers over 10 KB are 431 problem+json, even past what Node’s own parser takes', async () => {
    for (const size of [11_000, 80_000]) {
      const answer = await raw('/health', { 'x-padding': 'a'.repeat(size) });
      expect(answer, String(size)).toMatchObject({
        status: 431,
        type: 'application/problem+json',
        body: { status: 431 },
      });
    }
  });

  it('a body over 10 MB is 413 problem+json, and nothing runs', async () => {
    const answer = await fetch(`${inject('apiUrl')}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('operator', 'OP-1')}`, 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  });

  it('GET /health is a route like the others, public, answered by its function', async () => {
    const answer = await fetch(`${inject('apiUrl')}/health`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'ok' });
  });
});

describe('the local Step Functions endpoint, as strict as Step Functions', () => {
  const settleArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:settle-claim';

  it('refuses an execution name over 80 characters or with a character Step Functions refuses', async () => {
    for (const name of ['x'.repeat(81), 'claim:1', 'with space', 'a/b']) {
      await expect(
        sfn.send(new StartExecutionCommand({ stateMachineArn: settleArn, name, input: '{}' })),
        name,
      ).rejects.toBeInstanceOf(InvalidName);
    }
  });

  it('refuses an input over 256 KB', async () => {
    const input = JSON.stringify({ claimId: 'C-none', padding: 'x'.repeat(256 * 1024) });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn: settleArn, name: 'too-big', input })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('lists and describes its state machines and executions, and pages a history, as the CLI reads them', async () => {
    const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines.map((m) => m.name).sort()).toEqual([
      'approve-cancel-request',
      'bulk-cancellation',
      'non-receipt-claim',
      'return-claim',
      'settle-claim',
    ]);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: settleArn }));
    expect(described).toMatchObject({ name: 'settle-claim', status: 'ACTIVE', type: 'STANDARD' });
    expect(JSON.parse(described.definition!).StartAt).toBe('apply-claim');

    const seller = await token('seller', 'S-1');
    const cancel = async () =>
      (
        await call('POST', `/orders/${(await registered()).orderNo}/cancellations`, {
          token: seller,
          body: aCancellation(),
        })
      ).body.claimId as string;
    const [claimId, other] = await Promise.all([cancel(), cancel()]);
    await Promise.all([finishedExecution('settle-claim', claimId!), finishedExecution('settle-claim', other!)]);
    const accepted = { body: { claimId } };
    const listed: string[] = [];
    for await (const page of paginateListExecutions(
      { client: sfn, pageSize: 2 },
      { stateMachineArn: settleArn, statusFilter: 'SUCCEEDED' },
    ))
      listed.push(...(page.executions ?? []).map((e) => e.name!));
    expect(listed).toContain(accepted.body.claimId);
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: settleArn, maxResults: 1 }));
    expect(first.executions).toHaveLength(1);
    expect(first.nextToken).toBeDefined();

    const events = [];
    for await (const page of paginateGetExecutionHistory(
      { client: sfn, pageSize: 5 },
      { executionArn: executionArn('settle-claim', accepted.body.claimId) },
    ))
      events.push(...(page.events ?? []));
    expect(events[0]?.type).toBe('ExecutionStarted');
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
  });

  it('an order number of 64 characters (the most the API takes) settles: execution names are bounded', async () => {
    const orderNo = `T-${'9'.repeat(62)}`.slice(0, 64);
    const order = await registered({ orderNo: `${orderNo.slice(0, 56)}${Date.now().toString(36).slice(-8)}` });
    expect(order.orderNo).toHaveLength(64);
    const seller = await token('seller', 'S-1');
    const accepted = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: seller,
      body: aCancellation(),
    });
    expect((await claimWhenSettled(accepted.body.claimId, seller)).body.status).toBe('COMPLETED');
  });
});
