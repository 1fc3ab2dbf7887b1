// The one table's keys and indexes (docs/STORAGE.md). The CDK stack and the local stack both make
// the table from this, so the two cannot drift apart.

export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    // Seller's orders by order date, seller's claims by request date.
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    // Orders of a cart; a buyer's refunds by date.
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  /** Idempotency records expire (epoch seconds). */
  timeToLiveAttribute: 'expiresAt',
} as const;
