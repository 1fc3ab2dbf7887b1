// The in-memory fake the bulk use-case tests rely on, held to the contract the DynamoDB store meets
// too (test/e2e/dynamo-bulk-store.contract.test.ts).
import { bulkStoreContract } from '../../contract/bulk-store.contract.js';
import { FakeBulkStore } from '../../support/fake-bulk-store.js';

bulkStoreContract('FakeBulkStore', async () => ({ bulks: new FakeBulkStore() }));
