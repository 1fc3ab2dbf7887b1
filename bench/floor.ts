// The floor a seller cancellation is measured against: the I/O the rules need, made directly
// against the same stand-ins from one process, with no orchestration and no checks. Read the
// order; open the claim with the order in one transaction; e-mail the notice; cancel the order
// with its refund in one transaction; complete the claim with the buyer's two notices in one
// transaction; e-mail them. The items are the size of the real ones and carry the same index
// keys (the seller's claim and order lists, the month, the open claims: the API's listings need
// them); what the floor leaves out is the timeline, the counters, and every check.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { keys } from '../shared/adapters/dynamo-items.js';
import type { ClaimStatus } from '../shared/domain/claim.js';
import type { OrderStatus } from '../shared/domain/order.js';
import { LOCAL_TABLE } from '../local/stack.js';
import type { startCapacityProxy } from './capacity-proxy.js';
import { inParallel } from './common.js';

type CapacityProxy = Awaited<ReturnType<typeof startCapacityProxy>>;

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export function floorClients(dynamoDbEndpoint: string, sesEndpoint: string) {
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: dynamoDbEndpoint, region: 'us-east-1', credentials }),
  );
  const ses = new SESClient({ endpoint: sesEndpoint, region: 'us-east-1', credentials });
  return {
    db,
    ses,
    destroy: () => {
      db.destroy();
      ses.destroy();
    },
  };
}

const notice = (to: string, subject: string) =>
  new SendEmailCommand({
    Source: 'no-reply@orders.example.com',
    Destination: { ToAddresses: [to] },
    Message: {
      Subject: { Data: subject, Charset: 'UTF-8' },
      Body: {
        Text: {
          Data: `${subject}\n\n大変申し訳ございません。在庫切れのため、ご注文をキャンセルさせていただきます。返金は3〜5営業日以内に行われます。`,
          Charset: 'UTF-8',
        },
      },
    },
  });

/** The fields, padded to the size of the real item on the wire (as DynamoDB's JSON, measured with the same proxy). */
const padded = <T extends Record<string, unknown>>(fields: T, wireBytes: number) => ({
  ...fields,
  detail: 'x'.repeat(Math.max(0, wireBytes - JSON.stringify(marshall({ ...fields, detail: '' })).length)),
});
const AT = '2026-11-01T00:00:00.000Z';
const orderItem = (orderNo: string, status: OrderStatus, version: number) =>
  padded(
    {
      ...keys.order({
        orderNo: `FLOOR-${orderNo}`,
        sellerId: 'S-floor',
        buyer: { id: 'B-floor' },
        orderedAt: AT,
        cartNo: `CART-${orderNo}`,
        status,
      }),
      status,
      version,
    },
    920,
  );
const claimItem = (orderNo: string, status: ClaimStatus) =>
  padded(
    { ...keys.claim({ claimId: `C-FLOOR-${orderNo}`, sellerId: 'S-floor', requestedAt: AT, status }), status },
    1095,
  );
const refundItem = (orderNo: string) =>
  padded(
    {
      ...keys.refund({
        orderNo: `FLOOR-${orderNo}`,
        refundId: `C-FLOOR-${orderNo}.${orderNo}`,
        buyerId: 'B-floor',
        createdAt: AT,
      }),
      status: 'COMPLETED',
    },
    770,
  );
const messageItem = (orderNo: string, id: string) =>
  padded(keys.message({ orderNo: `FLOOR-${orderNo}`, messageId: id }), 680);

export async function seedFloorOrder(clients: ReturnType<typeof floorClients>, table: string, orderNo: string) {
  await clients.db.send(new PutCommand({ TableName: table, Item: orderItem(orderNo, 'NEW', 1) }));
}

/** One cancellation's minimal I/O, in the order the rules need it. */
export async function floorCancellation(
  clients: ReturnType<typeof floorClients>,
  table: string,
  orderNo: string,
  buyerEmail: string,
): Promise<void> {
  const { db, ses } = clients;
  const order = orderItem(orderNo, 'NEW', 1);
  await db.send(new GetCommand({ TableName: table, Key: { pk: order.pk, sk: order.sk }, ConsistentRead: true }));
  const versioned = (version: number) => ({
    ConditionExpression: 'version = :v',
    ExpressionAttributeValues: { ':v': version },
  });
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table,
            Item: claimItem(orderNo, 'REQUESTED'),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: { ...orderItem(orderNo, 'NEW', 2), openClaimId: `C-FLOOR-${orderNo}` },
            ...versioned(1),
          },
        },
        { Put: { TableName: table, Item: messageItem(orderNo, 'notice') } },
      ],
    }),
  );
  await ses.send(notice(buyerEmail, '在庫切れのお詫び'));
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table, Item: orderItem(orderNo, 'CANCELLED', 3), ...versioned(2) } },
        { Put: { TableName: table, Item: refundItem(orderNo), ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: table, Item: claimItem(orderNo, 'IN_PROGRESS') } },
      ],
    }),
  );
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: table, Item: claimItem(orderNo, 'COMPLETED') } },
        { Put: { TableName: table, Item: messageItem(orderNo, 'done') } },
        { Put: { TableName: table, Item: messageItem(orderNo, 'refund') } },
      ],
    }),
  );
  await ses.send(notice(buyerEmail, 'キャンセル完了のお知らせ'));
  await ses.send(notice(buyerEmail, '返金のお知らせ'));
}

/**
 * The floor's run: each order seeded, then cancelled by the floor, `concurrency` at a time, after
 * a warm-up, through the benchmark's counting proxy: the times and units per cancellation.
 */
export async function runFloor(
  proxy: CapacityProxy,
  sesEndpoint: string,
  orderNos: string[],
  concurrency: number,
): Promise<{ times: number[]; capacity: { write: number; read: number; rules: number } }> {
  const floor = floorClients(proxy.endpoint, sesEndpoint);
  try {
    await inParallel(orderNos.slice(0, 2 * concurrency), concurrency, async (orderNo) => {
      await seedFloorOrder(floor, LOCAL_TABLE, `warm-${orderNo}`);
      await floorCancellation(floor, LOCAL_TABLE, `warm-${orderNo}`, 'bench@example.jp');
    });
    await inParallel(orderNos, concurrency, (orderNo) => seedFloorOrder(floor, LOCAL_TABLE, orderNo));
    proxy.reset();
    const times: number[] = [];
    await inParallel(orderNos, concurrency, async (orderNo) => {
      const t0 = performance.now();
      await floorCancellation(floor, LOCAL_TABLE, orderNo, 'bench@example.jp');
      times.push(performance.now() - t0);
    });
    const n = orderNos.length;
    return {
      times,
      capacity: {
        write: proxy.count.writeUnits / n,
        read: proxy.count.readUnits / n,
        rules: proxy.writes.writeUnits / n,
      },
    };
  } finally {
    floor.destroy();
  }
}
