// What bench/bulk.ts needs besides the stack: a client of the API as a client of a throttled API
// is, the e-mails' outcomes read from the table, and the stack's memory.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { inParallel } from './common.js';

/**
 * A request to the API. On a new account's 10 functions at once, Lambda refuses what is past them
 * and API Gateway answers 500 with its own body: tried again with backoff, under the same
 * Idempotency-Key, as a client should.
 */
export async function send(
  method: string,
  url: string,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, any>; retried: number }> {
  const key = randomUUID();
  for (let attempt = 0; ; attempt++) {
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(method === 'GET' ? {} : { 'idempotency-key': key }),
    };
    const response = await fetch(url, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = { status: response.status, body: (await response.json()) as Record<string, any>, retried: attempt };
    if (answer.status !== 500 || answer.body.message !== 'Internal Server Error' || attempt === 12) return answer;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(5000, 100 * 2 ** attempt)));
  }
}

/** Every e-mail of these orders' messages, by its outcome (SENT, FAILED, PENDING…), read from the table. */
export async function emailOutcomes(
  endpoint: string,
  tableName: string,
  orderNos: string[],
): Promise<Record<string, number>> {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const outcomes: Record<string, number> = {};
  await inParallel(orderNos, 8, async (orderNo) => {
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :message)',
        ExpressionAttributeValues: { ':pk': `ORDER#${orderNo}`, ':message': 'MESSAGE#' },
        ConsistentRead: true,
      }),
    );
    for (const item of Items) outcomes[item.email as string] = (outcomes[item.email as string] ?? 0) + 1;
  });
  db.destroy();
  return outcomes;
}

/**
 * Resident memory of this process and of its DynamoDB Local (a Java process it started; not another engineer's), in
 * MiB.
 */
export function memory(): { node: number; java: number } {
  let java = 0;
  try {
    const pids = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'DynamoDBLocal'], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean);
    for (const pid of pids)
      java += Number(execFileSync('ps', ['-o', 'rss=', '-p', pid], { encoding: 'utf8' }).trim() || 0) / 1024;
  } catch {
    // not found: reported as 0
  }
  return { node: process.memoryUsage().rss / 2 ** 20, java };
}
