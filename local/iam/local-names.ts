// The synthesized template's references as the local stack names them: each function, state
// machine, table, secret and role of the template, resolved to what the stand-ins call it.

import { LOCAL_ACCOUNT, LOCAL_REGION, localFunctionArn } from '../lambda-runtime.js';
import { stateMachineArnOf } from '../step-functions/definitions.js';
import { pseudo, UnresolvableError, type Reference } from './intrinsics.js';
import type { SynthesizedStack } from './synthesized-stack.js';

/** What the local stack calls the resources the policies name. */
export interface LocalNames {
  tableName: string;
  /** The table's stream, once DynamoDB Local has made it. */
  tableStreamArn?: string;
  secretArn: string;
  configurationSet: string;
}

export const roleArnOf = (roleId: string) => `arn:aws:iam::${LOCAL_ACCOUNT}:role/${roleId}`;

/** Every reference of the template as the local stack names it. */
export function localReference(synthesized: SynthesizedStack, names: LocalNames): Reference {
  const { template } = synthesized;
  const functionOf = new Map(Object.entries(synthesized.functions).map(([name, id]) => [id, name]));
  const workflowOf = new Map(Object.entries(synthesized.workflows).map(([name, id]) => [id, name]));
  const pseudos = pseudo(LOCAL_ACCOUNT, LOCAL_REGION, synthesized.stackName);
  const arn = (service: string, resource: string) => `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;
  return (id, attribute) => {
    if (id in pseudos) return pseudos[id]!;
    const resource = template.Resources[id];
    const key = `${resource?.Type}.${attribute ?? 'Ref'}`;
    switch (key) {
      case 'AWS::Lambda::Function.Ref':
      case 'AWS::Lambda::Function.Arn':
        return attribute ? localFunctionArn(functionOf.get(id)!) : functionOf.get(id)!;
      case 'AWS::StepFunctions::StateMachine.Ref':
        return stateMachineArnOf(workflowOf.get(id)!);
      case 'AWS::StepFunctions::StateMachine.Name':
        return workflowOf.get(id)!;
      case 'AWS::DynamoDB::GlobalTable.Ref':
        return names.tableName;
      case 'AWS::DynamoDB::GlobalTable.Arn':
        return arn('dynamodb', `table/${names.tableName}`);
      case 'AWS::DynamoDB::GlobalTable.StreamArn':
        if (!names.tableStreamArn) throw new UnresolvableError('The table has no stream yet');
        return names.tableStreamArn;
      case 'AWS::SecretsManager::Secret.Ref':
        return names.secretArn;
      case 'AWS::SES::ConfigurationSet.Ref':
        return names.configurationSet;
      case 'AWS::IAM::Role.Ref':
        return id;
      case 'AWS::IAM::Role.Arn':
        return roleArnOf(id);
      case 'AWS::Events::EventBus.Ref':
      case 'AWS::Events::EventBus.Name':
        return resource!.Properties!.Name as string;
      case 'AWS::Events::EventBus.Arn':
        return arn('events', `event-bus/${resource!.Properties!.Name as string}`);
      case 'AWS::SNS::Topic.Ref':
        return arn('sns', id);
      case 'AWS::CloudWatch::Alarm.Ref':
        return id;
      case 'AWS::KMS::Key.Arn':
        return arn('kms', `key/${id}`);
      case 'AWS::SQS::Queue.Arn':
        return arn('sqs', id);
      case 'AWS::Logs::LogGroup.Arn':
        return arn('logs', `log-group:${id}:*`);
      default:
        throw new UnresolvableError(`The local stack has no name for ${id} (${key})`);
    }
  };
}

/** The template's state machine names (the stack's name first) as the local runner names them. */
export function localStateMachineNames(synthesized: SynthesizedStack): (text: string) => string {
  const names = Object.entries(synthesized.workflows).map(
    ([local, id]) => [synthesized.template.Resources[id]!.Properties!.StateMachineName as string, local] as const,
  );
  return (text) =>
    names.reduce(
      (value, [deployed, local]) =>
        value.replace(new RegExp(`(:(?:stateMachine|execution):)${deployed}(?=$|:)`, 'g'), `$1${local}`),
      text,
    );
}

export function localized(value: unknown, rename: (text: string) => string): any {
  if (typeof value === 'string') return rename(value);
  if (Array.isArray(value)) return value.map((item) => localized(item, rename));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, localized(item, rename)]));
  return value;
}
