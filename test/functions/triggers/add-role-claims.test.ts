// Cognito's pre-token-generation trigger: a user's role and party id reach its tokens, read with
// the rule the API reads the tokens with; a user without them gets tokens the API refuses.
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler } from '../../../functions/triggers/add-role-claims.js';
import { context } from '../../support/lambda.js';

const event = (userAttributes: Record<string, string>) =>
  ({ userName: 'u-1', request: { userAttributes }, response: {} }) as unknown as PreTokenGenerationV2TriggerEvent;

const added = async (attributes: Record<string, string>) => {
  const answer = await handler(event(attributes), context);
  return answer.response.claimsAndScopeOverrideDetails?.accessTokenGeneration?.claimsToAddOrOverride;
};

describe('add-role-claims trigger', () => {
  it('a seller’s role and id go into its access and id tokens', async () => {
    const answer = await handler(
      event({ 'custom:role': 'seller', 'custom:party_id': 'S-1', email: 'a@example.jp' }),
      context,
    );
    const claims = { 'custom:role': 'seller', 'custom:party_id': 'S-1' };
    expect(answer.response.claimsAndScopeOverrideDetails).toEqual({
      accessTokenGeneration: { claimsToAddOrOverride: claims },
      idTokenGeneration: { claimsToAddOrOverride: claims },
    });
  });

  it.each([
    ['no role', { 'custom:party_id': 'S-1' }],
    ['no party id', { 'custom:role': 'buyer' }],
    ['a role that is none of seller, buyer, operator', { 'custom:role': 'admin', 'custom:party_id': 'S-1' }],
    ['an empty party id', { 'custom:role': 'seller', 'custom:party_id': '' }],
    ['a party id over 64 characters', { 'custom:role': 'seller', 'custom:party_id': 'S'.repeat(65) }],
  ])('%s: no claims are added', async (_, attributes) => {
    expect(await added(attributes)).toBeUndefined();
  });
});
