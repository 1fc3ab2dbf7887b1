// The in-memory fake the use-case tests rely on, held to the ClaimStore contract that the DynamoDB
// store meets too (test/e2e/dynamo-claim-store.contract.test.ts).
import { claimStoreEventsContract } from '../../contract/claim-store/events.contract.js';
import { claimStoreShardsContract } from '../../contract/claim-store/shards.contract.js';
import { claimStoreContract } from '../../contract/claim-store.contract.js';
import { FakeClaimStore } from '../../support/fakes.js';

claimStoreContract('FakeClaimStore', async () => ({ store: new FakeClaimStore() }));
claimStoreShardsContract('FakeClaimStore', async () => ({ store: new FakeClaimStore() }));
claimStoreEventsContract('FakeClaimStore', async () => {
  const store = new FakeClaimStore();
  return { store, events: async (partition) => store.published.filter((e) => e.partitionkey === partition) };
});
