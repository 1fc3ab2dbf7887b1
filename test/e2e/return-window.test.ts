// The return window per seller (DOMAIN.md, "After delivery"): 7 days from delivery unless the
// seller's profile allows more, at most 30. A request after the window is 422 and says until when it
// was open and for how many days; a profile outside 7 to 30 does not validate. The seller sets its
// own window (PUT /sellers/{sellerId}/return-window), for requests made after it.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { aSeller, call, registered, token } from '../support/http.js';

const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('dynamoDbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
afterAll(() => db.destroy());

const DAY_MS = 24 * 3600_000;

/** An order of a seller with this profile, delivered `daysAgo` days ago (the delivery's date set in the table). */
async function deliveredDaysAgo(daysAgo: number, returnWindowDays?: number) {
  const { sellerId } = await aSeller(returnWindowDays === undefined ? {} : { returnWindowDays });
  const order = await registered({ status: 'IN_TRANSIT', sellerId });
  expect(
    (await call('POST', `/orders/${order.orderNo}/delivery`, { token: await token('operator', 'OP-1') })).status,
  ).toBe(200);
  const deliveredAt = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
  await db.send(
    new UpdateCommand({
      TableName: inject('tableName'),
      Key: { pk: `ORDER#${order.orderNo}`, sk: 'ORDER' },
      UpdateExpression: 'SET deliveredAt = :at',
      ExpressionAttributeValues: { ':at': deliveredAt },
    }),
  );
  const buyer = await token('buyer', order.buyer.id);
  return { order, sellerId, deliveredAt, buyer };
}

const ask = (orderNo: string, buyer: string) =>
  call('POST', `/orders/${orderNo}/returns`, { token: buyer, body: { reason: 'WRONG_SIZE_OR_COLOUR' } });

describe('the return window per seller', () => {
  it('7 days by default: a request 10 days after delivery is 422 RETURN_WINDOW_CLOSED, and says so', async () => {
    const { order, deliveredAt, buyer } = await deliveredDaysAgo(10);
    const asked = await ask(order.orderNo, buyer);
    expect(asked.status).toBe(422);
    expect(asked.body).toMatchObject({ rule: 'RETURN_WINDOW_CLOSED' });
    const closed = new Date(Date.parse(deliveredAt) + 7 * DAY_MS).toISOString();
    expect(asked.body.detail).toContain(`closed at ${closed} (7 days from delivery)`);
    // Nothing changed: the order is still delivered and open to other claims.
    const read = await call('GET', `/orders/${order.orderNo}`, { token: buyer });
    expect(read.body.status).toBe('DELIVERED');
  });

  it('a seller allowing 30 days takes a request 10 days after delivery, with its window’s end', async () => {
    const { order, deliveredAt, buyer } = await deliveredDaysAgo(10, 30);
    const asked = await ask(order.orderNo, buyer);
    expect(asked.status).toBe(202);
    expect(asked.body.windowEndsAt).toBe(new Date(Date.parse(deliveredAt) + 30 * DAY_MS).toISOString());
  });

  it('a seller allowing 14 days: 15 days after delivery is too late', async () => {
    const { order, buyer } = await deliveredDaysAgo(15, 14);
    const asked = await ask(order.orderNo, buyer);
    expect(asked.status).toBe(422);
    expect(asked.body.detail).toContain('(14 days from delivery)');
  });

  it.each([6, 31, 7.5])(
    'a profile with a window of %s days does not validate (400), and changes nothing',
    async (days) => {
      const { sellerId } = await aSeller({ returnWindowDays: 14 });
      const put = await call('PUT', `/sellers/${sellerId}/profile`, {
        token: await token('operator', 'OP-1'),
        body: { storeName: 'Store', contactEmail: 'store@seller.example', language: 'ja', returnWindowDays: days },
      });
      expect(put.status).toBe(400);
      const read = await call('GET', `/sellers/${sellerId}/profile`, { token: await token('seller', sellerId) });
      expect(read.body.returnWindowDays).toBe(14);
    },
  );

  it('the seller sets its own window: 7 days to 20, only that field changes, a late request now taken', async () => {
    const { order, sellerId, deliveredAt, buyer } = await deliveredDaysAgo(10);
    const seller = await token('seller', sellerId);
    const before = (await call('GET', `/sellers/${sellerId}/profile`, { token: seller })).body;
    expect((await ask(order.orderNo, buyer)).status).toBe(422);

    const set = await call('PUT', `/sellers/${sellerId}/return-window`, { token: seller, body: { days: 20 } });
    expect(set.status).toBe(200);
    const { updatedAt: _at, updatedBy: _by, ...unchanged } = before;
    expect(set.body).toMatchObject({ ...unchanged, returnWindowDays: 20, updatedBy: { role: 'seller', id: sellerId } });
    expect((await call('GET', `/sellers/${sellerId}/profile`, { token: seller })).body).toEqual(set.body);

    const asked = await ask(order.orderNo, buyer);
    expect(asked.status).toBe(202);
    expect(asked.body.windowEndsAt).toBe(new Date(Date.parse(deliveredAt) + 20 * DAY_MS).toISOString());
  });

  it('another seller’s window: 404 exactly as an unknown seller’s, and nothing changes; a buyer 403', async () => {
    const { sellerId } = await aSeller({ returnWindowDays: 14 });
    const other = await token('seller', `${sellerId}-OTHER`);
    const foreign = await call('PUT', `/sellers/${sellerId}/return-window`, { token: other, body: { days: 30 } });
    const unknown = await call('PUT', '/sellers/S-NO-SUCH/return-window', { token: other, body: { days: 30 } });
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body.detail.replace(sellerId, '<id>')).toBe(unknown.body.detail.replace('S-NO-SUCH', '<id>'));
    const buyer = await call('PUT', `/sellers/${sellerId}/return-window`, {
      token: await token('buyer', 'B-1'),
      body: { days: 30 },
    });
    expect(buyer.status).toBe(403);
    const read = await call('GET', `/sellers/${sellerId}/profile`, { token: await token('seller', sellerId) });
    expect(read.body.returnWindowDays).toBe(14);
  });

  it.each([{ days: 6 }, { days: 31 }, { days: 7.5 }, {}, { days: 14, storeName: 'x' }])(
    'a window of %j does not validate (400), and changes nothing',
    async (body) => {
      const { sellerId } = await aSeller({ returnWindowDays: 14 });
      const seller = await token('seller', sellerId);
      const put = await call('PUT', `/sellers/${sellerId}/return-window`, { token: seller, body });
      expect(put.status).toBe(400);
      const read = await call('GET', `/sellers/${sellerId}/profile`, { token: seller });
      expect(read.body.returnWindowDays).toBe(14);
    },
  );

  it('the operator sets any seller’s window', async () => {
    const { sellerId } = await aSeller();
    const put = await call('PUT', `/sellers/${sellerId}/return-window`, {
      token: await token('operator', 'OP-1'),
      body: { days: 30 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ sellerId, returnWindowDays: 30, updatedBy: { role: 'operator', id: 'OP-1' } });
  });
});
