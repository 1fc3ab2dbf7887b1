// The DynamoDB bulk store over the local stack's DynamoDB Local, held to the contract the fake
// meets too (test/shared/contract/fake-bulk-store.test.ts).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { DynamoBulkStore } from '../../shared/adapters/dynamo-bulk-store.js';
import { bulkStoreContract } from '../contract/bulk-store.contract.js';

const client = new DynamoDBClient({
  endpoint: inject('dynamoDbEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

bulkStoreContract('DynamoBulkStore', async () => ({ bulks: new DynamoBulkStore(inject('tableName'), client) }));
