// The DynamoDB store, over the local stack's DynamoDB Local, held to the ClaimStore contract that
// the in-memory fake meets too (test/shared/contract/fake-claim-store.test.ts). The table is the
// stack's, shared with the other files running at the same time: the contract keeps to its own ids.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { lists } from '../../shared/adapters/dynamo-items.js';
import { readOutbox } from '../../shared/adapters/dynamo-outbox.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamo-store.js';
import { claimStoreEventsContract } from '../contract/claim-store/events.contract.js';
import { claimStoreShardsContract } from '../contract/claim-store/shards.contract.js';
import { claimStoreContract } from '../contract/claim-store.contract.js';
import { testData } from '../contract/claim-store/support.js';
import { changeOf } from '../../shared/app/changes/change-set.js';

// The store builds its own client, which finds DynamoDB through the SDK's own variables, as the
// functions do in the local stack (local/stack.ts).
const LOCAL_SDK = {
  AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoDbEndpoint'),
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
};
const previous = Object.fromEntries(Object.keys(LOCAL_SDK).map((name) => [name, process.env[name]]));

let store: DynamoClaimStore | undefined;

claimStoreContract('DynamoClaimStore', async () => {
  Object.assign(process.env, LOCAL_SDK);
  store ??= new DynamoClaimStore(inject('tableName'));
  return { store };
});

claimStoreShardsContract('DynamoClaimStore', async () => {
  Object.assign(process.env, LOCAL_SDK);
  store ??= new DynamoClaimStore(inject('tableName'));
  return { store };
});

describe('DynamoClaimStore: a list’s shards', () => {
  it(
    'one seller’s 32 claims are spread over its list’s partition keys, and each keeps its key as it ' + 'changes',
    async () => {
      Object.assign(process.env, LOCAL_SDK);
      store ??= new DynamoClaimStore(inject('tableName'));
      const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
      const d = testData();
      const claims = Array.from({ length: 32 }, () => d.claim());
      for (const claim of claims) await store.commit(changeOf([{ entity: 'claim', value: claim, from: null }]));
      const keyOf = async (claimId: string) =>
        (
          await db.send(
            new GetCommand({ TableName: inject('tableName'), Key: { pk: `CLAIM#${claimId}`, sk: 'CLAIM' } }),
          )
        ).Item!.gsi1pk as string;
      const before = await Promise.all(claims.map((c) => keyOf(c.claimId)));
      expect(before.every((key) => key.startsWith(`SELLER#${d.sellerId}#`))).toBe(true);
      expect(new Set(before).size).toBeGreaterThan(lists.sellerOrdersAndClaims(d.sellerId).shards / 2);
      await store.commit(
        changeOf([{ entity: 'claim', value: { ...claims[0]!, status: 'IN_PROGRESS', version: 1 }, from: 'REQUESTED' }]),
      );
      expect(await keyOf(claims[0]!.claimId)).toBe(before[0]);
    },
  );
});

claimStoreEventsContract('DynamoClaimStore', async () => {
  Object.assign(process.env, LOCAL_SDK);
  store ??= new DynamoClaimStore(inject('tableName'));
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return { store, events: (partition) => readOutbox(db, inject('tableName'), partition) };
});

afterAll(() => {
  for (const [name, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
