// Lambda's control plane, as much of it as the functions call: GetAccountSettings, which tells a
// bulk job the account's concurrency (the SDK's @aws-sdk/client-lambda, through
// AWS_ENDPOINT_URL_LAMBDA). Authorized by the caller's role first, as AWS does.

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { LocalLambda } from './lambda-runtime.js';
import { listen } from './http.js';

export interface LambdaApiLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** IAM: why AWS would refuse this signed request for `action` on `*`, if it would. */
type Authorize = (headers: IncomingHttpHeaders, action: string) => Promise<{ message: string } | undefined>;

export async function startLambdaApiLocal(
  lambda: LocalLambda,
  functionCount: number,
  port: number,
  authorize?: Authorize,
): Promise<LambdaApiLocal> {
  const server = createServer(async (req, res) => {
    for await (const _chunk of req) {
      // the body is not read by any operation served here
    }
    const send = (status: number, body: unknown, errorType?: string) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' || !/^\/2016-08-19\/account-settings\/?$/.test(req.url?.split('?')[0] ?? '')) {
      return send(
        404,
        { Type: 'User', Message: `The local Lambda endpoint does not serve ${req.method} ${req.url}` },
        'ResourceNotFoundException',
      );
    }
    const denied = await authorize?.(req.headers, 'lambda:GetAccountSettings');
    if (denied) return send(403, { Type: 'User', Message: denied.message }, 'AccessDeniedException');
    const concurrency = Number.isFinite(lambda.concurrency) ? lambda.concurrency : 1000;
    send(200, {
      AccountLimit: {
        TotalCodeSize: 80_530_636_800,
        CodeSizeUnzipped: 262_144_000,
        CodeSizeZipped: 52_428_800,
        ConcurrentExecutions: concurrency,
        // No function reserves any: all of it is unreserved.
        UnreservedConcurrentExecutions: concurrency,
      },
      AccountUsage: { TotalCodeSize: 0, FunctionCount: functionCount },
    });
  });
  await listen(server, port);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
