// Secrets Manager on loopback, as far as the functions use it: GetSecretValue over the service's
// JSON protocol, so that Powertools Parameters and the SDK client run unchanged. A secret that
// does not exist is refused with ResourceNotFoundException, as in AWS.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { LOCAL_REGION } from './lambda-runtime.js';
import { freePort } from './ports.js';
import { listen } from './http.js';

export interface SecretsLocal {
  endpoint: string;
  stop(): Promise<void>;
}

const arnOf = (name: string) =>
  `arn:aws:secretsmanager:${LOCAL_REGION}:000000000000:secret:${name}-${name.length.toString(16).padStart(6, 'a')}`;

/** The ARN of a local secret, as GetSecretValue answers it. */
export const localSecretArn = arnOf;

export interface SecretsLocalOptions {
  port?: number;
  /** IAM: why AWS would refuse this signed request on this secret, if it would (local/iam). */
  authorize?: (
    headers: IncomingMessage['headers'],
    target: string,
    secretArn: string,
  ) => Promise<{ message: string } | undefined>;
}

export async function startSecretsLocal(
  secrets: Record<string, string>,
  options: SecretsLocalOptions = {},
): Promise<SecretsLocal> {
  const created = Date.now() / 1000;
  const versions = new Map(Object.keys(secrets).map((name) => [name, randomUUID()]));
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      const target = req.headers['x-amz-target'];
      if (req.method !== 'POST' || target !== 'secretsmanager.GetSecretValue') {
        return answer(400, {
          __type: 'UnknownOperationException',
          message: `The local Secrets Manager answers GetSecretValue only, not ${String(target)}.`,
        });
      }
      let id: unknown;
      try {
        id = (JSON.parse(Buffer.concat(chunks).toString() || '{}') as { SecretId?: unknown }).SecretId;
      } catch {
        return answer(400, { __type: 'SerializationException', message: 'The body is not JSON.' });
      }
      const name = Object.keys(secrets).find((candidate) => id === candidate || id === arnOf(candidate));
      // IAM before the lookup, as AWS: a caller not allowed learns nothing of what exists.
      const denied = await options.authorize?.(
        req.headers,
        String(target),
        name ? arnOf(name) : String(id).startsWith('arn:') ? String(id) : arnOf(String(id)),
      );
      if (denied) return answer(400, { __type: 'AccessDeniedException', Message: denied.message });
      if (!name)
        return answer(400, {
          __type: 'ResourceNotFoundException',
          message: 'Secrets Manager can\u2019t find the specified secret.',
        });
      return answer(200, {
        ARN: arnOf(name),
        Name: name,
        SecretString: secrets[name],
        VersionId: versions.get(name),
        VersionStages: ['AWSCURRENT'],
        CreatedDate: created,
      });
    });
  });
  const port = options.port ?? (await freePort());
  await listen(server, port);
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
