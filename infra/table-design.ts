// The one table's keys and indexes (docs/STORAGE.md). The CDK stack and the local stack both make
// the table from this, so the two cannot drift apart.

export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    // A seller's orders by order date; a seller's claims by request date; (SELLER#…#BULKS,
    // SELLER#…#INQUIRIES) a seller's bulk jobs and inquiries.
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // The orders of a cart; a buyer's refunds by date; every claim, by month of request; every
    // bulk job; every seller profile.
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // A seller's claims in one status, by request date; a seller's unshipped orders by ship date
    // (sparse: the overdue ones), and its shipped orders by when they shipped.
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    // Open claims in one status (sparse: closed claims leave it), for the operator and the
    // reconciler; every order, by month of order; bulk jobs awaiting approval; inquiries by status.
    { name: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    // A buyer's orders by order date. Keys only: an order's many updates never write to it (its
    // keys do not change), and the buyer's page reads the orders themselves by key.
    { name: 'gsi5', partitionKey: 'gsi5pk', sortKey: 'gsi5sk', projection: 'KEYS_ONLY' },
    // A seller's paid orders by when they were paid (the order search by payment date). Keys only,
    // written once when the payment is known: the order's later updates never write to it.
    { name: 'gsi6', partitionKey: 'gsi6pk', sortKey: 'gsi6sk', projection: 'KEYS_ONLY' },
  ],
  /** Idempotency records expire (epoch seconds). */
  timeToLiveAttribute: 'expiresAt',
  /** New items as written: the outbox's events reach EventBridge Pipes (and the local bus) this way. */
  streamView: 'NEW_IMAGE',
} as const;
