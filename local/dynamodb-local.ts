// DynamoDB Local (AWS's own, a Java program shipped inside the npm package
// amplify-dynamodb-simulator), on loopback: in memory, or on disk in a data directory that
// outlives the process (npm start). The table is made from TABLE_DESIGN, unless it is there.

import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { mkdirSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TABLE_DESIGN } from '../infra/table-design.js';
import { freePort } from './ports.js';

export const JAVA_MISSING = `DynamoDB Local needs Java 17 or newer, and 'java' was not found.
Install it from Debian's packages:  sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless`;

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

function emulatorDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
}

export function javaAvailable(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

async function waitUntilServing(client: DynamoDBClient, process: ChildProcess, deadline: number): Promise<void> {
  for (;;) {
    if (process.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${process.exitCode}`);
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer in time: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const attributes = new Set<string>([TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey]);
  for (const index of TABLE_DESIGN.indexes) attributes.add(index.partitionKey).add(index.sortKey);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE_DESIGN.streamView },
      GlobalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'projection' in index ? index.projection : 'ALL' },
      })),
    }),
  );
}

export async function startDynamoDbLocal(options: {
  port?: number;
  tableName: string;
  dataDir?: string;
}): Promise<DynamoDbLocal> {
  if (!javaAvailable()) throw new Error(JAVA_MISSING);
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // -sharedDb: one database whatever the credentials and region a client uses (each function signs with its own key).
  const storage = options.dataDir ? ['-dbPath', options.dataDir, '-sharedDb'] : ['-inMemory', '-sharedDb'];
  const child = spawn(
    'java',
    [
      '-Xmx512m',
      '-Djava.library.path=./DynamoDBLocal_lib',
      '-jar',
      'DynamoDBLocal.jar',
      ...storage,
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    {
      cwd: emulatorDir(),
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  // If this process ends without stopping it (a crash, process.exit), take DynamoDB Local along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    // Two minutes: on a shared machine under load (a benchmark beside a test run) the JVM can take more than 30 s.
    await waitUntilServing(client, child, Date.now() + 120_000);
    try {
      await createTable(client, options.tableName);
    } catch (error) {
      // Kept from an earlier run, in the data directory.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    stop: () =>
      new Promise((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
