// The outbox (docs/EVENTS.md): each integration event is an item written in the transaction of its
// change, in a partition of its own per order, buyer or bulk job (`EVENTS#order:D-1`), its sort
// key the event's sequence number. DynamoDB Streams carries each new item to EventBridge Pipes, and
// the local stack's bus stand-in reads the same stream. The items stay: they are each partition's
// event log, and the next sequence number is read from them.

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  paginateQuery,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { numbered, type IntegrationEvent, type UnnumberedEvent } from '../app/ports/change-set.js';
import { asConcurrentChange, MAX_TRANSACTION_ITEMS } from './dynamo-items.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const OUTBOX_ENTITY = 'outbox';
const outboxPartition = (partitionkey: string) => `EVENTS#${partitionkey}`;

/** How often a transaction is sent again because another took the sequence numbers it read. */
const SEQUENCE_ATTEMPTS = 20;

/** The last sequence number of each partition (0 for none), read consistently. */
async function lastSequences(
  db: DynamoDBDocumentClient,
  tableName: string,
  partitions: string[],
): Promise<Map<string, number>> {
  const last = await Promise.all(
    partitions.map(async (partition) => {
      const { Items } = await db.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': outboxPartition(partition) },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
          ProjectionExpression: 'sk',
        }),
      );
      return [partition, Items?.[0] ? Number(Items[0].sk) : 0] as const;
    }),
  );
  return new Map(last);
}

async function outboxItems(
  db: DynamoDBDocumentClient,
  tableName: string,
  events: UnnumberedEvent[],
): Promise<TransactItem[]> {
  const last = await lastSequences(db, tableName, [...new Set(events.map((e) => e.partitionkey))]);
  return numbered(events, (partition) => last.get(partition)!).map((event) => ({
    Put: {
      TableName: tableName,
      // `detail` is what the pipe puts on the bus, as it stands: the stream shows it as one string.
      Item: {
        pk: outboxPartition(event.partitionkey),
        sk: event.sequence,
        entity: OUTBOX_ENTITY,
        type: event.type,
        id: event.id,
        detail: JSON.stringify(event),
      },
      // Taken meanwhile by another transaction of the same partition: numbered again and retried.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  }));
}

/** Refused only at outbox items (from `first` on): another transaction took those numbers, nothing else changed. */
function lostSequenceRace(error: unknown, first: number): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const refused = (error.CancellationReasons ?? [])
    .map((reason, index) => ({ index, code: reason.Code ?? 'None' }))
    .filter((r) => r.code !== 'None');
  return (
    refused.length > 0 &&
    refused.every((r) => r.index >= first && (r.code === 'ConditionalCheckFailed' || r.code === 'TransactionConflict'))
  );
}

/**
 * Writes the items and the events' outbox items all or nothing; throws ConcurrentChangeError if
 * any item changed since read. One item with no event needs no transaction (half the write units).
 */
export async function writeWithEvents(
  db: DynamoDBDocumentClient,
  tableName: string,
  items: TransactItem[],
  events: UnnumberedEvent[],
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const outbox = events.length > 0 ? await outboxItems(db, tableName, events) : [];
    const all = [...items, ...outbox];
    if (all.length > MAX_TRANSACTION_ITEMS) {
      // A bug, not bad input: every use case bounds what it writes at once (docs/STORAGE.md).
      throw new Error(`A transaction of ${all.length} items exceeds DynamoDB's ${MAX_TRANSACTION_ITEMS}`);
    }
    try {
      if (all.length === 1 && all[0]!.Put) await db.send(new PutCommand(all[0]!.Put));
      else await db.send(new TransactWriteCommand({ TransactItems: all }));
      return;
    } catch (error) {
      if (attempt < SEQUENCE_ATTEMPTS && lostSequenceRace(error, items.length)) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
        continue;
      }
      throw asConcurrentChange(error);
    }
  }
}

/** A partition's events, oldest first: for a replay by hand, and for the tests. */
export async function readOutbox(
  db: DynamoDBDocumentClient,
  tableName: string,
  partitionkey: string,
): Promise<IntegrationEvent[]> {
  const events: IntegrationEvent[] = [];
  for await (const page of paginateQuery(
    { client: db },
    {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': outboxPartition(partitionkey) },
      ConsistentRead: true,
    },
  )) {
    for (const item of page.Items ?? []) events.push(JSON.parse(item.detail as string) as IntegrationEvent);
  }
  return events;
}
