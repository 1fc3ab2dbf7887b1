// One Lambda function from a file in functions/: bundled by esbuild as ESM for arm64, traced, with
// its own log group. Access is given through the methods below, which also set the variable that
// names what was granted: the grant and the configuration cannot drift apart.

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { fileURLToPath } from 'node:url';
import { functionEntry, type FunctionSpec } from '../function-catalog.js';

/** The bundling every function gets; the benchmark measures bundles made with the same options. */
export const BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  mainFields: ['module', 'main'],
  // The SDK goes into the bundle: the lockfile pins what runs, not the runtime's copy.
  externalModules: [] as string[],
  // ESM bundles of CommonJS dependencies need a require().
  banner: "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
} as const;

/** The newest Node.js runtime Lambda offers; the code also runs on nodejs22.x (and on Node 20 locally). */
export const LAMBDA_RUNTIME = lambda.Runtime.NODEJS_24_X;

export class HandlerFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, spec: Pick<FunctionSpec, 'kind' | 'name'>, environment: Record<string, string>) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: fileURLToPath(functionEntry(spec)),
      handler: 'handler',
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(spec.kind === 'api' ? 15 : 30),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'order-claims',
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
      bundling: { ...BUNDLING, mainFields: [...BUNDLING.mainFields], externalModules: [...BUNDLING.externalModules] },
    });
  }

  useTable(table: ITableV2): void {
    table.grantReadWriteData(this.fn);
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
  }

  sendMailAs(identityArn: string, fromAddress: string): void {
    this.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [identityArn] }));
    this.fn.addEnvironment('NOTICE_FROM_ADDRESS', fromAddress);
  }

  startWorkflow(stateMachine: IStateMachine, variable: string): void {
    stateMachine.grantStartExecution(this.fn);
    this.fn.addEnvironment(variable, stateMachine.stateMachineArn);
  }
}
