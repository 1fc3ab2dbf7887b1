// Seller profiles: the operator keeps them, the seller reads its own, order intake needs one.
import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, RefusedError } from '../../../../shared/app/common/errors.js';
import {
  listSellerProfiles,
  readSellerProfile,
  requireSellerProfile,
  setSellerProfile,
} from '../../../../shared/app/sellers/seller-profiles.js';
import { NOW } from '../../../support/fixtures.js';
import { FakeSellerStore } from '../../../support/fake-seller-store.js';
import { caught, OPERATOR, OTHER_SELLER, SELLER } from '../../../support/principals.js';

const fields = { storeName: '서울 머그', contactEmail: 'mug@example.kr', language: 'ko' as const };

describe('seller profiles', () => {
  it(
    'the operator creates one, then replaces it: created says which, the version goes up, who and when are ' +
      'recorded',
    async () => {
      const profiles = new FakeSellerStore();

      const first = await setSellerProfile(profiles, OPERATOR, 'S-9', fields, NOW);
      const second = await setSellerProfile(profiles, OPERATOR, 'S-9', { ...fields, language: 'en' }, NOW);

      expect(first).toMatchObject({ created: true, profile: { sellerId: 'S-9', ...fields, version: 1 } });
      expect(second).toMatchObject({ created: false, profile: { language: 'en', version: 2 } });
      expect(await profiles.getProfile('S-9')).toEqual({
        sellerId: 'S-9',
        ...fields,
        language: 'en',
        updatedAt: NOW.toISOString(),
        updatedBy: { role: 'operator', id: 'OP-1' },
        version: 2,
      });
    },
  );

  it('two operators saving at once: both land, one after the other (read again on conflict)', async () => {
    const profiles = new FakeSellerStore();
    await Promise.all([
      setSellerProfile(profiles, OPERATOR, 'S-9', fields, NOW),
      setSellerProfile(profiles, OPERATOR, 'S-9', { ...fields, language: 'ja' }, NOW),
    ]);
    expect((await profiles.getProfile('S-9'))!.version).toBe(2);
  });

  it('a seller reads its own, not another’s; the operator reads any; a missing one says who sets it up', async () => {
    const profiles = new FakeSellerStore();
    await setSellerProfile(profiles, OPERATOR, 'S-1', fields, NOW);

    expect(await readSellerProfile(profiles, SELLER, 'S-1')).toMatchObject(fields);
    expect(await readSellerProfile(profiles, OPERATOR, 'S-1')).toMatchObject(fields);
    await caught(readSellerProfile(profiles, OTHER_SELLER, 'S-1'), ForbiddenError);
    expect((await caught(readSellerProfile(profiles, OTHER_SELLER, 'S-2'), NotFoundError)).message).toContain(
      'the marketplace operator sets it up',
    );
    expect((await caught(readSellerProfile(profiles, OPERATOR, 'S-2'), NotFoundError)).message).toContain(
      'PUT /sellers/S-2/profile',
    );
  });

  it('the operator lists them by seller id', async () => {
    const profiles = new FakeSellerStore();
    for (const id of ['S-3', 'S-1', 'S-2']) await setSellerProfile(profiles, OPERATOR, id, fields, NOW);
    const page = await listSellerProfiles(profiles, OPERATOR, { limit: 2 });
    expect(page.items.map((p) => p.sellerId)).toEqual(['S-1', 'S-2']);
    expect(
      (await listSellerProfiles(profiles, OPERATOR, { limit: 2, cursor: page.nextCursor! })).items.map(
        (p) => p.sellerId,
      ),
    ).toEqual(['S-3']);
  });

  it('order intake needs the seller’s profile: SELLER_PROFILE_MISSING otherwise', async () => {
    const profiles = new FakeSellerStore();
    const error = await caught(requireSellerProfile(profiles, 'S-9'), RefusedError);
    expect(error.refusal).toMatchObject({ kind: 'RULE', rule: 'SELLER_PROFILE_MISSING' });
    await setSellerProfile(profiles, OPERATOR, 'S-9', fields, NOW);
    expect(await requireSellerProfile(profiles, 'S-9')).toMatchObject(fields);
  });
});
