// Cognito's pre-token-generation trigger (V2): the user's role and seller or buyer id, immutable
// attributes an operator set, are added to the access token, which the API's JWT authorizer
// checks and the handlers read (shared/http/principal.ts).
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { handlerOf } from '../../shared/middy.js';
import { PARTY_CLAIM, partyOf, ROLE_CLAIM } from '../../shared/http/principal.js';
import { logger } from '../../shared/observability.js';

export const handler = handlerOf<PreTokenGenerationV2TriggerEvent, PreTokenGenerationV2TriggerEvent>().handler(
  async (event) => {
    // The same rule the API reads the token's claims with (shared/http/principal.ts).
    const party = partyOf(event.request.userAttributes);
    if (!party) {
      // The token is issued without them, and the API refuses it (401): a user must be given a role first.
      logger.warn('user without a role or party id', { userName: event.userName });
      return event;
    }
    const claims = { [ROLE_CLAIM]: party.role, [PARTY_CLAIM]: party.id };
    event.response = {
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: { claimsToAddOrOverride: claims },
        idTokenGeneration: { claimsToAddOrOverride: claims },
      },
    };
    return event;
  },
);
