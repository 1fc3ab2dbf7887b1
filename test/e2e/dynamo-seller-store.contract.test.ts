// The DynamoDB seller store over the local stack's DynamoDB Local, held to the contract the fake
// meets too (test/shared/contract/fake-seller-store.test.ts).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { DynamoSellerStore } from '../../shared/adapters/dynamo-seller-store.js';
import { sellerStoreContract } from '../contract/seller-store.contract.js';

const client = new DynamoDBClient({
  endpoint: inject('dynamoDbEndpoint'),
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

sellerStoreContract('DynamoSellerStore', async () => new DynamoSellerStore(inject('tableName'), client));
