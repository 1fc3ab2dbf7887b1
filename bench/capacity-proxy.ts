// A proxy in front of DynamoDB Local that asks every request for its consumed capacity and adds it
// up, as DynamoDB Local reports it (reads follow DynamoDB's 4 KB steps; writes do not: any
// transaction is reported as 4 × (1 + indexes) units), and keeps every successful write in a
// write log that counts its units by DynamoDB's billing rules, by partition key (bench/write-log.ts).
// DynamoDB Local does not check signatures, so adding ReturnConsumedCapacity to a signed body is
// harmless here.

import { createServer, request as httpRequest, type Server } from 'node:http';
import { freePort } from '../local/ports.js';
import { WriteLog, type Image } from './write-log.js';

export interface CapacityCount {
  writeUnits: number;
  readUnits: number;
  calls: Record<string, number>;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);

export async function startCapacityProxy(
  target: string,
): Promise<{ endpoint: string; count: CapacityCount; writes: WriteLog; reset(): void; stop(): Promise<void> }> {
  const count: CapacityCount = { writeUnits: 0, readUnits: 0, calls: {} };
  const writes = new WriteLog();
  const targetUrl = new URL(target);
  /** An item as it is now (after an update, whose new image the request does not carry). */
  const current = async (tableName: string, key: Image): Promise<Image | undefined> => {
    const answer = await fetch(target, {
      method: 'POST',
      // DynamoDB Local wants a signature's header; a key that is no function's reads as the administrator.
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.GetItem',
        authorization:
          'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: JSON.stringify({ TableName: tableName, Key: key, ConsistentRead: true }),
    });
    return ((await answer.json()) as { Item?: Image }).Item;
  };
  /** A successful write's items, into the write log. */
  const logWrite = async (
    operation: string,
    request: Record<string, any>,
    answer: Record<string, any>,
  ): Promise<void> => {
    if (operation === 'PutItem') return writes.record(request.Item, request.Item, false);
    if (operation === 'DeleteItem') return writes.record(request.Key, undefined, false);
    if (operation === 'UpdateItem')
      return writes.record(request.Key, await current(request.TableName, request.Key), false);
    if (operation === 'BatchWriteItem') {
      for (const [table, entries] of Object.entries(request.RequestItems as Record<string, Record<string, any>[]>)) {
        const unprocessed = new Set(
          ((answer.UnprocessedItems?.[table] ?? []) as Record<string, any>[]).map((e) => JSON.stringify(e)),
        );
        for (const entry of entries.filter((e) => !unprocessed.has(JSON.stringify(e)))) {
          if (entry.PutRequest) writes.record(entry.PutRequest.Item, entry.PutRequest.Item, false);
          else writes.record(entry.DeleteRequest.Key, undefined, false);
        }
      }
      return;
    }
    for (const entry of request.TransactItems as Record<string, Record<string, any>>[]) {
      if (entry.Put) writes.record(entry.Put.Item, entry.Put.Item, true);
      else if (entry.Delete) writes.record(entry.Delete.Key, undefined, true);
      else if (entry.ConditionCheck) writes.record(entry.ConditionCheck.Key, undefined, true, true);
      else if (entry.Update)
        writes.record(entry.Update.Key, await current(entry.Update.TableName, entry.Update.Key), true);
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
      count.calls[operation] = (count.calls[operation] ?? 0) + 1;
      let request: Record<string, any> = {};
      try {
        const parsed = JSON.parse(body.toString() || '{}') as Record<string, unknown>;
        request = parsed;
        if (
          !['CreateTable', 'DescribeTable', 'ListTables', 'UpdateTimeToLive', 'DescribeTimeToLive'].includes(operation)
        ) {
          body = Buffer.from(JSON.stringify({ ...parsed, ReturnConsumedCapacity: 'TOTAL' }));
        }
      } catch {
        // not JSON: forwarded as it is
      }
      const headers = { ...req.headers, 'content-length': String(body.length), host: targetUrl.host };
      const forward = httpRequest(
        { hostname: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers },
        (answer) => {
          const out: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => out.push(chunk));
          answer.on('end', async () => {
            const text = Buffer.concat(out);
            if (WRITES.has(operation) && answer.statusCode === 200) {
              await logWrite(operation, request, JSON.parse(text.toString() || '{}') as Record<string, any>).catch(
                (error: Error) => console.error('[write log]', operation, error.message),
              );
            }
            try {
              const parsed = JSON.parse(text.toString() || '{}') as { ConsumedCapacity?: unknown; Responses?: unknown };
              const consumed = [parsed.ConsumedCapacity].flat().filter(Boolean) as {
                CapacityUnits?: number;
                WriteCapacityUnits?: number;
                ReadCapacityUnits?: number;
              }[];
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
        },
      );
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
    writes,
    reset: () => {
      count.writeUnits = 0;
      count.readUnits = 0;
      count.calls = {};
      writes.reset();
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
