// The DynamoDB store, over the local stack's DynamoDB Local, held to the ClaimStore contract that
// the in-memory fake meets too (test/shared/contract/fake-claim-store.test.ts). The table is the
// stack's, shared with the other files running at the same time: the contract keeps to its own ids.
import { afterAll, inject } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { readOutbox } from '../../shared/adapters/dynamo-outbox.js';
import { DynamoClaimStore } from '../../shared/adapters/dynamo-store.js';
import { claimStoreEventsContract } from '../contract/claim-store-events.contract.js';
import { claimStoreContract } from '../contract/claim-store.contract.js';

// The store builds its own client, which finds DynamoDB through the SDK's own variables, as the
// functions do in the local stack (infra/local/stack.ts).
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
