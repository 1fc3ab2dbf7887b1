// The console's PKCE: RFC 7636's own example, the authorization and token requests Cognito's hosted
// UI expects, and the identity read from an access token.
import { describe, expect, it } from 'vitest';
import { authorizeUrl, codeChallenge, identityOf, randomSecret, tokenRequest } from '../../console/src/pkce.js';
import { mintLocalToken } from '../../local/tokens.js';

const SIGN_IN = {
  domain: 'https://orders.auth.ap-northeast-1.amazoncognito.com',
  clientId: 'client-1',
  redirectUri: 'https://d1.cloudfront.net/console/',
};

describe('the console’s sign-in with PKCE', () => {
  it('S256 of RFC 7636’s example verifier is its example challenge', async () => {
    expect(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('a secret is 43 URL-safe characters, new each time', () => {
    const [a, b] = [randomSecret(), randomSecret()];
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('asks for a code with the challenge and state, and trades it with the verifier', async () => {
    const url = new URL(await authorizeUrl(SIGN_IN, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'state-1'));
    expect(url.origin + url.pathname).toBe(`${SIGN_IN.domain}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: SIGN_IN.redirectUri,
      scope: 'openid email',
      state: 'state-1',
      code_challenge_method: 'S256',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    });
    const { url: tokenUrl, init } = tokenRequest(SIGN_IN, 'code-1', 'verifier-1');
    expect(tokenUrl).toBe(`${SIGN_IN.domain}/oauth2/token`);
    expect(Object.fromEntries(new URLSearchParams(init.body as string))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-1',
      code: 'code-1',
      redirect_uri: SIGN_IN.redirectUri,
      code_verifier: 'verifier-1',
    });
  });

  it('reads the role and party id from the token’s claims; a token without them is no identity', async () => {
    expect(identityOf(await mintLocalToken('seller', 'S-1'))).toEqual({
      role: 'seller',
      id: 'S-1',
      expiresAt: expect.any(Number),
    });
    expect(identityOf('not.a-token')).toBeUndefined();
    expect(identityOf(`x.${Buffer.from(JSON.stringify({ exp: 1 })).toString('base64url')}.y`)).toBeUndefined();
  });
});
