// Who is calling: the claims the JWT authorizer checked and passed on. In AWS the Cognito user
// pool issues them (custom attributes); locally the token command does, with the same names.

import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import * as z from 'zod';
import { ROLES, type Principal } from '../app/access.js';
import { UnauthorizedError } from '../app/errors.js';

export const ROLE_CLAIM = 'custom:role';
export const PARTY_CLAIM = 'custom:party_id';

const claimsSchema = z.object({
  [ROLE_CLAIM]: z.enum(ROLES),
  [PARTY_CLAIM]: z.string().min(1).max(64),
});

/**
 * The JWT authorizer takes an ID token as well as an access token when its audience matches (an ID
 * token's aud is the client): only an access token is a grant to call the API.
 */
export const TOKEN_USE_CLAIM = 'token_use';

export function principalFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  if (claims[TOKEN_USE_CLAIM] !== 'access') throw new UnauthorizedError('The API takes an access token (token_use "access"), not an ID token.');
  const parsed = claimsSchema.safeParse(claims);
  if (!parsed.success) throw new UnauthorizedError('The token does not name a role and a seller, buyer or operator id.');
  return { role: parsed.data[ROLE_CLAIM], id: parsed.data[PARTY_CLAIM] };
}
