// One Lambda function from a file in functions/: bundled by esbuild with the project's options
// (infra/bundling.ts), ESM for arm64, traced, with its own log group and exactly the environment
// infra/function-environment.ts gives it. Access is granted by the methods below, each with only
// the actions the function uses.

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { BUNDLING } from '../bundling.js';
import { functionEntry, type FunctionSpec } from '../function-catalog.js';
import { LOG_LEVELS } from '../log-levels.js';

/** The newest Node.js runtime Lambda offers; the code also runs on Node 20 locally. */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
/** What TransactWriteItems needs for the puts and counter updates of the store. */
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'];
/** Powertools idempotency deletes the record of a request that failed, so it can be sent again. */
const IDEMPOTENCY_ACTIONS = ['dynamodb:DeleteItem'];

export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(
    scope: Construct,
    id: string,
    readonly spec: FunctionSpec,
    environment: Record<string, string>,
  ) {
    super(scope, id);
    // No fixed name: a retained log group never blocks a later deploy of the same stack.
    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: fileURLToPath(functionEntry(spec)),
      handler: 'handler',
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(spec.timeoutSeconds),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[LOG_LEVELS.lambdaApplication],
      systemLogLevelV2: lambda.SystemLogLevel[LOG_LEVELS.lambdaSystem],
      environment: { NODE_OPTIONS: BUNDLING.nodeOptions, ...environment },
      bundling: {
        format: OutputFormat.ESM,
        target: BUNDLING.target,
        minify: BUNDLING.minify,
        keepNames: BUNDLING.keepNames,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: BUNDLING.sourcesContent,
        mainFields: [...BUNDLING.mainFields],
        externalModules: [...BUNDLING.external],
        banner: BUNDLING.banner,
        esbuildArgs: Object.fromEntries(
          Object.entries(BUNDLING.alias).map(([module, file]) => [`--alias:${module}`, file]),
        ),
      },
    });
  }

  /**
   * Reads (and, for `write`, the puts and updates of the store; an API function also deletes idempotency records;
   * BatchWriteItem where the catalog says).
   */
  useTable(table: ITableV2): void {
    if (this.spec.table === 'none') return;
    const actions = [
      ...READ_ACTIONS,
      ...(this.spec.table === 'write' ? WRITE_ACTIONS : []),
      ...(this.spec.table === 'write' && this.spec.kind === 'api' ? IDEMPOTENCY_ACTIONS : []),
    ];
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions, resources: [table.tableArn, `${table.tableArn}/index/*`] }),
    );
    // The table only: BatchWriteItem writes no index directly.
    if (this.spec.batchWrites)
      this.fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: ['dynamodb:BatchWriteItem'], resources: [table.tableArn] }),
      );
  }

  sendMail(identityArn: string, configurationSetArn: string): void {
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [identityArn, configurationSetArn] }),
    );
  }

  /** The account's quotas, where the catalog says: actions with no resource type, so `*`. */
  readQuotas(): void {
    if (!this.spec.readsQuotas) return;
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ses:GetSendQuota', 'lambda:GetAccountSettings'], resources: ['*'] }),
    );
  }
}
