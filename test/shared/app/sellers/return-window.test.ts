// The seller's return window: the seller sets its own (the operator any), only that field changes,
// another seller's id is answered as an unknown one, and a return asked afterwards gets the window.
import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../../../shared/app/common/errors.js';
import { requestReturn } from '../../../../shared/app/returns/return-claims.js';
import { setReturnWindow } from '../../../../shared/app/sellers/return-window.js';
import { BUYER, NOW } from '../../../support/world-claims.js';
import { seedOrder, world } from '../../../support/worlds.js';
import { caught, OPERATOR, OTHER_SELLER, SELLER } from '../../../support/principals.js';

describe('setReturnWindow', () => {
  it('the seller sets its own: only returnWindowDays, who and when change; the version goes up', async () => {
    const { profiles } = world();
    const before = (await profiles.getProfile('S-1'))!;

    const saved = await setReturnWindow(profiles, SELLER, 'S-1', 21, NOW);

    const { returnWindowDays: _was, ...rest } = before;
    expect(await profiles.getProfile('S-1')).toEqual({
      ...rest,
      returnWindowDays: 21,
      updatedAt: NOW.toISOString(),
      updatedBy: { role: 'seller', id: 'S-1' },
      version: before.version + 1,
    });
    expect(saved).toEqual(await profiles.getProfile('S-1'));
  });

  it('the operator sets any seller’s', async () => {
    const { profiles } = world();
    await setReturnWindow(profiles, OPERATOR, 'S-1', 30, NOW);
    expect((await profiles.getProfile('S-1'))!.returnWindowDays).toBe(30);
  });

  it('another seller’s id is answered word for word as an unknown one; nothing changes', async () => {
    const { profiles } = world();
    const before = await profiles.getProfile('S-1');
    const foreign = await caught(setReturnWindow(profiles, OTHER_SELLER, 'S-1', 30, NOW), NotFoundError);
    const unknown = await caught(setReturnWindow(profiles, OTHER_SELLER, 'S-NONE', 30, NOW), NotFoundError);
    expect(foreign.message.replace('S-1', '<id>')).toBe(unknown.message.replace('S-NONE', '<id>'));
    expect(await profiles.getProfile('S-1')).toEqual(before);
    await caught(setReturnWindow(profiles, OPERATOR, 'S-NONE', 30, NOW), NotFoundError);
    await caught(setReturnWindow(profiles, BUYER, 'S-1', 30, NOW), ForbiddenError);
  });

  it('a return asked after it gets the new window; one asked before keeps its own', async () => {
    const w = world();
    const deps = { ...w, timing: w.timing };
    const deliveredAt = '2026-11-20T00:00:00.000Z';
    const early = await seedOrder(w.store, { status: 'DELIVERED', deliveredAt });
    const late = await seedOrder(w.store, { status: 'DELIVERED', deliveredAt });
    const asked = await requestReturn(deps, BUYER, early.orderNo, { reason: 'DEFECTIVE' }, NOW);

    await setReturnWindow(w.profiles, SELLER, 'S-1', 14, NOW);
    const after = await requestReturn(deps, BUYER, late.orderNo, { reason: 'DEFECTIVE' }, NOW);

    expect(asked.return!.windowEndsAt).toBe('2026-11-27T00:00:00.000Z');
    expect(after.return!.windowEndsAt).toBe('2026-12-04T00:00:00.000Z');
    expect((await w.store.getClaim(asked.claimId))!.return!.windowEndsAt).toBe('2026-11-27T00:00:00.000Z');
  });
});
