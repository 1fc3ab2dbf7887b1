// How a use case's writes become the items of one DynamoDB transaction (docs/STORAGE.md): each
// entity put under its keys, conditional on the version read (or on being new); a wait's token
// beside what it waits for; the counts' moves it is handed as counter updates. The outbox items of the
// integration events are added by writeWithEvents (dynamo-outbox.ts).

import { randomInt } from 'node:crypto';
import type { RefundRef, WaitFor, Write } from '../app/ports/claim-store.js';
import type { CounterMoves } from '../app/ports/change-set.js';
import { COUNTER_SHARDS, keys } from './dynamo-items.js';

/** A wait's item as stored, without its keys. */
export interface StoredWait {
  token: string;
  together?: RefundRef[];
}

/** The transaction's items for these writes, but the outbox's. */
export function transactItems(tableName: string, writes: Write[], moves: CounterMoves) {
  const waits = writes.filter((write) => write.entity === 'wait');
  const puts = writes.filter((write) => write.entity !== 'wait').map((write) => ({ Put: put(tableName, write) }));
  return [...puts, ...waits.flatMap((wait) => waitItems(tableName, wait.value)), ...counterUpdates(tableName, moves)];
}

/** The counts' moves (shared/app/changes/status-counts.ts): one update per scope, on a random shard. */
function counterUpdates(tableName: string, moves: CounterMoves) {
  return [...moves].flatMap(([scope, changes]) => {
    const nonZero = [...changes].filter(([, delta]) => delta !== 0);
    if (nonZero.length === 0) return [];
    return [
      {
        Update: {
          TableName: tableName,
          Key: keys.counter(scope, randomInt(COUNTER_SHARDS)),
          UpdateExpression: `ADD ${nonZero.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(nonZero.map(([attribute], i) => [`#c${i}`, attribute])),
          ExpressionAttributeValues: Object.fromEntries(nonZero.map(([, delta], i) => [`:d${i}`, delta])),
        },
      },
    ];
  });
}

/**
 * A waiting workflow's token, in an item of its own beside what it waits for, written only if
 * what it waits for is as read: decided meanwhile, the wait reads again and finds the decision.
 * A decision written first is found; one written after reads the token after its own write
 * (shared/app/cancel-requests/decisions.ts, shared/app/settle/card-outcomes.ts). The owner is checked,
 * not rewritten: no write to its indexes, no outbox event.
 */
function waitItems(
  tableName: string,
  wait: { waitFor: WaitFor; token: string; version: number; together?: RefundRef[] },
) {
  const ownerKey =
    'claimId' in wait.waitFor
      ? { pk: `CLAIM#${wait.waitFor.claimId}`, sk: 'CLAIM' }
      : { pk: `ORDER#${wait.waitFor.orderNo}`, sk: `REFUND#${wait.waitFor.refundId}` };
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.wait(wait.waitFor),
          entity: 'wait',
          token: wait.token,
          ...(wait.together ? { together: wait.together } : {}),
        },
      },
    },
    {
      ConditionCheck: {
        TableName: tableName,
        Key: ownerKey,
        ConditionExpression: 'version = :read',
        ExpressionAttributeValues: { ':read': wait.version },
      },
    },
  ];
}

function put(tableName: string, write: Exclude<Write, { entity: 'wait' }>) {
  const base = { TableName: tableName };
  if (write.entity === 'cart') {
    // The cart's buyer is set by its first order; another buyer's order is refused.
    return {
      ...base,
      Item: { ...write.value, ...keys.cart(write.value), entity: 'cart' },
      ConditionExpression: 'attribute_not_exists(pk) OR buyerId = :buyer',
      ExpressionAttributeValues: { ':buyer': write.value.buyerId },
    };
  }
  if (write.entity === 'event' || write.entity === 'ledger') {
    const itemKeys = write.entity === 'event' ? keys.event(write.value) : keys.ledger(write.value);
    return {
      ...base,
      Item: { ...write.value, ...itemKeys, entity: write.entity },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
  }
  const itemKeys = (() => {
    switch (write.entity) {
      case 'order':
        return keys.order(write.value);
      case 'claim':
        return keys.claim(write.value);
      case 'refund':
        return keys.refund(write.value);
      case 'message':
        return keys.message(write.value);
      case 'balance':
        return keys.balance(write.value);
      case 'withdrawal':
        return keys.withdrawal(write.value);
    }
  })();
  const read = write.value.version;
  const Item = { ...write.value, ...itemKeys, entity: write.entity, version: read + 1 };
  return read === 0
    ? { ...base, Item, ConditionExpression: 'attribute_not_exists(pk)' }
    : { ...base, Item, ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': read } };
}
