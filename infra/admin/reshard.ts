// The upgrade to sharded lists and counters (docs/DECISIONS.md, "A sale's peak"): orders and claims
// stored before it have their list entries under one partition key each (`SELLER#<id>`,
// `ORDERS#<month>`, `OPEN#<status>`, …), and the counters their 32 items under one (`COUNTS#ALL`).
// Each entry is moved to its shard (its index keys set, on condition that the item is as scanned:
// one the stack rewrites meanwhile gets its shard from the stack), and each old counter item is
// added to the new one of its shard and deleted, in one transaction. Running it again finds nothing.

import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, paginateScan, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../shared/adapters/dynamo-items.js';
import type { Claim } from '../../shared/domain/claim.js';
import type { Order } from '../../shared/domain/order.js';

type Item = Record<string, unknown>;

const INDEX_KEYS = ['gsi1pk', 'gsi2pk', 'gsi3pk', 'gsi4pk', 'gsi6pk'];

/** The index partition keys of an order or claim that are not where this version writes them. */
function movedEntries(item: Item): Record<string, unknown> {
  const target: Item =
    item.sk === 'ORDER' ? keys.order(item as unknown as Order) : keys.claim(item as unknown as Claim);
  return Object.fromEntries(
    INDEX_KEYS.filter((name) => name in target && item[name] !== target[name]).map((name) => [name, target[name]]),
  );
}

async function moveEntries(db: DynamoDBDocumentClient, tableName: string, item: Item): Promise<boolean> {
  const moved = movedEntries(item);
  if (Object.keys(moved).length === 0) return false;
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: `SET ${Object.keys(moved)
          .map((name) => `${name} = :${name}`)
          .join(', ')}`,
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: {
          ...Object.fromEntries(Object.entries(moved).map(([name, value]) => [`:${name}`, value])),
          ':version': item.version,
        },
      }),
    );
    return true;
  } catch (error) {
    // Rewritten by the stack since it was scanned: the stack wrote it to its shard.
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** An old counter item (`COUNTS#<scope>` / `SHARD#<nn>`), added to its shard's new item and deleted. */
async function moveCounter(db: DynamoDBDocumentClient, tableName: string, item: Item): Promise<boolean> {
  const scope = (item.pk as string).slice('COUNTS#'.length);
  const counts = Object.entries(item).filter(
    ([name, value]) => name !== 'pk' && name !== 'sk' && typeof value === 'number' && value !== 0,
  );
  const remove = {
    Delete: { TableName: tableName, Key: { pk: item.pk, sk: item.sk }, ConditionExpression: 'attribute_exists(pk)' },
  };
  const add = {
    Update: {
      TableName: tableName,
      Key: keys.counter(scope, Number((item.sk as string).slice('SHARD#'.length))),
      UpdateExpression: `ADD ${counts.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(counts.map(([name], i) => [`#c${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(counts.map(([, value], i) => [`:d${i}`, value])),
    },
  };
  try {
    await db.send(new TransactWriteCommand({ TransactItems: counts.length > 0 ? [remove, add] : [remove] }));
    return true;
  } catch (error) {
    // Moved by another run meanwhile.
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

export async function reshardLists(
  db: DynamoDBDocumentClient,
  tableName: string,
): Promise<{ listEntries: number; counters: number }> {
  const done = { listEntries: 0, counters: 0 };
  const filter = 'sk IN (:order, :claim) OR (begins_with(pk, :counts) AND begins_with(sk, :shard))';
  const values = { ':order': 'ORDER', ':claim': 'CLAIM', ':counts': 'COUNTS#', ':shard': 'SHARD#' };
  for await (const page of paginateScan(
    { client: db },
    { TableName: tableName, FilterExpression: filter, ExpressionAttributeValues: values },
  )) {
    for (const item of page.Items ?? []) {
      if (item.sk === 'ORDER' || item.sk === 'CLAIM')
        done.listEntries += (await moveEntries(db, tableName, item)) ? 1 : 0;
      else done.counters += (await moveCounter(db, tableName, item)) ? 1 : 0;
    }
  }
  return done;
}
