// PUT /sellers/{sellerId}/return-window: the seller sets how long its buyers may ask to return an
// order (7 to 30 days from delivery), or the operator does for it. Only that field of the profile
// changes; a return request reads it when it is made, so it applies to requests made after it.
// Another seller's id is answered as an unknown one is: the API never lets a seller probe another.

import { actor, type Principal } from '../common/access.js';
import { retryOnConflict } from '../common/conflicts.js';
import { ForbiddenError, NotFoundError } from '../common/errors.js';
import type { SellerProfiles } from '../ports/seller-store.js';

export async function setReturnWindow(
  profiles: SellerProfiles,
  principal: Principal,
  sellerId: string,
  days: number,
  now: Date,
) {
  if (principal.role === 'buyer') throw new ForbiddenError('A seller, or the operator, sets its return window.');
  const unknown = () => new NotFoundError(`No seller ${sellerId}.`);
  if (principal.role === 'seller' && principal.id !== sellerId) throw unknown();
  return retryOnConflict(async () => {
    const current = await profiles.getProfile(sellerId);
    if (!current) throw unknown();
    const next = { ...current, returnWindowDays: days, updatedAt: now.toISOString(), updatedBy: actor(principal) };
    await profiles.saveProfile(next);
    return { ...next, version: next.version + 1 };
  });
}
