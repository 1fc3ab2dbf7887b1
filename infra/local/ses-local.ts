// SES: the aws-ses-v2-local emulator (mail viewer at its root, GET /store for tests), behind a
// small proxy that can be told to fail the next sends, as SES does when it throttles or rejects.
// Faults: POST /__faults {"count": 2, "code": "Throttling", "to": "buyer@example.jp"} fails the next
// two sends (to that recipient only, if `to` is given); DELETE /__faults clears them.

import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import * as sesModule from 'aws-ses-v2-local';
import { freePort } from './ports.js';

export interface SesLocal {
  /** Where the SDK sends (the proxy). */
  endpoint: string;
  /** The emulator's own address: its root is the mail viewer. */
  viewerUrl: string;
  stop(): Promise<void>;
}

interface Fault {
  count: number;
  code: string;
  status: number;
  to?: string;
}

const FAULT_STATUS: Record<string, number> = { Throttling: 400, MessageRejected: 400, ServiceUnavailable: 503, InternalFailure: 500 };

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sesError(res: ServerResponse, fault: Fault): void {
  res.writeHead(fault.status, { 'content-type': 'text/xml' });
  res.end(
    `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${fault.code}</Code>` +
      `<Message>Injected by the local SES stand-in: ${fault.code}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

const listen = (server: Server, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

export async function startSesLocal(options: { port?: number; viewerPort?: number } = {}): Promise<SesLocal> {
  const viewerPort = options.viewerPort ?? (await freePort());
  // Imported from ESM by Node, the emulator's server function is the default export's `default`;
  // through a bundler's interop (vitest), it is the default export itself.
  type StartServer = (config: { host: string; port: number }) => Promise<Server>;
  const exported = sesModule.default as unknown as StartServer | { default: StartServer };
  const start = typeof exported === 'function' ? exported : exported.default;
  const emulator = await start({ host: '127.0.0.1', port: viewerPort });
  const faults: Fault[] = [];

  const proxy = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.url === '/__faults') {
      if (req.method === 'DELETE') faults.length = 0;
      else {
        const asked = JSON.parse(body.toString() || '{}') as Partial<Fault>;
        const code = asked.code ?? 'Throttling';
        faults.push({ count: asked.count ?? 1, code, status: asked.status ?? FAULT_STATUS[code] ?? 400, ...(asked.to ? { to: asked.to } : {}) });
      }
      res.writeHead(204).end();
      return;
    }
    const form = new URLSearchParams(req.method === 'POST' ? body.toString() : '');
    if (form.get('Action') === 'SendEmail') {
      const recipients = [...form.entries()].filter(([name]) => name.startsWith('Destination.ToAddresses')).map(([, value]) => value);
      const fault = faults.find((f) => !f.to || recipients.includes(f.to));
      if (fault) {
        if (--fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
        sesError(res, fault);
        return;
      }
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port: viewerPort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => res.writeHead(502).end(error.message));
    upstream.end(body);
  });
  const port = options.port ?? (await freePort());
  await listen(proxy, port);

  const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    viewerUrl: `http://127.0.0.1:${viewerPort}`,
    stop: async () => {
      proxy.closeAllConnections();
      emulator.closeAllConnections();
      await Promise.all([close(proxy), close(emulator)]);
    },
  };
}
