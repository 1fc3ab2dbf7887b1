// The in-memory fake the profile and inquiry use-case tests rely on, held to the contract the
// DynamoDB store meets too (test/e2e/dynamo-seller-store.contract.test.ts).
import { sellerStoreContract } from '../../contract/seller-store.contract.js';
import { FakeSellerStore } from '../../support/fake-seller-store.js';

sellerStoreContract('FakeSellerStore', async () => new FakeSellerStore());
