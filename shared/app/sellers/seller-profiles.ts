// Seller profiles: the operator keeps them (PUT), the seller reads its own (GET). Every seller
// notice goes to the profile's address in its language; order intake needs the profile first, so
// no order has a seller nobody can reach.

import type { SellerProfile } from '../../domain/seller-profile.js';
import { actor, type Principal } from '../common/access.js';
import { retryOnConflict } from '../common/conflicts.js';
import { ForbiddenError, NotFoundError, RefusedError } from '../common/errors.js';
import type { PageRequest } from '../ports/pages.js';
import type { SellerProfiles } from '../ports/seller-store.js';

export type ProfileFields = Pick<SellerProfile, 'storeName' | 'contactEmail' | 'language' | 'returnWindowDays'>;

export const profileView = ({ version: _version, ...visible }: SellerProfile) => visible;

/** PUT /sellers/{sellerId}/profile: creates or replaces it; `created` says which. */
export async function setSellerProfile(
  profiles: SellerProfiles,
  principal: Principal,
  sellerId: string,
  fields: ProfileFields,
  now: Date,
) {
  if (principal.role !== 'operator') throw new ForbiddenError('The operator keeps seller profiles.');
  return retryOnConflict(async () => {
    const current = await profiles.getProfile(sellerId);
    const next: SellerProfile = {
      sellerId,
      ...fields,
      updatedAt: now.toISOString(),
      updatedBy: actor(principal),
      version: current?.version ?? 0,
    };
    await profiles.saveProfile(next);
    return { profile: { ...next, version: next.version + 1 }, created: current === undefined };
  });
}

/** GET /sellers/{sellerId}/profile: the seller its own, the operator any. */
export async function readSellerProfile(
  profiles: SellerProfiles,
  principal: Principal,
  sellerId: string,
): Promise<SellerProfile> {
  if (principal.role === 'seller' && principal.id !== sellerId)
    throw new ForbiddenError(`The profile of seller ${sellerId} is not yours.`);
  const profile = await profiles.getProfile(sellerId);
  if (!profile)
    throw new NotFoundError(
      principal.role === 'seller'
        ? 'Your store has no profile yet: the marketplace operator sets it up.'
        : `Seller ${sellerId} has no profile: PUT /sellers/${sellerId}/profile.`,
    );
  return profile;
}

export async function listSellerProfiles(profiles: SellerProfiles, principal: Principal, page: PageRequest) {
  if (principal.role !== 'operator') throw new ForbiddenError('Only the operator lists every seller.');
  return profiles.listProfiles(page);
}

/** Order intake: a seller without a profile could not be told of anything. */
export async function requireSellerProfile(profiles: SellerProfiles, sellerId: string): Promise<SellerProfile> {
  const profile = await profiles.getProfile(sellerId);
  if (!profile) {
    throw new RefusedError({
      kind: 'RULE',
      rule: 'SELLER_PROFILE_MISSING',
      detail:
        `Seller ${sellerId} has no profile, so nobody could tell the seller of a buyer's request: the ` +
        `operator sets it up first (PUT /sellers/${sellerId}/profile).`,
    });
  }
  return profile;
}
