// Seller profiles and inquiries on the one table (docs/STORAGE.md): each an item of its own,
// written only if it is still at the version read.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '../app/ports/pages.js';
import type { InquiryQuery, Inquiries, SellerProfiles } from '../app/ports/seller-store.js';
import type { Inquiry } from '../domain/inquiry.js';
import type { SellerProfile } from '../domain/seller-profile.js';
import { asConcurrentChange, decodeCursor, encodeCursor, strip, type Item } from './dynamo-items.js';
import { inList, pageAcross, type Partition } from './dynamo-pages.js';

export const inquirySort = (inquiry: Pick<Inquiry, 'inquiryId' | 'createdAt'>) =>
  `INQUIRY#${inquiry.createdAt}#${inquiry.inquiryId}`;

export const sellerKeys = {
  // Every profile in one partition of gsi2, by seller id: the operator's list (sellers are thousands, not millions).
  profile: (sellerId: string) => ({
    pk: `SELLER#${sellerId}`,
    sk: 'PROFILE',
    gsi2pk: 'SELLERS',
    gsi2sk: `SELLER#${sellerId}`,
  }),
  inquiry: (inquiry: Pick<Inquiry, 'inquiryId' | 'sellerId' | 'createdAt' | 'status'>) => ({
    pk: `INQUIRY#${inquiry.inquiryId}`,
    sk: 'INQUIRY',
    gsi1pk: `SELLER#${inquiry.sellerId}#INQUIRIES`,
    gsi1sk: inquirySort(inquiry),
    // The operator's queue: one partition per status, newest first.
    gsi4pk: `INQUIRIES#${inquiry.status}`,
    gsi4sk: inquirySort(inquiry),
  }),
};

export class DynamoSellerStore implements SellerProfiles, Inquiries {
  private readonly db: DynamoDBDocumentClient;

  constructor(
    private readonly tableName: string,
    client: DynamoDBClient = new DynamoDBClient({}),
  ) {
    this.db = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async getProfile(sellerId: string): Promise<SellerProfile | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `SELLER#${sellerId}`, sk: 'PROFILE' },
        ConsistentRead: true,
      }),
    );
    return strip<SellerProfile>(Item);
  }

  async listProfiles(page: PageRequest): Promise<Page<SellerProfile>> {
    const after = decodeCursor(page.cursor, 'SELLER#');
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :sellers AND gsi2sk > :after',
        ExpressionAttributeValues: { ':sellers': 'SELLERS', ':after': after ?? 'SELLER#' },
        Limit: page.limit,
      }),
    );
    const last = Items.at(-1)?.gsi2sk as string | undefined;
    return {
      items: Items.map((item) => strip<SellerProfile>(item)!),
      nextCursor: LastEvaluatedKey && last ? encodeCursor(last) : null,
    };
  }

  saveProfile(profile: SellerProfile): Promise<void> {
    return this.put({ ...profile, ...sellerKeys.profile(profile.sellerId), entity: 'seller-profile' }, profile.version);
  }

  async getInquiry(inquiryId: string): Promise<Inquiry | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `INQUIRY#${inquiryId}`, sk: 'INQUIRY' },
        ConsistentRead: true,
      }),
    );
    return strip<Inquiry>(Item);
  }

  async listInquiries(query: InquiryQuery, page: PageRequest): Promise<Page<Inquiry>> {
    const after = decodeCursor(page.cursor, 'INQUIRY#');
    const bounds = { low: 'INQUIRY#', high: after ?? 'INQUIRY#\uffff' };
    const partitions: Partition[] = query.sellerId
      ? [{ index: 'gsi1', pk: `SELLER#${query.sellerId}#INQUIRIES`, ...bounds }]
      : (query.status ? [query.status] : (['OPEN', 'ANSWERED', 'CLOSED'] as const)).map(
          (status): Partition => ({ index: 'gsi4', pk: `INQUIRIES#${status}`, ...bounds }),
        );
    const filter = query.sellerId && query.status ? inList('status', [query.status], 'is') : undefined;
    const found = await pageAcross(this.db, this.tableName, [partitions], page.limit, after, filter);
    return {
      items: found.items.map((item) => strip<Inquiry>(item)!),
      nextCursor: found.last ? encodeCursor(found.last) : null,
    };
  }

  saveInquiry(inquiry: Inquiry): Promise<void> {
    return this.put({ ...inquiry, ...sellerKeys.inquiry(inquiry), entity: 'inquiry' }, inquiry.version);
  }

  /** The item at version + 1, if it is still at the version read (0: new). */
  private async put(item: Item & { version: number }, read: number): Promise<void> {
    const condition =
      read === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': read } };
    try {
      await this.db.send(
        new PutCommand({ TableName: this.tableName, Item: { ...item, version: read + 1 }, ...condition }),
      );
    } catch (error) {
      throw asConcurrentChange(error);
    }
  }
}
