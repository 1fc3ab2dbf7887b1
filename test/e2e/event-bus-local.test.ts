// The local bus stand-in on its own: it reads the table's stream from the start, as the pipe does,
// and forwards each event to a URL in EventBridge's envelope, in order; a URL that fails at first
// gets it again.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createServer } from 'node:http';
import { afterAll, expect, inject, it } from 'vitest';
import { DynamoClaimStore } from '../../shared/adapters/dynamo-store.js';
import { startEventBusLocal } from '../../local/event-bus-local.js';
import { testData } from '../contract/claim-store/support.js';
import { eventually } from '../support/http.js';
import { changeOf } from '../../shared/app/changes/change-set.js';

const client = new DynamoDBClient({
  endpoint: inject('dynamoDbEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
afterAll(() => client.destroy());

it(
  'forwards each new event to EVENTS_FORWARD_URL in EventBridge’s envelope, in order, again after a ' + 'failure',
  async () => {
    const received: { 'detail-type': string; source: string; detail: { id: string; partitionkey: string } }[] = [];
    let refuseFirst = true;
    const server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (refuseFirst) {
        refuseFirst = false;
        res.writeHead(503).end();
        return;
      }
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
    const bus = await startEventBusLocal({
      dynamoDbEndpoint: inject('dynamoDbEndpoint'),
      tableName: inject('tableName'),
      forwardTo: url,
      log: () => {},
    });
    try {
      const store = new DynamoClaimStore(inject('tableName'), client);
      const d = testData();
      const claim = d.claim();
      await store.commit(changeOf([{ entity: 'claim', value: claim, from: null }]));
      await store.commit(
        changeOf([{ entity: 'claim', value: { ...claim, version: 1, status: 'FAILED' }, from: 'REQUESTED' }]),
      );
      const partition = `order:${claim.orderNo}`;
      const mine = () => received.filter((e) => e.detail.partitionkey === partition);
      await eventually(
        async () => mine(),
        (found) => found.length === 2,
        20_000,
      );
      expect(mine().map((e) => [e['detail-type'], e.source, e.detail.id])).toEqual([
        ['claim.requested', 'order-claims', `claim.requested:${claim.claimId}:1`],
        ['claim.failed', 'order-claims', `claim.failed:${claim.claimId}:2`],
      ]);
      // The bus keeps them too, read from the stream's start like the stack's own.
      expect(bus.list({ partitionkey: partition }).map((e) => e.type)).toEqual(['claim.requested', 'claim.failed']);
    } finally {
      await bus.stop();
      server.close();
    }
  },
);
