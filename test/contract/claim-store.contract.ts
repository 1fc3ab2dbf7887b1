// The ClaimStore port's contract: what every store must do, observable through the port alone. It
// runs against the in-memory fake the use-case tests rely on (test/shared/contract) and against the
// DynamoDB store over DynamoDB Local (test/e2e), so that the fake cannot drift from the real store.
//
// The DynamoDB table is shared with every other file of the stack, running at the same time. So:
// - every test makes its own ids (a random tag): sellers, buyers, orders, carts, claims;
// - what spans sellers (the overall counts, the operator's lists) is asserted only on the test's
//   own items, on deltas, or in a time window (a random far year) that only that test writes to;
// - open claims are written as changed far in the future (NOT_STALE), so that the stack's
//   reconciler, which takes open claims unchanged for a few seconds, never touches them.
//
// The contract is in parts by what they hold (test/contract/claim-store/), each run here.

import { describe } from 'vitest';
import { commitsContract } from './claim-store/commits.contract.js';
import { versionsContract } from './claim-store/versions.contract.js';
import { entriesAndWaitsContract } from './claim-store/entries-and-waits.contract.js';
import { readsContract } from './claim-store/reads.contract.js';
import { orderSearchContract } from './claim-store/order-search.contract.js';
import { orderSearchCriteriaContract } from './claim-store/order-search-criteria.contract.js';
import { claimListsContract } from './claim-store/claim-lists.contract.js';
import { statusCountsContract } from './claim-store/status-counts.contract.js';
import { ledgerContract } from './claim-store/ledger.contract.js';
import type { MakeStore } from './claim-store/support.js';

export function claimStoreContract(name: string, makeStore: MakeStore): void {
  describe(`ClaimStore contract: ${name}`, () => {
    versionsContract(makeStore);
    commitsContract(makeStore);
    entriesAndWaitsContract(makeStore);
    readsContract(makeStore);
    orderSearchContract(makeStore);
    orderSearchCriteriaContract(makeStore);
    claimListsContract(makeStore);
    statusCountsContract(makeStore);
    ledgerContract(makeStore);
  });
}
