// The local API Gateway's events, field by field as AWS documents payload format 2.0 for an HTTP
// API with a JWT authorizer, and its authorizer's checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  awsRequestId,
  claimsAsPassedOn,
  requestTime,
  startApiGatewayLocal,
  type ApiGatewayLocal,
} from '../../local/api-gateway-local.js';
import type { LocalLambda } from '../../local/lambda-runtime.js';
import { mintLocalIdToken, mintLocalToken, signLocalToken, LOCAL_ISSUER } from '../../local/tokens.js';

let gateway: ApiGatewayLocal;
const events: { name: string; event: any }[] = [];
beforeAll(async () => {
  const lambda = {
    invoke: async (name: string, event: unknown) => {
      events.push({ name, event });
      return { statusCode: 200, body: '{}' };
    },
  } as unknown as LocalLambda;
  gateway = await startApiGatewayLocal({ lambda, port: 0 });
});
afterAll(() => gateway.stop());

const last = () => events.at(-1)!.event;

describe('the local gateway’s payload 2.0', () => {
  it('requestId, time, apiId and domain as AWS makes them; cookies apart from the headers', async () => {
    const seller = await mintLocalToken('seller', 'S-1');
    await fetch(`${gateway.url}/orders/O-1?a=1&a=2`, {
      headers: { authorization: `Bearer ${seller}`, cookie: 'one=1; two=2', 'x-Multi': 'v' },
    });
    const event = last();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /orders/{orderNo}',
      rawPath: '/orders/O-1',
      rawQueryString: 'a=1&a=2',
      cookies: ['one=1', 'two=2'],
      pathParameters: { orderNo: 'O-1' },
      queryStringParameters: { a: '1,2' },
    });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.headers['x-multi']).toBe('v');
    const context = event.requestContext;
    expect(context.requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(context.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(context.timeEpoch - Date.now())).toBeLessThan(5000);
    expect(context.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(context.domainName).toBe(`${context.apiId}.execute-api.us-east-1.amazonaws.com`);
    expect(context).toMatchObject({
      accountId: '000000000000',
      stage: '$default',
      routeKey: 'GET /orders/{orderNo}',
      http: { method: 'GET', path: '/orders/O-1', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
    });
  });

  it('the JWT authorizer’s claims are strings, as it passes them on; its scopes are the token’s', async () => {
    await fetch(`${gateway.url}/orders/O-1`, {
      headers: { authorization: `Bearer ${await mintLocalToken('seller', 'S-1')}` },
    });
    const { jwt } = last().requestContext.authorizer;
    expect(jwt.claims).toMatchObject({
      'custom:role': 'seller',
      'custom:party_id': 'S-1',
      token_use: 'access',
      client_id: 'order-claims-local',
      scope: 'aws.cognito.signin.user.admin',
    });
    expect(jwt.claims.aud).toBeUndefined();
    for (const value of Object.values(jwt.claims)) expect(typeof value).toBe('string');
    expect(jwt.claims.exp).toMatch(/^\d+$/);
    expect(jwt.scopes).toEqual(['aws.cognito.signin.user.admin']);
    expect(claimsAsPassedOn({ 'cognito:groups': ['a', 'b'], exp: 5 })).toEqual({ 'cognito:groups': '[a b]', exp: '5' });
  });

  it('a public route has no authorizer in its event', async () => {
    await fetch(`${gateway.url}/health`);
    expect(last().requestContext.authorizer).toBeUndefined();
  });

  it(
    'an ID token passes the authorizer, whose audience it names (the function refuses it); a token for another ' +
      'client does not',
    async () => {
      const before = events.length;
      await fetch(`${gateway.url}/orders/O-1`, {
        headers: { authorization: `Bearer ${await mintLocalIdToken('seller', 'S-1')}` },
      });
      expect(events.length).toBe(before + 1);
      expect(last().requestContext.authorizer.jwt.claims.token_use).toBe('id');
      const other = await signLocalToken({
        'custom:role': 'seller',
        'custom:party_id': 'S-1',
        token_use: 'access',
        client_id: 'another-client',
        iss: LOCAL_ISSUER,
        exp: Math.floor(Date.now() / 1000) + 600,
      });
      expect((await fetch(`${gateway.url}/orders/O-1`, { headers: { authorization: `Bearer ${other}` } })).status).toBe(
        401,
      );
      expect(events.length).toBe(before + 1);
    },
  );

  it('request ids are base64 of 11 bytes, like AWS’s example', () => {
    expect(Buffer.from(awsRequestId(), 'base64')).toHaveLength(11);
    expect(requestTime(new Date(Date.UTC(2020, 2, 12, 19, 3, 58)))).toBe('12/Mar/2020:19:03:58 +0000');
  });
});
