// IAM on the local stack, from the synthesized template: a grant taken out of a role's policy makes
// the call fail as AWS fails it, through the same SDK the functions use, and a state machine whose
// role may not invoke a step fails that Task as Step Functions does.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { BatchWriteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createServer } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../infra/function-catalog.js';
import { startDynamoDbGuard } from '../../local/iam/dynamodb-guard.js';
import type { Template } from '../../local/iam/intrinsics.js';
import { LocalIam } from '../../local/iam/local-iam.js';
import { synthesizedStack, type SynthesizedStack } from '../../local/iam/synthesized-stack.js';
import { LocalLambda, localFunctionArn, LOCAL_REGION } from '../../local/lambda-runtime.js';
import { localSecretArn } from '../../local/secrets-local.js';
import { LOCAL_CONFIGURATION_SET, LOCAL_SETTINGS, LOCAL_TABLE, LOCAL_WEBHOOK_SECRET_NAME } from '../../local/stack.js';
import { startStepFunctionsLocal } from '../../local/step-functions/index.js';

let synthesized: SynthesizedStack;
beforeAll(async () => {
  synthesized = await synthesizedStack(LOCAL_SETTINGS);
}, 120_000);

const names = () => ({
  tableName: LOCAL_TABLE,
  secretArn: localSecretArn(LOCAL_WEBHOOK_SECRET_NAME),
  configurationSet: LOCAL_CONFIGURATION_SET,
});

/** The stack with `action` taken out of every policy of the role `roleId` runs as. */
function withoutGrant(stack: SynthesizedStack, roleId: string, action: string): SynthesizedStack {
  const template = structuredClone(stack.template) as Template;
  for (const resource of Object.values(template.Resources)) {
    if (
      resource.Type !== 'AWS::IAM::Policy' ||
      !(resource.Properties!.Roles as { Ref: string }[]).some((r) => r.Ref === roleId)
    )
      continue;
    const statements = resource.Properties!.PolicyDocument.Statement as { Action: string | string[] }[];
    resource.Properties!.PolicyDocument.Statement = statements
      .map((s) => ({ ...s, Action: [s.Action].flat().filter((a) => a !== action) }))
      .filter((s) => s.Action.length > 0);
  }
  return { ...stack, template };
}
const functionRole = (stack: SynthesizedStack, name: string) =>
  stack.template.Resources[stack.functions[name]!]!.Properties!.Role['Fn::GetAtt'][0] as string;

