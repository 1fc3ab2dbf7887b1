// The local stand-in for DynamoDB Streams → EventBridge Pipes → the event bus (docs/EVENTS.md):
// reads DynamoDB Local's stream of the table, takes each new outbox item as the pipe's filter
// does, and keeps the event it carries, in the order the stream gives. `GET /__events` on the
// API's origin lists them; with a forwarding URL each is POSTed there too, in EventBridge's
// envelope, as a rule's API destination would (a failed POST is tried up to 5 times, then logged).

import { DescribeTableCommand, DynamoDBClient, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { randomUUID } from 'node:crypto';
import type { IntegrationEvent } from '../shared/app/ports/change-set.js';
import { OUTBOX_ENTITY } from '../shared/adapters/dynamo-outbox.js';
import { TABLE_DESIGN } from '../infra/table-design.js';
import { LOCAL_REGION } from './lambda-runtime.js';

export interface EventBusLocal {
  /** Every event published so far, oldest first; `type`, `subject` or `partitionkey` filter. */
  list(filter?: { type?: string; subject?: string; partitionkey?: string }): IntegrationEvent[];
  stop(): Promise<void>;
}

/** How often the stream is read when it had nothing new (Pipes polls a shard about 4 times a second). */
const POLL_MS = 100;
const FORWARD_ATTEMPTS = 5;

/** As EventBridge delivers it to a rule's target: the event is the detail. */
export function eventBridgeEnvelope(event: IntegrationEvent) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': event.type,
    source: event.source,
    account: '000000000000',
    time: event.time,
    region: LOCAL_REGION,
    resources: [],
    detail: event,
  };
}

/** The event an outbox item's stream record carries, as the pipe's filter and input template take it. */
export function eventOf(record: _Record): IntegrationEvent | undefined {
  const image = record.dynamodb?.NewImage;
  if (record.eventName !== 'INSERT' || image?.entity?.S !== OUTBOX_ENTITY || !image.detail?.S) return undefined;
  return JSON.parse(image.detail.S) as IntegrationEvent;
}

async function streamArnOf(client: DynamoDBClient, tableName: string): Promise<string> {
  const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
  if (Table?.LatestStreamArn && Table.StreamSpecification?.StreamEnabled) return Table.LatestStreamArn;
  // A table kept in a data directory from before the outbox: its stream is turned on now.
  const updated = await client.send(
    new UpdateTableCommand({
      TableName: tableName,
      StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DESIGN.streamView },
    }),
  );
  return updated.TableDescription!.LatestStreamArn!;
}

/** IAM: why AWS would refuse a call the pipe's role makes, if it would. */
export type PipeAuthorize = (action: string, resource: string) => Promise<{ message: string } | undefined>;

export interface EventBusLocalOptions {
  dynamoDbEndpoint: string;
  tableName: string;
  forwardTo?: string;
  log?: (line: string) => void;
  /** The pipe's role, once the table's stream is known (local/iam); its bus's ARN for events:PutEvents. */
  pipe?: (streamArn: string) => Promise<{ authorize: PipeAuthorize; busArn: string }>;
}

export async function startEventBusLocal(options: EventBusLocalOptions): Promise<EventBusLocal> {
  const config = {
    endpoint: options.dynamoDbEndpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const log = options.log ?? ((line: string) => console.error(line));
  const streamArn = await streamArnOf(dynamo, options.tableName);
  const pipe = await options.pipe?.(streamArn);
  /** As Pipes: a call its role may not make fails the poll, which is logged and tried again. */
  const allowed = async (action: string, resource = streamArn) => {
    const denied = await pipe?.authorize(action, resource);
    if (denied) throw new Error(`AccessDeniedException: ${denied.message}`);
  };
  const events: IntegrationEvent[] = [];
  /** Each shard's next iterator; null once the shard is closed and read to its end. */
  const iterators = new Map<string, string | null>();
  /** Each shard's last record read: an expired iterator resumes after it, so nothing is read twice. */
  const lastRead = new Map<string, string>();
  const iteratorAfter = async (shardId: string) => {
    const after = lastRead.get(shardId);
    await allowed('dynamodb:GetShardIterator');
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return ShardIterator ?? null;
  };
  let forwarding: Promise<void> = Promise.resolve();
  let stopped = false;

  const forward = (event: IntegrationEvent) => {
    const url = options.forwardTo;
    if (!url) return;
    // One at a time, in order, as the pipe keeps a shard's order.
    forwarding = forwarding.then(async () => {
      for (let attempt = 1; attempt <= FORWARD_ATTEMPTS && !stopped; attempt++) {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(eventBridgeEnvelope(event)),
            signal: AbortSignal.timeout(5000),
          });
          if (response.ok) return;
          log(`[events] ${url} answered ${response.status} for ${event.id} (attempt ${attempt})`);
        } catch (error) {
          log(`[events] ${url} failed for ${event.id} (attempt ${attempt}): ${(error as Error).message}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    });
  };

  /** New shards from the stream's description, each read from its beginning. */
  const discoverShards = async () => {
    let start: string | undefined;
    do {
      await allowed('dynamodb:DescribeStream');
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ...(start ? { ExclusiveStartShardId: start } : {}) }),
      );
      for (const shard of StreamDescription?.Shards ?? []) {
        if (iterators.has(shard.ShardId!)) continue;
        // A child shard is read after its parent is finished, as Pipes does, which keeps an item's changes in order.
        if (shard.ParentShardId && iterators.has(shard.ParentShardId) && iterators.get(shard.ParentShardId) !== null)
          continue;
        iterators.set(shard.ShardId!, await iteratorAfter(shard.ShardId!));
      }
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
  };

  const readShards = async (): Promise<number> => {
    let read = 0;
    for (const [shardId, iterator] of iterators) {
      if (!iterator) continue;
      try {
        // Nothing is read that the pipe could not put on the bus.
        await allowed('dynamodb:GetRecords');
        if (pipe) await allowed('events:PutEvents', pipe.busArn);
        const { Records, NextShardIterator } = await streams.send(
          new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }),
        );
        iterators.set(shardId, NextShardIterator ?? null);
        for (const record of Records ?? []) {
          read++;
          lastRead.set(shardId, record.dynamodb!.SequenceNumber!);
          const event = eventOf(record);
          if (!event) continue;
          events.push(event);
          forward(event);
        }
      } catch (error) {
        if (error instanceof ExpiredIteratorException) iterators.set(shardId, await iteratorAfter(shardId));
        else if (error instanceof TrimmedDataAccessException) {
          // What was after the last record read is gone (24 hours of retention): go on from what is left.
          lastRead.delete(shardId);
          iterators.set(shardId, await iteratorAfter(shardId));
        } else throw error;
      }
    }
    return read;
  };

  const loop = (async () => {
    let rounds = 0;
    while (!stopped) {
      try {
        if (rounds++ % 20 === 0) await discoverShards();
        if ((await readShards()) === 0) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      } catch (error) {
        if (!stopped) log(`[events] reading the stream failed: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();

  return {
    list: (filter = {}) =>
      events.filter(
        (e) =>
          (!filter.type || e.type === filter.type) &&
          (!filter.subject || e.subject === filter.subject) &&
          (!filter.partitionkey || e.partitionkey === filter.partitionkey),
      ),
    stop: async () => {
      stopped = true;
      await loop;
      await forwarding;
      dynamo.destroy();
      streams.destroy();
    },
  };
}
