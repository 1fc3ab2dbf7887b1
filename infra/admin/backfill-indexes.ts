// The one-off step of an upgrade to this version (docs/DECISIONS.md): items stored before it lack
// two new index entries. Orders get their buyer's keys (gsi5, "my orders"); withdrawals still
// PENDING get the operator's list's (gsi4, `GET /withdrawals`). Only those attributes are set, each
// on condition that it is still missing, so an item the stack writes meanwhile is left alone, and
// running it again finds nothing to do. Then the lists and counters move to their shards (reshard.ts).

import { type DynamoDBDocumentClient, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { keys } from '../../shared/adapters/dynamo-items.js';
import type { Withdrawal } from '../../shared/domain/ledger.js';
import type { Order } from '../../shared/domain/order.js';
import { reshardLists } from './reshard.js';

/** A condition and the values it names (DynamoDB refuses values an expression does not use). */
interface Condition {
  expression: string;
  values?: Record<string, string>;
}

interface Backfill {
  /** Which items lack the entry (the scan's filter), and whether one still does (the update's condition). */
  lacking: Condition;
  stillLacking: Condition;
  names?: Record<string, string>;
  /** The entry's two keys for an item. */
  entry: (item: Record<string, unknown>) => Record<string, unknown>;
}

const BACKFILLS: Record<'orders' | 'withdrawals', Backfill> = {
  orders: {
    lacking: { expression: 'sk = :order AND attribute_not_exists(gsi5pk)', values: { ':order': 'ORDER' } },
    stillLacking: { expression: 'attribute_exists(pk) AND attribute_not_exists(gsi5pk)' },
    entry: (item) => {
      const { gsi5pk, gsi5sk } = keys.order(item as unknown as Order);
      return { gsi5pk, gsi5sk };
    },
  },
  withdrawals: {
    lacking: {
      expression: 'begins_with(sk, :withdrawal) AND #status = :pending AND attribute_not_exists(gsi4pk)',
      values: { ':withdrawal': 'WITHDRAWAL#', ':pending': 'PENDING' },
    },
    // Settled since it was scanned: it has no place in the list.
    stillLacking: {
      expression: 'attribute_exists(pk) AND attribute_not_exists(gsi4pk) AND #status = :pending',
      values: { ':pending': 'PENDING' },
    },
    names: { '#status': 'status' },
    entry: (item) => {
      const { gsi4pk, gsi4sk } = keys.withdrawal(item as unknown as Withdrawal) as { gsi4pk: string; gsi4sk: string };
      return { gsi4pk, gsi4sk };
    },
  },
};

export async function backfillIndexes(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ orders: number; withdrawals: number; listEntries: number; counters: number }> {
  const done = { orders: 0, withdrawals: 0, listEntries: 0, counters: 0 };
  for (const [kind, { lacking, stillLacking, names, entry }] of Object.entries(BACKFILLS) as [
    keyof typeof BACKFILLS,
    Backfill,
  ][]) {
    const withNames = names ? { ExpressionAttributeNames: names } : {};
    for await (const page of paginateScan(
      { client: db },
      {
        TableName: tableName,
        FilterExpression: lacking.expression,
        ExpressionAttributeValues: lacking.values,
        ...withNames,
      },
    )) {
      for (const item of page.Items ?? []) {
        const keysOf = entry(item);
        try {
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: item.pk, sk: item.sk },
              UpdateExpression: `SET ${Object.keys(keysOf)
                .map((name) => `${name} = :${name}`)
                .join(', ')}`,
              ConditionExpression: stillLacking.expression,
              ExpressionAttributeValues: {
                ...Object.fromEntries(Object.entries(keysOf).map(([name, value]) => [`:${name}`, value])),
                ...stillLacking.values,
              },
              ...withNames,
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
  return { ...done, ...(await reshardLists(db, tableName)) };
}
