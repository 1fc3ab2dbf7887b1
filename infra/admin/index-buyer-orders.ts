// The one-off step of an upgrade to the buyer's order list (docs/DECISIONS.md): orders stored before
// it carry no gsi5 keys, so GET /buyers/{buyerId}/orders would not list them until they next change.
// This gives each such order its keys, and nothing else; running it again finds nothing to do.

import { DynamoDBDocumentClient, paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { keys } from '../../shared/adapters/dynamo-items.js';
import type { Order } from '../../shared/domain/order.js';

export async function indexBuyerOrders(db: DynamoDBDocumentClient, tableName: string): Promise<{ indexed: number }> {
  let indexed = 0;
  const pages = paginateScan(
    { client: db },
    {
      TableName: tableName,
      FilterExpression: 'sk = :order AND attribute_not_exists(gsi5pk)',
      ExpressionAttributeValues: { ':order': 'ORDER' },
      ProjectionExpression: 'pk, orderNo, sellerId, buyer, orderedAt, cartNo, #status, expectedShipDate',
      ExpressionAttributeNames: { '#status': 'status' },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const { gsi5pk, gsi5sk } = keys.order(item as Order);
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { pk: item.pk, sk: 'ORDER' },
            // Only the new keys: the order's version and fields stay as they are.
            UpdateExpression: 'SET gsi5pk = :pk, gsi5sk = :sk',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(gsi5pk)',
            ExpressionAttributeValues: { ':pk': gsi5pk, ':sk': gsi5sk },
          }),
        );
        indexed++;
      } catch (error) {
        // Written meanwhile by the stack itself, which now sets the keys: nothing to do.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    }
  }
  return { indexed };
}
