// Who is calling: the claims the JWT authorizer checked and passed on. In AWS the Cognito user
// pool issues them (custom attributes, added to the tokens by the add-role-claims trigger, which
// reads them with the same rule); locally the token command does, with the same names.

import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ROLES, type Principal, type Role } from '../app/common/access.js';
import { UnauthorizedError } from '../app/common/errors.js';

export const ROLE_CLAIM = 'custom:role';
export const PARTY_CLAIM = 'custom:party_id';

/**
 * The role and the seller, buyer or operator id that claims (a token's, a user's attributes)
 * name, if they name both: one of the roles, and an id of 1 to 64 characters. Checked by hand, as
 * the rule is two lines: zod would be most of the Cognito trigger's bundle.
 */
export function partyOf(claims: Record<string, unknown>): Principal | undefined {
  const role = claims[ROLE_CLAIM];
  const id = claims[PARTY_CLAIM];
  if (!ROLES.includes(role as Role) || typeof id !== 'string' || id.length < 1 || id.length > 64) return undefined;
  return { role: role as Role, id };
}

/**
 * The JWT authorizer takes an ID token as well as an access token when its audience matches (an ID
 * token's aud is the client): only an access token is a grant to call the API.
 */
export const TOKEN_USE_CLAIM = 'token_use';

export function principalFrom(event: APIGatewayProxyEventV2WithJWTAuthorizer): Principal {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  if (claims[TOKEN_USE_CLAIM] !== 'access')
    throw new UnauthorizedError('The API takes an access token (token_use "access"), not an ID token.');
  const principal = partyOf(claims);
  if (!principal) throw new UnauthorizedError('The token does not name a role and a seller, buyer or operator id.');
  return principal;
}
