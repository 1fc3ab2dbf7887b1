// The small pieces every local stand-in's HTTP server needs.

import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Listens on loopback only: nothing local is reachable from another machine. Idle keep-alive
 * connections stay open a minute, as AWS's endpoints keep them: Node's 5 s default closed sockets
 * the SDK was about to reuse, and under load that reached a function as "socket hang up".
 */
export const listen = (server: Server, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.keepAliveTimeout = 60_000;
    server.headersTimeout = 61_000;
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

export const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
