// docs/events/ is generated from shared/schemas/events.ts (npm run event-schemas) and kept in step;
// the events a claim's life writes validate against it, as a consumer would check them.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../shared/app/ports/change-set.js';
import { eventJsonSchemas } from '../../shared/schemas/event-json-schemas.js';
import { eventValidator } from '../support/event-schemas.js';
import { testData } from '../contract/claim-store/support.js';
import { FakeClaimStore } from '../support/fakes.js';
import { changeOf } from '../../shared/app/changes/change-set.js';

const DIR = new URL('../../docs/events/', import.meta.url);

describe('docs/events', () => {
  it('holds one schema per event type, as generated (npm run event-schemas)', () => {
    expect(
      readdirSync(DIR)
        .filter((f) => f.endsWith('.schema.json'))
        .sort(),
    ).toEqual(EVENT_TYPES.map((t) => `${t}.schema.json`).sort());
    for (const [type, schema] of eventJsonSchemas())
      expect(JSON.parse(readFileSync(new URL(`${type}.schema.json`, DIR), 'utf8')), type).toEqual(schema);
  });

  it('events as the store writes them validate; one with a field too many, or a name in it, does not', async () => {
    const store = new FakeClaimStore();
    const d = testData();
    const order = d.order({ version: 1, claimIds: ['C-1'] });
    const claim = d.claim({ orderNo: order.orderNo });
    await store.commit(changeOf([{ entity: 'claim', value: claim, from: null }]));
    await store.commit(
      changeOf([
        { entity: 'claim', value: { ...claim, version: 1, status: 'COMPLETED' }, from: 'REQUESTED' },
        {
          entity: 'refund',
          value: d.refund(order.orderNo, { status: 'COMPLETED', method: 'BALANCE_CREDIT' }),
          from: null,
        },
        { entity: 'ledger', value: d.entry(3200) },
      ]),
    );
    const validate = eventValidator();
    expect(store.published.length).toBe(4);
    for (const event of store.published) expect(validate(event)).toEqual([]);
    const [first] = store.published;
    expect(validate({ ...first!, data: { ...first!.data, recipientName: '山田花子' } } as never)).not.toEqual([]);
    expect(validate({ ...first!, sequence: '1' } as never)).not.toEqual([]);
  });
});
