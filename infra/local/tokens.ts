// Bearer tokens for the local stack: signed with a key that exists only here, carrying the same
// claims the Cognito user pool puts in its tokens (custom:role, custom:party_id). In AWS the API
// Gateway JWT authorizer checks Cognito's tokens instead; nothing in the handlers differs.

import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ROLES, type Role } from '../../shared/app/access.js';
import { PARTY_CLAIM, ROLE_CLAIM } from '../../shared/http/principal.js';

const LOCAL_SIGNING_KEY = new TextEncoder().encode('order-claims local stack only: never trusted outside loopback');
export const LOCAL_ISSUER = 'urn:order-claims:local-issuer';
export const LOCAL_AUDIENCE = 'order-claims-local';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export async function mintLocalToken(role: Role, partyId: string, ttl = '12h'): Promise<string> {
  return new SignJWT({ [ROLE_CLAIM]: role, [PARTY_CLAIM]: partyId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(`${role}:${partyId}`)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(LOCAL_SIGNING_KEY);
}

/** As the JWT authorizer does: signature, issuer, audience and an expiry that has not passed, or no entry. */
export async function verifyLocalToken(token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, LOCAL_SIGNING_KEY, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp'] });
  return payload;
}

/** For tests of the gateway's refusals: a token signed with the local key, with the claims given as they are (no expiry unless given). */
export function signLocalToken(claims: JWTPayload, header: { alg: string; typ?: string } = { alg: 'HS256', typ: 'JWT' }): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header).sign(LOCAL_SIGNING_KEY);
}
