// npm start on kept data seeds its demo sellers and orders again: on any day, whatever the ship
// dates (counted from today) now say. Two starts of a local stack on one data directory, the
// second a day later in Japan, as a newcomer's second day begins.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoOrders } from '../../local/dev-tools/seed.js';
import { startLocalStack } from '../../local/stack.js';
import { mintLocalToken } from '../../local/tokens.js';

const dataDir = mkdtempSync(join(tmpdir(), 'order-claims-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = () =>
  startLocalStack({
    apiPort: 0,
    ports: { mailViewer: 0, ses: 0, dynamoDb: 0, stepFunctions: 0, payments: 0 },
    dataDir,
    log: () => undefined,
  });

describe('npm start on kept data', () => {
  it('seeds again the next day in Japan: the orders kept as they were, nothing refused', async () => {
    // 23:30 on 1 May in Japan, then 00:30 on the 2nd: Japan's date has changed, an hour later.
    const firstDay = new Date('2026-05-01T14:30:00Z');
    const nextDay = new Date('2026-05-01T15:30:00Z');
    const first = await start();
    try {
      expect(await seedDemoOrders(first.apiUrl, firstDay)).toContain('D-1001');
    } finally {
      await first.stop();
    }
    const second = await start();
    try {
      const seeded = await seedDemoOrders(second.apiUrl, nextDay);
      expect(seeded).toContain('D-1008');
      // The order kept its first day's ship date: the second seeding did not change it.
      const operator = await mintLocalToken('operator', 'OP-1');
      const kept = await fetch(`${second.apiUrl}/orders/D-1008`, { headers: { authorization: `Bearer ${operator}` } });
      expect(((await kept.json()) as { expectedShipDate: string }).expectedShipDate).toBe('2026-05-06');
    } finally {
      await second.stop();
    }
  }, 240_000);
});
