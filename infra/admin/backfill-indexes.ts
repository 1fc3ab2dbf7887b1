// The one-off step of an upgrade to this version (docs/DECISIONS.md): items stored before it lack
// two new index entries. Orders get their buyer's keys (gsi5, "my orders"); withdrawals still
// PENDING get the operator's list's (gsi4, `GET /withdrawals`). Only those attributes are set, each
// on condition that it is still missing, so an item the stack writes meanwhile is left alone, and
// running it again finds nothing to do.

import { DynamoDBDocumentClient, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { keys } from '../../shared/adapters/dynamo-items.js';
import type { Withdrawal } from '../../shared/domain/ledger.js';
import type { Order } from '../../shared/domain/order.js';

interface Backfill {
  /** Which items lack the entry. */
  filter: string;
  values: Record<string, string>;
  /** The attribute whose absence marks them, and the entry's two keys for an item. */
  missing: 'gsi5pk' | 'gsi4pk';
  entry: (item: Record<string, unknown>) => Record<string, unknown>;
}

const BACKFILLS: Record<'orders' | 'withdrawals', Backfill> = {
  orders: {
    filter: 'sk = :order AND attribute_not_exists(gsi5pk)',
    values: { ':order': 'ORDER' },
    missing: 'gsi5pk',
    entry: (item) => {
      const { gsi5pk, gsi5sk } = keys.order(item as unknown as Order);
      return { gsi5pk, gsi5sk };
    },
  },
  withdrawals: {
    filter: 'begins_with(sk, :withdrawal) AND #status = :pending AND attribute_not_exists(gsi4pk)',
    values: { ':withdrawal': 'WITHDRAWAL#', ':pending': 'PENDING' },
    missing: 'gsi4pk',
    entry: (item) => {
      const { gsi4pk, gsi4sk } = keys.withdrawal(item as unknown as Withdrawal) as { gsi4pk: string; gsi4sk: string };
      return { gsi4pk, gsi4sk };
    },
  },
};

export async function backfillIndexes(db: DynamoDBDocumentClient, tableName: string): Promise<{ orders: number; withdrawals: number }> {
  const done = { orders: 0, withdrawals: 0 };
  for (const [kind, backfill] of Object.entries(BACKFILLS) as [keyof typeof BACKFILLS, Backfill][]) {
    const pages = paginateScan({ client: db }, { TableName: tableName, FilterExpression: backfill.filter, ExpressionAttributeValues: backfill.values, ...(backfill.filter.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}) });
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const entry = backfill.entry(item);
        const names = Object.keys(entry);
        try {
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: `SET ${names.map((name) => `${name} = :${name}`).join(', ')}`,
              ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(${backfill.missing})${kind === 'withdrawals' ? ' AND #status = :pending' : ''}`,
              ExpressionAttributeValues: { ...Object.fromEntries(names.map((name) => [`:${name}`, entry[name]])), ...(kind === 'withdrawals' ? { ':pending': 'PENDING' } : {}) },
              ...(kind === 'withdrawals' ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
            }),
          );
          done[kind]++;
        } catch (error) {
          // Written meanwhile by the stack itself (which now sets the entry) or settled: nothing to do.
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
    }
  }
  return done;
}