describe('a function’s calls, against its role', () => {
  const upstream = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"UnprocessedItems":{}}'),
    );
  });
  beforeAll(() => new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve())));
  afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

  async function tableAs(stack: SynthesizedStack, fn: string) {
    const iam = new LocalIam(stack, names());
    const credentials = await iam.functionCredentials(fn);
    const guard = await startDynamoDbGuard({
      upstream: `http://127.0.0.1:${(upstream.address() as { port: number }).port}`,
      iam,
    });
    const client = new DynamoDBClient({ endpoint: guard.endpoint, region: LOCAL_REGION, credentials, maxAttempts: 1 });
    return {
      db: DynamoDBDocumentClient.from(client),
      stop: () => {
        client.destroy();
        return guard.stop();
      },
    };
  }
  const chunk = { RequestItems: { [LOCAL_TABLE]: [{ PutRequest: { Item: { pk: 'BULK#B-1', sk: 'LINES#00000' } } }] } };

  it('submit-bulk-cancellation may BatchWriteItem its chunks: the call reaches the table', async () => {
    const { db, stop } = await tableAs(synthesized, 'submit-bulk-cancellation');
    await expect(db.send(new BatchWriteCommand(chunk))).resolves.toMatchObject({ UnprocessedItems: {} });
    await stop();
  });

  it(
    'without the grant, the SDK raises AccessDeniedException with AWS’s message, and nothing reaches the ' + 'table',
    async () => {
      const { db, stop } = await tableAs(
        withoutGrant(synthesized, functionRole(synthesized, 'submit-bulk-cancellation'), 'dynamodb:BatchWriteItem'),
        'submit-bulk-cancellation',
      );
      const refused = await db.send(new BatchWriteCommand(chunk)).catch((error: Error) => error);
      expect(refused).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
      expect((refused as Error).message).toMatch(
        new RegExp(
          `^User: arn:aws:sts::000000000000:assumed-role/[^/]+/submit-bulk-cancellation is not authorized to ` +
            `perform: dynamodb:BatchWriteItem on resource: ` +
            `arn:aws:dynamodb:us-east-1:000000000000:table/${LOCAL_TABLE} because no identity-based policy allows ` +
            `the dynamodb:BatchWriteItem action$`,
        ),
      );
      await stop();
    },
  );

  it('a read-only function may not write, and no function may touch another table', async () => {
    const reader = await tableAs(synthesized, 'get-order');
    await expect(
      reader.db.send(new PutCommand({ TableName: LOCAL_TABLE, Item: { pk: 'x', sk: 'y' } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await reader.stop();
    const writer = await tableAs(synthesized, 'cancel-order');
    await expect(
      writer.db.send(new PutCommand({ TableName: 'another-table', Item: { pk: 'x', sk: 'y' } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await writer.stop();
  });
});

describe('a state machine’s calls, against its role', () => {
  it(
    'a Task whose function the role may not invoke fails as Step Functions reports it, retried and ' + 'caught',
    async () => {
      const settle = synthesized.template.Resources[synthesized.workflows['settle-claim']!]!.Properties!.RoleArn[
        'Fn::GetAtt'
      ][0] as string;
      const stack = withoutGrant(synthesized, settle, 'lambda:InvokeFunction');
      // fail-claim keeps its grant: only apply-claim's statement goes.
      const template = stack.template;
      for (const resource of Object.values(template.Resources)) {
        if (
          resource.Type === 'AWS::IAM::Policy' &&
          (resource.Properties!.Roles as { Ref: string }[]).some((r) => r.Ref === settle)
        ) {
          resource.Properties!.PolicyDocument.Statement.push({
            Effect: 'Allow',
            Action: 'lambda:InvokeFunction',
            Resource: { 'Fn::GetAtt': [synthesized.functions['fail-claim']!, 'Arn'] },
          });
        }
      }
      const iam = new LocalIam(stack, names());
      const role = await iam.stateMachine('settle-claim');
      const dir = mkdtempSync(join(tmpdir(), 'local-iam-'));
      writeFileSync(join(dir, 'echo.mjs'), 'export const handler = async (event) => ({ echoed: event });');
      const lambda = new LocalLambda(
        FUNCTIONS.map((fn) => ({ name: fn.name, bundle: join(dir, 'echo.mjs'), environment: {}, timeoutSeconds: 5 })),
        () => undefined,
      );
      const stepFunctions = await startStepFunctionsLocal({
        lambda,
        retryDelayMs: 1,
        iam: {
          request: async () => undefined,
          stateMachine: (_workflow, action, resource) => iam.authorize(role, action, resource),
        },
      });
      const sfn = new SFNClient({
        endpoint: stepFunctions.endpoint,
        region: LOCAL_REGION,
        credentials: { accessKeyId: 'admin', secretAccessKey: 'admin' },
      });
      try {
        const { executionArn } = await sfn.send(
          new StartExecutionCommand({
            stateMachineArn: stepFunctions.stateMachineArn('settle-claim'),
            name: 'C-1',
            input: JSON.stringify({ claimId: 'C-1', correlationId: 'c' }),
          }),
        );
        await stepFunctions.finished(executionArn!);
        const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
        const failures = events!
          .filter((e) => e.type === 'TaskFailed' || e.type === 'LambdaFunctionFailed')
          .map((e) => e.taskFailedEventDetails ?? e.lambdaFunctionFailedEventDetails);
        // Tried once and retried three times (Lambda.AWSLambdaException is retried), then caught into fail-claim.
        expect(failures).toHaveLength(4);
        expect(failures[0]).toMatchObject({
          error: 'Lambda.AWSLambdaException',
          cause: expect.stringMatching(
            `is not authorized to perform: lambda:InvokeFunction on resource: ${localFunctionArn('apply-claim')} ` +
              `.*Error Code: AccessDeniedException`,
          ),
        });
        expect(lambda.invocations.get('apply-claim')).toBeUndefined();
        expect(lambda.invocations.get('fail-claim')).toBe(1);
        expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBeDefined();
      } finally {
        sfn.destroy();
        await stepFunctions.stop();
        await lambda.stop();
      }
    },
  );
});
