// A proxy in front of DynamoDB Local that asks every request for its consumed capacity and adds it
// up: the write and read units a run costs, as DynamoDB itself counts them (a transaction's items
// twice, an item by its 1 KB / 4 KB steps). DynamoDB Local does not check signatures, so adding
// ReturnConsumedCapacity to a signed body is harmless here.

import { createServer, request as httpRequest, type Server } from 'node:http';
import { freePort } from '../infra/local/ports.js';

export interface CapacityCount {
  writeUnits: number;
  readUnits: number;
  calls: Record<string, number>;
}

export async function startCapacityProxy(target: string): Promise<{ endpoint: string; count: CapacityCount; reset(): void; stop(): Promise<void> }> {
  const count: CapacityCount = { writeUnits: 0, readUnits: 0, calls: {} };
  const targetUrl = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
      count.calls[operation] = (count.calls[operation] ?? 0) + 1;
      try {
        const parsed = JSON.parse(body.toString() || '{}') as Record<string, unknown>;
        if (!['CreateTable', 'DescribeTable', 'ListTables', 'UpdateTimeToLive', 'DescribeTimeToLive'].includes(operation)) {
          body = Buffer.from(JSON.stringify({ ...parsed, ReturnConsumedCapacity: 'TOTAL' }));
        }
      } catch {
        // not JSON: forwarded as it is
      }
      const headers = { ...req.headers, 'content-length': String(body.length), host: targetUrl.host };
      const forward = httpRequest({ hostname: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers }, (answer) => {
        const out: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => out.push(chunk));
        answer.on('end', () => {
          const text = Buffer.concat(out);
          try {
            const parsed = JSON.parse(text.toString() || '{}') as { ConsumedCapacity?: unknown; Responses?: unknown };
            const consumed = [parsed.ConsumedCapacity].flat().filter(Boolean) as { CapacityUnits?: number; WriteCapacityUnits?: number; ReadCapacityUnits?: number }[];
            for (const c of consumed) {
              const write = /Put|Update|Delete|TransactWrite|BatchWrite/.test(operation);
              const units = c.CapacityUnits ?? (write ? c.WriteCapacityUnits : c.ReadCapacityUnits) ?? 0;
              if (write) count.writeUnits += units;
              else count.readUnits += units;
            }
          } catch {
            // not JSON
          }
          res.writeHead(answer.statusCode ?? 500, answer.headers);
          res.end(text);
        });
      });
      forward.on('error', (error) => {
        res.writeHead(502).end(error.message);
      });
      forward.end(body);
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    count,
    reset: () => {
      count.writeUnits = 0;
      count.readUnits = 0;
      count.calls = {};
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
