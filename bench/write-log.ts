// DynamoDB's write units by its billing rules, from the items the code writes, and where they land:
// the table's partition key and each index's. DynamoDB Local's ConsumedCapacity is not billing (it
// reports 4 × (1 + indexes) units for any transaction, whatever it holds), so the benchmark counts
// them itself, request by request, from what the proxy sees (bench/capacity-proxy.ts):
//
// - an item's size: each attribute's name and value in bytes (numbers about 1 byte per 2 digits
//   plus 1; lists and maps 3 bytes plus 1 per element), as DynamoDB's developer guide sizes items;
// - a write: 1 unit per KB (rounded up) of the larger of the item before and after; in a
//   transaction, 2 (a ConditionCheck is counted as a transactional write of the item it checks);
// - each index: an item entering or leaving it, 1 write; an index key that changes, 2 (the old
//   entry deleted, the new one put); an item that stays with the same key, 1 write if the index
//   projects all attributes and the item changed, none if it projects keys only. The entry's size
//   is the item's (ALL) or its keys' (KEYS_ONLY), 1 unit per KB. Index writes are not doubled by a
//   transaction: the index is written after it, as for any write.

import { TABLE_DESIGN } from '../infra/table-design.js';

type AttributeValue = Record<string, any>;
export type Image = Record<string, AttributeValue>;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');
const numberSize = (n: string) => Math.ceil(n.replace(/^[-+]?0*|\.|e.*$/gi, '').replace(/0+$/, '').length / 2) + 1;

function valueSize(value: AttributeValue): number {
  if ('S' in value) return utf8(value.S);
  if ('N' in value) return numberSize(value.N);
  if ('B' in value) return Buffer.from(value.B, 'base64').length;
  if ('BOOL' in value || 'NULL' in value) return 1;
  if ('SS' in value) return (value.SS as string[]).reduce((sum, s) => sum + utf8(s), 0);
  if ('NS' in value) return (value.NS as string[]).reduce((sum, n) => sum + numberSize(n), 0);
  if ('L' in value) return 3 + (value.L as AttributeValue[]).reduce((sum, v) => sum + valueSize(v) + 1, 0);
  if ('M' in value)
    return 3 + Object.entries(value.M as Image).reduce((sum, [name, v]) => sum + utf8(name) + valueSize(v) + 1, 0);
  return 0;
}

export const itemSize = (item: Image) =>
  Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
const units = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const keyOf = (item: Image) => `${item.pk?.S}\u0000${item.sk?.S ?? item.sk?.N}`;

/** Where write units land: the table, or an index, under one partition key value. */
export interface Landing {
  target: string;
  partitionKey: string;
  units: number;
}

/** The units one item's write costs, by where they land (the table's partition and each index's). */
export function writeLandings(before: Image | undefined, after: Image | undefined, transactional: boolean): Landing[] {
  const item = after ?? before!;
  const landings: Landing[] = [
    {
      target: 'table',
      partitionKey: item.pk!.S,
      units: units(Math.max(before ? itemSize(before) : 0, after ? itemSize(after) : 0)) * (transactional ? 2 : 1),
    },
  ];
  for (const index of TABLE_DESIGN.indexes) {
    const keysOnly = 'projection' in index && index.projection === 'KEYS_ONLY';
    const entry = (image: Image | undefined) => {
      const pk = image?.[index.partitionKey]?.S;
      const sk = image?.[index.sortKey]?.S;
      if (pk === undefined || sk === undefined) return undefined;
      const size = keysOnly
        ? itemSize({
            pk: image!.pk!,
            sk: image!.sk!,
            [index.partitionKey]: image![index.partitionKey]!,
            [index.sortKey]: image![index.sortKey]!,
          })
        : itemSize(image!);
      return { pk, sk, units: units(size) };
    };
    const [was, is] = [entry(before), entry(after)];
    if (!was && !is) continue;
    const at = (e: { pk: string; units: number }) =>
      landings.push({ target: index.name, partitionKey: e.pk, units: e.units });
    if (was && is && was.pk === is.pk && was.sk === is.sk) {
      if (!keysOnly && JSON.stringify(before) !== JSON.stringify(after)) at(is);
      continue;
    }
    if (was) at(was);
    if (is) at(is);
  }
  return landings;
}

/**
 * A partition key value as a pattern: ids, months and shards named, so that keys of one kind add up (statuses kept:
 * each is a list of its own).
 */
export function keyPattern(partitionKey: string): string {
  const rules: [RegExp, string][] = [
    [/^ORDER#.+$/, 'ORDER#<orderNo>'],
    [/^CLAIM#.+$/, 'CLAIM#<claimId>'],
    [/^CART#.+$/, 'CART#<cartNo>'],
    [/^BULK#.+$/, 'BULK#<bulkId>'],
    [/^INQUIRY#.+$/, 'INQUIRY#<inquiryId>'],
    [/^BUYER#.+$/, 'BUYER#<buyerId>'],
    [/^EVENTS#(order|buyer|bulk):.+$/, 'EVENTS#$1:<id>'],
    [/^COUNTS#SELLER#[^#]+/, 'COUNTS#SELLER#<sellerId>'],
    [/^SELLER#[^#]+/, 'SELLER#<sellerId>'],
    [/^(ORDERS|CLAIMS)#\d{4}-\d{2}/, '$1#<month>'],
    [/#\d{2}$/, '#<shard>'],
  ];
  if (/#[0-9a-f]{32,}$/.test(partitionKey) || !partitionKey.includes('#')) return '<idempotency record>';
  return rules.reduce((pattern, [rule, replacement]) => pattern.replace(rule, replacement), partitionKey);
}

/** Every write's units by the billing rules, kept by where they land; each item's last image, to know what it was. */
export class WriteLog {
  private readonly images = new Map<string, Image | undefined>();
  /** target → partition key value → units. */
  private landed = new Map<string, Map<string, number>>();
  writeUnits = 0;

  /** One item written: its image before (as last seen) and after (undefined when deleted). */
  record(key: Image, after: Image | undefined, transactional: boolean, conditionOnly = false): void {
    const before = this.images.get(keyOf(key));
    if (conditionOnly) {
      this.add({ target: 'table', partitionKey: key.pk!.S, units: units(before ? itemSize(before) : 0) * 2 });
      return;
    }
    for (const landing of writeLandings(before, after, transactional)) this.add(landing);
    this.images.set(keyOf(key), after);
  }

  private add(landing: Landing): void {
    const byKey = this.landed.get(landing.target) ?? new Map<string, number>();
    byKey.set(landing.partitionKey, (byKey.get(landing.partitionKey) ?? 0) + landing.units);
    this.landed.set(landing.target, byKey);
    this.writeUnits += landing.units;
  }

  /** Units by target and key pattern: all of them, and the hottest single key value's. */
  byPattern(): { target: string; pattern: string; values: number; units: number; hottest: number }[] {
    const rows = new Map<string, { target: string; pattern: string; values: number; units: number; hottest: number }>();
    for (const [target, byKey] of this.landed) {
      for (const [partitionKey, landed] of byKey) {
        const pattern = keyPattern(partitionKey);
        const row = rows.get(`${target} ${pattern}`) ?? { target, pattern, values: 0, units: 0, hottest: 0 };
        row.values++;
        row.units += landed;
        row.hottest = Math.max(row.hottest, landed);
        rows.set(`${target} ${pattern}`, row);
      }
    }
    return [...rows.values()].sort((a, b) => b.hottest - a.hottest);
  }

  reset(): void {
    this.landed = new Map();
    this.writeUnits = 0;
  }
}
