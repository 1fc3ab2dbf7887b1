// Bulk cancellations on the one table (docs/STORAGE.md): the job in one item, its lines in chunk
// items of the same partition, the approval wait's token beside them.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { UnnumberedEvent } from '../app/ports/change-set.js';
import type { BulkQuery, BulkStore } from '../app/ports/bulk-store.js';
import type { Page, PageRequest } from '../app/ports/pages.js';
import type { BulkCancellation, BulkChunk } from '../domain/bulk.js';
import { asConcurrentChange, decodeCursor, encodeCursor, strip, type Item } from './dynamo-items.js';
import { writeWithEvents } from './dynamo-outbox.js';

const jobSort = (job: Pick<BulkCancellation, 'bulkId' | 'createdAt'>) => `BULK#${job.createdAt}#${job.bulkId}`;

export const bulkKeys = {
  job: (job: Pick<BulkCancellation, 'bulkId' | 'sellerId' | 'createdAt' | 'status'>) => ({
    pk: `BULK#${job.bulkId}`,
    sk: 'BULK',
    // A seller's jobs; every job (few: a seller files one when a whole batch must go), newest first.
    gsi1pk: `SELLER#${job.sellerId}#BULKS`,
    gsi1sk: jobSort(job),
    gsi2pk: 'BULKS',
    gsi2sk: jobSort(job),
    // Sparse: only the jobs waiting for an operator, for the operator's queue and counts.
    ...(job.status === 'AWAITING_APPROVAL'
      ? { gsi4pk: 'BULKS#AWAITING_APPROVAL', gsi4sk: `${job.sellerId}#${jobSort(job)}` }
      : {}),
  }),
  chunk: (bulkId: string, index: number) => ({ pk: `BULK#${bulkId}`, sk: `LINES#${String(index).padStart(5, '0')}` }),
  wait: (bulkId: string) => ({ pk: `BULK#${bulkId}`, sk: 'WAIT' }),
};

export class DynamoBulkStore implements BulkStore {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async createBulk(job: BulkCancellation, chunks: BulkChunk[], events: UnnumberedEvent[]): Promise<void> {
    // Chunks first (25 a request, DynamoDB's limit): a job that exists has all its lines. A chunk
    // whose job was never written is unreachable and harmless.
    for (let i = 0; i < chunks.length; i += 25) {
      let pending: Item[] | undefined = chunks
        .slice(i, i + 25)
        .map((chunk) => ({ PutRequest: { Item: this.chunkItem({ ...chunk, version: 1 }) } }));
      for (let attempt = 0; pending && pending.length > 0; attempt++) {
        if (attempt === 8)
          throw new Error(`BatchWrite left ${pending.length} chunks unprocessed after ${attempt} attempts`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        const result = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending as never } }),
        );
        pending = result.UnprocessedItems?.[this.tableName] as Item[] | undefined;
      }
    }
    await writeWithEvents(this.db, this.tableName, [{ Put: this.jobPut(job) }], events);
  }

  async getBulk(bulkId: string): Promise<BulkCancellation | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `BULK#${bulkId}`, sk: 'BULK' }, ConsistentRead: true }),
    );
    return strip<BulkCancellation>(Item);
  }

  async getChunks(bulkId: string, from: number, count: number): Promise<BulkChunk[]> {
    if (count <= 0) return [];
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high',
        ExpressionAttributeValues: {
          ':pk': `BULK#${bulkId}`,
          ':low': bulkKeys.chunk(bulkId, from).sk,
          ':high': bulkKeys.chunk(bulkId, from + count - 1).sk,
        },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => strip<BulkChunk>(item)!);
  }

  async listBulks(query: BulkQuery, page: PageRequest): Promise<Page<BulkCancellation>> {
    const after = decodeCursor(page.cursor, 'BULK#');
    const [index, partition] = query.sellerId
      ? (['gsi1', `SELLER#${query.sellerId}#BULKS`] as const)
      : (['gsi2', 'BULKS'] as const);
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    let last: string | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: `#pk = :pk AND #sk < :after`,
          ExpressionAttributeNames: {
            '#pk': `${index}pk`,
            '#sk': `${index}sk`,
            ...(query.status ? { '#status': 'status' } : {}),
          },
          ExpressionAttributeValues: {
            ':pk': partition,
            ':after': after ?? 'BULK#\uffff',
            ...(query.status ? { ':status': query.status } : {}),
          },
          ...(query.status ? { FilterExpression: '#status = :status' } : {}),
          ScanIndexForward: false,
          Limit: page.limit,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of result.Items ?? []) {
        if (items.length < page.limit) {
          items.push(item);
          last = item[`${index}sk`] as string;
        }
      }
      startKey = result.LastEvaluatedKey;
    } while (startKey && items.length < page.limit);
    // A full page may be followed by an empty one: cheaper than reading ahead to know.
    return {
      items: items.map((item) => strip<BulkCancellation>(item)!),
      nextCursor: items.length === page.limit ? encodeCursor(last!) : null,
    };
  }

  async countAwaitingApproval(sellerId?: string): Promise<number> {
    let count = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi4',
          KeyConditionExpression: sellerId ? 'gsi4pk = :pk AND begins_with(gsi4sk, :seller)' : 'gsi4pk = :pk',
          ExpressionAttributeValues: {
            ':pk': 'BULKS#AWAITING_APPROVAL',
            ...(sellerId ? { ':seller': `${sellerId}#` } : {}),
          },
          Select: 'COUNT',
          ExclusiveStartKey: startKey,
        }),
      );
      count += result.Count ?? 0;
      startKey = result.LastEvaluatedKey;
    } while (startKey);
    return count;
  }

  async saveBulk(job: BulkCancellation, events: UnnumberedEvent[], chunk?: BulkChunk): Promise<void> {
    const chunkPut = chunk && {
      TableName: this.tableName,
      Item: this.chunkItem({ ...chunk, version: chunk.version + 1 }),
      ConditionExpression: 'version = :read',
      ExpressionAttributeValues: { ':read': chunk.version },
    };
    await writeWithEvents(
      this.db,
      this.tableName,
      [{ Put: this.jobPut(job) }, ...(chunkPut ? [{ Put: chunkPut }] : [])],
      events,
    );
  }

  async saveBulkWait(job: BulkCancellation, token: string): Promise<void> {
    await this.write(() =>
      this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...bulkKeys.wait(job.bulkId), entity: 'bulk-wait', token } } },
            { Put: this.jobPut(job) },
          ],
        }),
      ),
    );
  }

  async bulkWaitToken(bulkId: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: bulkKeys.wait(bulkId), ConsistentRead: true }),
    );
    return Item?.token as string | undefined;
  }

  private chunkItem(chunk: BulkChunk): Item {
    return { ...chunk, ...bulkKeys.chunk(chunk.bulkId, chunk.index), entity: 'bulk-lines' };
  }

  /** The job at version + 1, if it is still at the version read (0: new). */
  private jobPut(job: BulkCancellation) {
    const Item = { ...job, ...bulkKeys.job(job), entity: 'bulk', version: job.version + 1 };
    return job.version === 0
      ? { TableName: this.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' }
      : {
          TableName: this.tableName,
          Item,
          ConditionExpression: 'version = :read',
          ExpressionAttributeValues: { ':read': job.version },
        };
  }

  private async write(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (error) {
      throw asConcurrentChange(error);
    }
  }
}
