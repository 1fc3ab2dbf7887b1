// Signing in with Cognito's hosted UI: the OAuth 2.0 authorization code flow with PKCE (RFC 7636),
// as a public client with no secret. Pure functions over Web Crypto, the same in the browser and
// in Node (test/console/pkce.test.ts).

/** Where the console signs in, as the deployment's config.json says. */
export interface HostedSignIn {
  /** https://<prefix>.auth.<region>.amazoncognito.com */
  domain: string;
  clientId: string;
  /** The console's own address, registered as the app client's callback URL. */
  redirectUri: string;
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A fresh secret for one sign-in: 32 random bytes, 43 characters. */
export const randomSecret = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

/** S256: the challenge sent with the authorization request, the verifier kept for the token request. */
export async function codeChallenge(verifier: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

export async function authorizeUrl(signIn: HostedSignIn, verifier: string, state: string): Promise<string> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: signIn.clientId,
    redirect_uri: signIn.redirectUri,
    scope: 'openid email',
    state,
    code_challenge_method: 'S256',
    code_challenge: await codeChallenge(verifier),
  });
  return `${signIn.domain}/oauth2/authorize?${query.toString()}`;
}

/** The token request that trades the code for tokens, proving the verifier. */
export function tokenRequest(signIn: HostedSignIn, code: string, verifier: string): { url: string; init: RequestInit } {
  return {
    url: `${signIn.domain}/oauth2/token`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: signIn.clientId,
        code,
        redirect_uri: signIn.redirectUri,
        code_verifier: verifier,
      }).toString(),
    },
  };
}

/** Who the access token says the user is: the role and party id the API reads (custom claims). */
export function identityOf(accessToken: string): { role: string; id: string; expiresAt: number } | undefined {
  try {
    const payload = JSON.parse(atob(accessToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<
      string,
      unknown
    >;
    const role = payload['custom:role'];
    const id = payload['custom:party_id'];
    if (typeof role !== 'string' || typeof id !== 'string' || typeof payload.exp !== 'number') return undefined;
    return { role, id, expiresAt: payload.exp * 1000 };
  } catch {
    return undefined;
  }
}
