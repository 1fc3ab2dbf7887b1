// The benchmark's write units by DynamoDB's billing rules (bench/write-log.ts), case by case: an
// item's size, a transaction's double, each index's write, a key change's two, keys-only indexes.
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { itemSize, keyPattern, WriteLog, writeLandings, type Image } from '../../bench/write-log.js';

const image = (item: Record<string, unknown>) => marshall(item) as Image;
const byTarget = (landings: ReturnType<typeof writeLandings>) =>
  Object.fromEntries(landings.map((l) => [`${l.target} ${l.partitionKey}`, l.units]));

describe('DynamoDB write units by the billing rules', () => {
  it(
    'an item is its names and values in bytes: strings by UTF-8, numbers about a byte per two digits, maps and ' +
      'lists with their overhead',
    () => {
      expect(itemSize(image({ pk: 'ab' }))).toBe(4);
      expect(itemSize(image({ name: '抹茶' }))).toBe(4 + 6);
      expect(itemSize(image({ n: 12345 }))).toBe(1 + 4);
      expect(itemSize(image({ m: { a: 'x' } }))).toBe(1 + 3 + (1 + 1 + 1));
      expect(itemSize(image({ l: ['x', 'y'] }))).toBe(1 + 3 + 2 * (1 + 1));
    },
  );

  it('a new item: 1 unit per KB, twice in a transaction; each index it has a key in, once', () => {
    const order = image({
      pk: 'ORDER#1',
      sk: 'ORDER',
      gsi1pk: 'SELLER#S#03',
      gsi1sk: 'ORDER#t#1',
      gsi5pk: 'BUYER#B',
      gsi5sk: 'ORDER#t#1',
      note: 'x'.repeat(1500),
    });
    expect(byTarget(writeLandings(undefined, order, false))).toEqual({
      'table ORDER#1': 2,
      'gsi1 SELLER#S#03': 2,
      'gsi5 BUYER#B': 1,
    });
    expect(byTarget(writeLandings(undefined, order, true))).toMatchObject({
      'table ORDER#1': 4,
      'gsi1 SELLER#S#03': 2,
    });
  });

  it(
    'an update: the larger of before and after; an index whose key changed, two writes; an all-attributes index, ' +
      'one; a keys-only one, none',
    () => {
      const before = image({
        pk: 'CLAIM#1',
        sk: 'CLAIM',
        status: 'REQUESTED',
        gsi1pk: 'SELLER#S#01',
        gsi1sk: 'C#1',
        gsi4pk: 'OPEN#REQUESTED#02',
        gsi4sk: 'C#1',
        gsi5pk: 'K',
        gsi5sk: 'K',
      });
      const after = image({
        pk: 'CLAIM#1',
        sk: 'CLAIM',
        status: 'IN_PROGRESS',
        gsi1pk: 'SELLER#S#01',
        gsi1sk: 'C#1',
        gsi4pk: 'OPEN#IN_PROGRESS#02',
        gsi4sk: 'C#1',
        gsi5pk: 'K',
        gsi5sk: 'K',
      });
      const landings = writeLandings(before, after, true);
      expect(landings.filter((l) => l.target === 'gsi4').map((l) => l.partitionKey)).toEqual([
        'OPEN#REQUESTED#02',
        'OPEN#IN_PROGRESS#02',
      ]);
      expect(byTarget(landings)).toEqual({
        'table CLAIM#1': 2,
        'gsi1 SELLER#S#01': 1,
        'gsi4 OPEN#REQUESTED#02': 1,
        'gsi4 OPEN#IN_PROGRESS#02': 1,
      });
    },
  );

  it('an item that leaves a sparse index: one write, to the key it had', () => {
    const open = image({ pk: 'CLAIM#1', sk: 'CLAIM', gsi4pk: 'OPEN#IN_PROGRESS#02', gsi4sk: 'C#1' });
    const closed = image({ pk: 'CLAIM#1', sk: 'CLAIM', status: 'COMPLETED' });
    expect(byTarget(writeLandings(open, closed, false))).toEqual({ 'table CLAIM#1': 1, 'gsi4 OPEN#IN_PROGRESS#02': 1 });
  });

  it(
    'the log keeps each item’s last image, counts a condition check as a transactional write, and adds keys up by ' +
      'pattern',
    () => {
      const log = new WriteLog();
      const key = image({ pk: 'ORDER#1', sk: 'ORDER' });
      log.record(key, image({ pk: 'ORDER#1', sk: 'ORDER', gsi4pk: 'ORDERS#2026-12#01', gsi4sk: 'O#1', v: 1 }), true);
      log.record(key, image({ pk: 'ORDER#1', sk: 'ORDER', gsi4pk: 'ORDERS#2026-12#01', gsi4sk: 'O#1', v: 2 }), true);
      log.record(key, undefined, true, true);
      expect(log.writeUnits).toBe(2 + 1 + 2 + 1 + 2);
      expect(log.byPattern()).toEqual(
        expect.arrayContaining([
          { target: 'table', pattern: 'ORDER#<orderNo>', values: 1, units: 6, hottest: 6 },
          { target: 'gsi4', pattern: 'ORDERS#<month>#<shard>', values: 1, units: 2, hottest: 2 },
        ]),
      );
      expect(keyPattern('SELLER#S-1#CLAIMS#REQUESTED#03')).toBe('SELLER#<sellerId>#CLAIMS#REQUESTED#<shard>');
      expect(keyPattern('COUNTS#ALL#31')).toBe('COUNTS#ALL#<shard>');
    },
  );
});
