// In front of DynamoDB Local, which checks no permission: each request a function signs is
// authorized against the function's role before it is passed on, and one IAM refuses is answered
// as DynamoDB answers it (400, AccessDeniedException), so the SDK raises its own error.

import { Agent, createServer, request, type Server } from 'node:http';
import { freePort } from '../ports.js';
import type { Denial, LocalIam } from './local-iam.js';
import { accessKeyOf, dynamoDbAuthorizations } from './requests.js';
import { listen } from '../http.js';

export interface DynamoDbGuard {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynamoDbGuard(options: { upstream: string; iam: LocalIam }): Promise<DynamoDbGuard> {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const key = accessKeyOf(req.headers);
    if (options.iam.principalOf(key)) {
      let denied: Denial | undefined;
      try {
        const target = String(req.headers['x-amz-target'] ?? '');
        denied = await options.iam.authorizeKey(
          key,
          dynamoDbAuthorizations(target, JSON.parse(body.toString() || '{}') as Record<string, unknown>),
        );
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'InternalFailure' });
        return res.end(
          JSON.stringify({ __type: 'com.amazon.coral.service#InternalFailure', message: (error as Error).message }),
        );
      }
      if (denied) {
        res.writeHead(400, {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-errortype': 'AccessDeniedException',
        });
        return res.end(
          JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', Message: denied.message }),
        );
      }
    }
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(error.message);
    });
    forwarded.end(body);
  });
  const port = await freePort();
  await listen(server, port);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
