// What AWS authorizes a request as: its action(s) and resource ARN(s), read from the request the
// SDK sends (the service's own protocol), and who signed it (SigV4's access key id).

import type { IncomingHttpHeaders } from 'node:http';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../lambda-runtime.js';

export interface Authorization {
  action: string;
  resource: string;
}

/** The access key id a SigV4-signed request names: `Credential=<id>/<date>/<region>/<service>/aws4_request`. */
export function accessKeyOf(headers: IncomingHttpHeaders): string | undefined {
  return /Credential=([^/,\s]+)\//.exec(String(headers.authorization ?? ''))?.[1];
}

const tableArn = (table: unknown) => `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${String(table)}`;

/** TransactWriteItems is authorized as each of its writes (there is no action of its own). */
const TRANSACT_WRITES: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/** A DynamoDB request (JSON 1.0, X-Amz-Target DynamoDB_20120810.<Operation>). */
export function dynamoDbAuthorizations(target: string, body: Record<string, any>): Authorization[] {
  const operation = target.replace(/^DynamoDB_20120810\./, '');
  const action = `dynamodb:${operation}`;
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys(body.RequestItems ?? {}).map((table) => ({ action, resource: tableArn(table) }));
    case 'TransactWriteItems':
      return (body.TransactItems ?? []).flatMap((item: Record<string, { TableName: string }>) =>
        Object.entries(item).map(([kind, write]) => ({
          action: TRANSACT_WRITES[kind] ?? action,
          resource: tableArn(write.TableName),
        })),
      );
    case 'TransactGetItems':
      return (body.TransactItems ?? []).map((item: { Get: { TableName: string } }) => ({
        action: 'dynamodb:GetItem',
        resource: tableArn(item.Get.TableName),
      }));
    case 'Query':
    case 'Scan':
      return [
        {
          action,
          resource: body.IndexName
            ? `${tableArn(body.TableName)}/index/${String(body.IndexName)}`
            : tableArn(body.TableName),
        },
      ];
    case 'ListTables':
      return [{ action, resource: '*' }];
    default:
      return [{ action, resource: tableArn(body.TableName) }];
  }
}

const ACCOUNT_ACTIONS = new Set(['ses:GetSendQuota', 'ses:GetAccount']);

/** An SES v1 request (the Query protocol: Action=SendEmail&Source=…&ConfigurationSetName=…). */
export function sesAuthorizations(form: URLSearchParams): Authorization[] {
  const action = `ses:${form.get('Action') ?? ''}`;
  // The account's quotas: actions with no resource type (the Service Authorization Reference), so `*`.
  if (ACCOUNT_ACTIONS.has(action)) return [{ action, resource: '*' }];
  const arn = (resource: string) => `arn:aws:ses:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;
  const source = /<([^>]+)>\s*$/.exec(form.get('Source') ?? '')?.[1] ?? form.get('Source') ?? '';
  const configurationSet = form.get('ConfigurationSetName');
  return [
    { action, resource: arn(`identity/${source}`) },
    ...(configurationSet ? [{ action, resource: arn(`configuration-set/${configurationSet}`) }] : []),
  ];
}

/**
 * A Step Functions request (JSON 1.0, AWSStepFunctions.<Operation>); a token's state machine from
 * `stateMachineOfToken`.
 */
export function stepFunctionsAuthorizations(
  operation: string,
  body: Record<string, unknown>,
  stateMachineOfToken: (token: string) => string | undefined,
): Authorization[] {
  const action = `states:${operation}`;
  if (body.taskToken !== undefined) {
    const stateMachine = stateMachineOfToken(String(body.taskToken));
    // A token that names no state machine is refused as invalid before IAM has anything to evaluate.
    return stateMachine ? [{ action, resource: stateMachine }] : [];
  }
  const resource = body.executionArn ?? body.stateMachineArn ?? '*';
  return [{ action, resource: String(resource) }];
}

/** A Secrets Manager request (JSON 1.1, secretsmanager.<Operation>) on the secret's ARN. */
export function secretsAuthorizations(target: string, secretArn: string): Authorization[] {
  return [{ action: `secretsmanager:${target.replace(/^secretsmanager\./, '')}`, resource: secretArn }];
}
