// Reading pages from the table's indexes: partitions of an index read newest first, filters, and
// one page merged across partitions (a list's shards, a seller's statuses, the operator's months).

import { paginateQuery, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { OPEN_CLAIM_STATUSES } from '../domain/claim.js';
import { shardsOf, type IndexName, type Item, type ShardedList } from './dynamo-items.js';

/** One partition of an index, read newest first between two sort keys. */
export interface Partition {
  index: IndexName;
  pk: string;
  /** Inclusive bounds of the sort key. */
  low: string;
  high: string;
}

/** A list written across shards (dynamo-items.ts, `lists`): one partition per shard, read together. */
export const inShards = (list: Omit<Partition, 'pk'> & { list: ShardedList }): Partition[] =>
  shardsOf(list.list).map((pk) => ({ index: list.index, pk, low: list.low, high: list.high }));

export interface Filter {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

/** Months from `high` back to `low` (YYYY-MM), newest first. */
export function monthsBetween(low: string, high: string): string[] {
  const months: string[] = [];
  let [year, monthNo] = high.split('-').map(Number) as [number, number];
  while (months.length < 600) {
    const current = `${year}-${String(monthNo).padStart(2, '0')}`;
    if (current < low) break;
    months.push(current);
    monthNo -= 1;
    if (monthNo === 0) [year, monthNo] = [year - 1, 12];
  }
  return months;
}

export function combine(filters: (Filter | undefined)[]): Filter | undefined {
  const present = filters.filter((f): f is Filter => f !== undefined);
  if (present.length === 0) return undefined;
  return {
    expression: present.map((f) => `(${f.expression})`).join(' AND '),
    names: Object.assign({}, ...present.map((f) => f.names)),
    values: Object.assign({}, ...present.map((f) => f.values)),
  };
}

export function inList(attribute: string, values: readonly string[], tag: string): Filter {
  const placeholders = values.map((_, i) => `:${tag}${i}`);
  return {
    expression: `#${tag} IN (${placeholders.join(', ')})`,
    names: { [`#${tag}`]: attribute },
    values: Object.fromEntries(values.map((value, i) => [placeholders[i]!, value])),
  };
}

export function delayedFilter(delayed: boolean, cutoff: string): Filter {
  const open = inList('status', OPEN_CLAIM_STATUSES, 'dls');
  const late = `(#dlr < :dlcut OR attribute_exists(#dla))`;
  return {
    expression: delayed ? `${open.expression} AND ${late}` : `NOT (${open.expression} AND ${late})`,
    names: { ...open.names, '#dlr': 'requestedAt', '#dla': 'delayedAt' },
    values: { ...open.values, ':dlcut': cutoff },
  };
}

export function partitionQuery(tableName: string, partition: Partition, filter: Filter | undefined): QueryCommandInput {
  return {
    TableName: tableName,
    IndexName: partition.index,
    KeyConditionExpression: `#ipk = :ipk AND #isk BETWEEN :low AND :high`,
    ExpressionAttributeNames: { '#ipk': `${partition.index}pk`, '#isk': `${partition.index}sk`, ...filter?.names },
    ExpressionAttributeValues: {
      ':ipk': partition.pk,
      ':low': partition.low,
      ':high': partition.high,
      ...filter?.values,
    },
    ...(filter ? { FilterExpression: filter.expression } : {}),
    ScanIndexForward: false,
  };
}

/** What a page keeps of what an index answers, where DynamoDB's filter cannot say it. */
export interface Reading {
  /** A keys-only index's entries become the items themselves. */
  hydrate?: (entries: Item[]) => Promise<Item[]>;
  /** Only the items this keeps count towards the page. */
  keep?: (item: Item) => boolean;
}

/**
 * One page, newest first, across partitions whose sort keys order the same way: each is read (past
 * the cursor) until it has a page of items that pass the filter, and the newest of all are kept.
 * The groups are read one after another (the months of a list, newest first) until the page is
 * full; the partitions of a group (a list's shards, several statuses) at once.
 */
export async function pageAcross(
  db: DynamoDBDocumentClient,
  tableName: string,
  groups: Partition[][],
  limit: number,
  after: string | undefined,
  filter: Filter | undefined,
  reading: Reading = {},
): Promise<{ items: Item[]; last?: string }> {
  const sortKeyOf = (partition: Partition, item: Item) => item[`${partition.index}sk`] as string;
  const readPartition = async (partition: Partition) => {
    const bounded = after && after < partition.high ? { ...partition, high: after } : partition;
    // A cursor from below the range (forged, or from another range): nothing after it here.
    if (bounded.high < bounded.low) return { partition, items: [] as Item[], more: false };
    const items: Item[] = [];
    let more = false;
    for await (const page of paginateQuery(
      { client: db, pageSize: limit + 1 },
      partitionQuery(tableName, bounded, filter),
    )) {
      const read = reading.hydrate ? await reading.hydrate(page.Items ?? []) : (page.Items ?? []);
      // The cursor's own item is the last one already given out.
      items.push(
        ...read.filter((item) => sortKeyOf(partition, item) !== after && (!reading.keep || reading.keep(item))),
      );
      if (items.length > limit) {
        more = true;
        break;
      }
    }
    return { partition, items, more };
  };
  const results: Awaited<ReturnType<typeof readPartition>>[] = [];
  let groupsRead = 0;
  for (const group of groups) {
    results.push(...(await Promise.all(group.map(readPartition))));
    groupsRead++;
    if (results.reduce((sum, r) => sum + r.items.length, 0) > limit) break;
  }
  const merged = results
    .flatMap(({ partition, items }) => items.map((item) => ({ item, sortKey: sortKeyOf(partition, item) })))
    // Byte order, as DynamoDB orders sort keys (localeCompare would not, and pages would skip items).
    .sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
  const page = merged.slice(0, limit);
  const more =
    merged.length > limit || results.some((r) => r.more) || (groupsRead < groups.length && merged.length >= limit);
  return { items: page.map((entry) => entry.item), ...(more && page.length > 0 ? { last: page.at(-1)!.sortKey } : {}) };
}
