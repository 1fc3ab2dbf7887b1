// Each function's floor, as the goals measure it: the AWS SDK clients the function builds, bundled
// alone with the same options (infra/bundling.ts) and constructed as the function constructs them.
// A function is measured against its own floor: its bundle against the floor's bundle, its module
// init against the floor's. A function that builds no client has an empty module for its floor.

import { build, type Metafile, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { bundleOptions } from '../infra/bundling.js';

/** The clients a function may build, by package, and how it builds each. */
const CLIENTS: { pkg: string; name: string }[] = [
  { pkg: '@aws-sdk/client-dynamodb', name: 'DynamoDBClient' },
  { pkg: '@aws-sdk/client-ses', name: 'SESClient' },
  { pkg: '@aws-sdk/client-sfn', name: 'SFNClient' },
  { pkg: '@aws-sdk/client-secrets-manager', name: 'SecretsManagerClient' },
];
const DOCUMENT_CLIENT = '@aws-sdk/lib-dynamodb';

const inPackage = (inputs: string[], pkg: string) => inputs.some((file) => file.includes(`node_modules/${pkg}/`));

/** The floor of a bundle, from what it holds: its name (`floor-dynamodb-ses`, `floor-none`) and its source. */
export function floorOf(inputs: string[]): { name: string; source: string } {
  const used = CLIENTS.filter((client) => inPackage(inputs, client.pkg));
  const documents = inPackage(inputs, DOCUMENT_CLIENT);
  const services = used.map((client) => client.pkg.replace('@aws-sdk/client-', '')).join('-') || 'none';
  const name = `floor-${services}${documents ? '-documents' : ''}`;
  const lines = used.map((client) => `import { ${client.name} } from '${client.pkg}';`);
  // A function's DynamoDB client is wrapped in a document client when it uses one.
  const built = used
    .map((client) => `new ${client.name}({})`)
    .map((client) => {
      return client === 'new DynamoDBClient({})' && documents ? `DynamoDBDocumentClient.from(${client})` : client;
    });
  if (documents) lines.push(`import { DynamoDBDocumentClient } from '${DOCUMENT_CLIENT}';`);
  lines.push(`const clients = [${built.join(', ')}];`, 'export const handler = async () => clients.length;');
  return { name, source: lines.join('\n') };
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Serves `floor:<name>` entries from memory, resolving their imports from the repository. */
const floorSources = (sources: Map<string, string>): Plugin => ({
  name: 'floor-sources',
  setup(builder) {
    builder.onResolve({ filter: /^floor:/ }, (args) => ({ path: args.path.slice(6), namespace: 'floor' }));
    builder.onLoad({ filter: /.*/, namespace: 'floor' }, (args) => {
      return { contents: sources.get(args.path)!, loader: 'ts', resolveDir: repoRoot };
    });
  },
});

/** Bundles the floors into `outdir` with the functions' options; answers each floor's size in bytes. */
export async function bundleFloors(floors: Map<string, string>, outdir: string): Promise<Map<string, number>> {
  const { metafile } = await build({
    ...bundleOptions([], outdir),
    entryPoints: Object.fromEntries([...floors.keys()].map((name) => [name, `floor:${name}`])),
    plugins: [floorSources(floors)],
  });
  return new Map([...floors.keys()].map((name) => [name, outputOf(metafile!, name).bytes]));
}

/** The output of one entry, by its name. */
export const outputOf = (metafile: Metafile, name: string) => {
  return Object.entries(metafile.outputs).find(([file]) => file.endsWith(`/${name}.mjs`))![1];
};
