// The in-memory fake the use-case tests rely on, held to the ClaimStore contract that the DynamoDB
// store meets too (test/e2e/dynamo-claim-store.contract.test.ts).
import { claimStoreContract } from '../../contract/claim-store.contract.js';
import { FakeClaimStore } from '../../support/fakes.js';

claimStoreContract('FakeClaimStore', async () => ({ store: new FakeClaimStore() }));
