// Cognito's pre-token-generation trigger (V2): the user's role and seller or buyer id, immutable
// attributes an operator set, are added to the access token, which the API's JWT authorizer
// checks and the handlers read (shared/http/principal.ts).
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { handlerOf } from '../../shared/middy.js';
import * as z from 'zod';
import { ROLES } from '../../shared/app/access.js';
import { PARTY_CLAIM, ROLE_CLAIM } from '../../shared/http/principal.js';
import { logger } from '../../shared/observability.js';

const attributesSchema = z.object({ [ROLE_CLAIM]: z.enum(ROLES), [PARTY_CLAIM]: z.string().min(1).max(64) });

export const handler = handlerOf<PreTokenGenerationV2TriggerEvent, PreTokenGenerationV2TriggerEvent>().handler(async (event) => {
  const attributes = attributesSchema.safeParse(event.request.userAttributes);
  if (!attributes.success) {
    // The token is issued without them, and the API refuses it (401): a user must be given a role first.
    logger.warn('user without a role or party id', { userName: event.userName });
    return event;
  }
  const claims = { [ROLE_CLAIM]: attributes.data[ROLE_CLAIM], [PARTY_CLAIM]: attributes.data[PARTY_CLAIM] };
  event.response = {
    claimsAndScopeOverrideDetails: {
      accessTokenGeneration: { claimsToAddOrOverride: claims },
      idTokenGeneration: { claimsToAddOrOverride: claims },
    },
  };
  return event;
});
