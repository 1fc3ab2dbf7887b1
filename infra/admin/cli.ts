// npm run admin -- <command>: the operator's commands for a deployed stack.
//
//   npm run admin -- create-user --role seller --party S-1 --email shop@example.jp
//   npm run admin -- sign-in --email shop@example.jp          (prints an access token)
//   npm run admin -- backfill-indexes                          (once, upgrading to this version)
//
// The user pool and its client are read from cdk-outputs.json (`npx cdk deploy --outputs-file
// cdk-outputs.json`), or given with --user-pool-id and --client-id (the table: --table). The
// region is the AWS CLI's.

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Role } from '../../shared/app/common/access.js';
import { ask } from './ask.js';
import { createUser, signIn } from './commands.js';
import { backfillIndexes } from './backfill-indexes.js';

const USAGE = `usage:
  npm run admin -- create-user --role <seller|buyer|operator> --party <id> --email <address> [--user-pool-id <id>]
  npm run admin -- sign-in --email <address> [--client-id <id>]
  npm run admin -- backfill-indexes [--table <name>]`;

function outputs(): { UserPoolId?: string; UserPoolClientId?: string; TableName?: string } {
  if (!existsSync('cdk-outputs.json')) return {};
  const all = JSON.parse(readFileSync('cdk-outputs.json', 'utf8')) as Record<string, Record<string, string>>;
  return all.OrderClaims ?? {};
}

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    role: { type: 'string' },
    party: { type: 'string' },
    email: { type: 'string' },
    'user-pool-id': { type: 'string' },
    'client-id': { type: 'string' },
    table: { type: 'string' },
  },
  strict: true,
});
const cognito = new CognitoIdentityProviderClient({});
try {
  if (command === 'create-user' && values.role && values.party && values.email) {
    const userPoolId = values['user-pool-id'] ?? outputs().UserPoolId;
    if (!userPoolId)
      throw new Error('No user pool: deploy with --outputs-file cdk-outputs.json, or give --user-pool-id');
    const name = await createUser(cognito, {
      userPoolId,
      email: values.email,
      role: values.role as Role,
      partyId: values.party,
    });
    process.stderr.write(`Created ${name} (${values.role} ${values.party}); Cognito e-mailed a temporary password.\n`);
  } else if (command === 'sign-in' && values.email) {
    const clientId = values['client-id'] ?? outputs().UserPoolClientId;
    if (!clientId) throw new Error('No app client: deploy with --outputs-file cdk-outputs.json, or give --client-id');
    process.stdout.write(
      `${await signIn(cognito, clientId, values.email, ask, (line) => process.stderr.write(`${line}\n`))}\n`,
    );
  } else if (command === 'backfill-indexes') {
    const table = values.table ?? outputs().TableName;
    if (!table) throw new Error('No table: deploy with --outputs-file cdk-outputs.json, or give --table');
    const done = await backfillIndexes(DynamoDBDocumentClient.from(new DynamoDBClient({})), table);
    process.stderr.write(
      `${done.orders} orders indexed for their buyers' lists, ${done.withdrawals} pending withdrawals for the ` +
        `operator's; ${done.listEntries} orders and claims moved to their lists' shards, ${done.counters} counter ` +
        `items to theirs.\n`,
    );
  } else {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
