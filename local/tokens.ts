// Bearer tokens for the local stack, shaped as Cognito's access tokens (token_use "access", the app
// client in client_id, no aud), signed with a key that exists only here and carrying the claims the
// pre-token-generation trigger adds (custom:role, custom:party_id). In AWS the API Gateway JWT
// authorizer checks Cognito's tokens instead; nothing in the handlers differs.

import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ROLES, type Role } from '../shared/app/common/access.js';
import { PARTY_CLAIM, ROLE_CLAIM } from '../shared/http/principal.js';

const LOCAL_SIGNING_KEY = new TextEncoder().encode('order-claims local stack only: never trusted outside loopback');
export const LOCAL_ISSUER = 'urn:order-claims:local-issuer';
/** The local app client: an ID token's `aud`, an access token's `client_id`; the authorizer takes either. */
export const LOCAL_AUDIENCE = 'order-claims-local';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * An access token for a role and party id, as Cognito issues one after the trigger (and as the console and curl send
 * it).
 */
export async function mintLocalToken(role: Role, partyId: string, ttl = '12h'): Promise<string> {
  const sub = randomUUID();
  return new SignJWT({
    [ROLE_CLAIM]: role,
    [PARTY_CLAIM]: partyId,
    token_use: 'access',
    client_id: LOCAL_AUDIENCE,
    scope: 'aws.cognito.signin.user.admin',
    username: sub,
    origin_jti: randomUUID(),
    event_id: randomUUID(),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(LOCAL_ISSUER)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(LOCAL_SIGNING_KEY);
}

/** An ID token of the same user: the authorizer takes it (its aud is the client), the API must not. */
export async function mintLocalIdToken(role: Role, partyId: string): Promise<string> {
  return new SignJWT({
    [ROLE_CLAIM]: role,
    [PARTY_CLAIM]: partyId,
    token_use: 'id',
    email: `${partyId.toLowerCase()}@example.com`,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(randomUUID())
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(LOCAL_SIGNING_KEY);
}

/**
 * As the JWT authorizer does: signature, issuer, an expiry that has not passed, and the app client
 * in `aud` or, where there is no `aud` (an access token), in `client_id`. It does not look at
 * token_use: an ID token passes here as it does in AWS, and the API refuses it (shared/http/principal.ts).
 */
export async function verifyLocalToken(token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, LOCAL_SIGNING_KEY, {
    issuer: LOCAL_ISSUER,
    algorithms: ['HS256'],
    requiredClaims: ['exp'],
  });
  const audiences = payload.aud === undefined ? [payload.client_id] : [payload.aud].flat();
  if (!audiences.includes(LOCAL_AUDIENCE)) throw new Error('The token is for another client');
  return payload;
}

/**
 * For tests of the gateway's refusals: a token signed with the local key, with the claims given as they are (no expiry
 * unless given).
 */
export function signLocalToken(
  claims: JWTPayload,
  header: { alg: string; typ?: string } = { alg: 'HS256', typ: 'JWT' },
): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header).sign(LOCAL_SIGNING_KEY);
}
