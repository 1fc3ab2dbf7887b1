// The seller profiles' and inquiries' ports, run against the in-memory fake (test/shared/contract)
// and the DynamoDB store over DynamoDB Local (test/e2e), so that the fake cannot drift. The table
// is shared with the rest of the stack: each test uses its own sellers and inquiries.

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConcurrentChangeError, InvalidCursorError } from '../../shared/app/ports/port-errors.js';
import type { Inquiries, SellerProfiles } from '../../shared/app/ports/seller-store.js';
import type { Inquiry } from '../../shared/domain/inquiry.js';
import { aSellerProfile } from '../support/fixtures.js';

export type MakeSellerStore = () => Promise<SellerProfiles & Inquiries>;

const tag = () => randomBytes(5).toString('hex').toUpperCase();

function anInquiry(overrides: Partial<Inquiry> = {}): Inquiry {
  return {
    inquiryId: `Q-${tag()}`,
    sellerId: `S-${tag()}`,
    category: 'ORDER_NOT_CANCELLABLE',
    subject: 'Coupon order',
    orderNos: ['O-1'],
    status: 'OPEN',
    history: [
      { at: '2026-11-25T00:00:00.000Z', by: { role: 'seller', id: 'S' }, kind: 'FILED', text: 'Please cancel it.' },
    ],
    createdAt: '2026-11-25T00:00:00.000Z',
    updatedAt: '2026-11-25T00:00:00.000Z',
    version: 0,
    ...overrides,
  };
}

export function sellerStoreContract(name: string, make: MakeSellerStore) {
  describe(`${name} keeps the seller profiles’ and inquiries’ contract`, () => {
    it(
      'a profile reads back at version 1; a write from a stale read is a concurrent change; a fresh one replaces ' +
        'it',
      async () => {
        const store = await make();
        const sellerId = `S-${tag()}`;
        expect(await store.getProfile(sellerId)).toBeUndefined();
        await store.saveProfile(aSellerProfile({ sellerId, version: 0 }));
        expect(await store.getProfile(sellerId)).toEqual(aSellerProfile({ sellerId, version: 1 }));
        await expect(store.saveProfile(aSellerProfile({ sellerId, version: 0 }))).rejects.toBeInstanceOf(
          ConcurrentChangeError,
        );
        await store.saveProfile(aSellerProfile({ sellerId, language: 'ko', version: 1 }));
        await expect(
          store.saveProfile(aSellerProfile({ sellerId, language: 'en', version: 1 })),
        ).rejects.toBeInstanceOf(ConcurrentChangeError);
        expect(await store.getProfile(sellerId)).toMatchObject({ language: 'ko', version: 2 });
      },
    );

    it('profiles list by seller id, a page at a time, every one once', async () => {
      const store = await make();
      const prefix = `S-LIST-${tag()}`;
      for (const n of [3, 1, 2]) await store.saveProfile(aSellerProfile({ sellerId: `${prefix}-${n}`, version: 0 }));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listProfiles({ limit: 2, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((p) => p.sellerId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([...seen].sort());
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => id.startsWith(prefix))).toEqual([`${prefix}-1`, `${prefix}-2`, `${prefix}-3`]);
      await expect(store.listProfiles({ limit: 2, cursor: 'not-ours' })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('an inquiry reads back at version 1 and is written only from the version read', async () => {
      const store = await make();
      const inquiry = anInquiry();
      await store.saveInquiry(inquiry);
      expect(await store.getInquiry(inquiry.inquiryId)).toEqual({ ...inquiry, version: 1 });
      await expect(store.saveInquiry(inquiry)).rejects.toBeInstanceOf(ConcurrentChangeError);
      await store.saveInquiry({ ...inquiry, status: 'ANSWERED', version: 1 });
      await expect(store.saveInquiry({ ...inquiry, status: 'CLOSED', version: 1 })).rejects.toBeInstanceOf(
        ConcurrentChangeError,
      );
      expect(await store.getInquiry(inquiry.inquiryId)).toMatchObject({ status: 'ANSWERED', version: 2 });
    });

    it('a seller’s inquiries newest first, by status too; the operator’s queue by status, newest first', async () => {
      const store = await make();
      const sellerId = `S-${tag()}`;
      const at = (day: number) => `2099-0${day}-01T00:00:00.000Z`;
      const [a, b, c] = [
        anInquiry({ sellerId, createdAt: at(1) }),
        anInquiry({ sellerId, createdAt: at(2), status: 'ANSWERED' }),
        anInquiry({ sellerId, createdAt: at(3) }),
      ];
      for (const inquiry of [a, b, c]) await store.saveInquiry(inquiry!);
      const ids = (items: Inquiry[]) => items.map((i) => i.inquiryId);

      const first = await store.listInquiries({ sellerId }, { limit: 2 });
      expect(ids(first.items)).toEqual([c!.inquiryId, b!.inquiryId]);
      const second = await store.listInquiries({ sellerId }, { limit: 2, cursor: first.nextCursor! });
      expect(ids(second.items)).toEqual([a!.inquiryId]);
      expect(second.nextCursor).toBeNull();
      expect(ids((await store.listInquiries({ sellerId, status: 'OPEN' }, { limit: 10 })).items)).toEqual([
        c!.inquiryId,
        a!.inquiryId,
      ]);

      const queue = ids((await store.listInquiries({ status: 'OPEN' }, { limit: 100 })).items);
      expect(queue.indexOf(c!.inquiryId)).toBeLessThan(queue.indexOf(a!.inquiryId));
      expect(queue).not.toContain(b!.inquiryId);
      // A status change moves it between queues.
      await store.saveInquiry({ ...a!, status: 'CLOSED', version: 1 });
      expect(ids((await store.listInquiries({ status: 'OPEN' }, { limit: 100 })).items)).not.toContain(a!.inquiryId);
      expect(ids((await store.listInquiries({ status: 'CLOSED' }, { limit: 100 })).items)).toContain(a!.inquiryId);
    });
  });
}
