// A synthesized template's resource and trust policies, evaluated as AWS evaluates them
// (@cloud-copilot/iam-simulate), with every reference named as AWS would name it in one account.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { pseudo, resolve, type PolicyDocument, type Template } from '../../local/iam/intrinsics.js';

export const ACCOUNT = '123456789012';
export const REGION = 'ap-northeast-1';

/** Each logical id as AWS names what it makes, the logical id standing for the generated name. */
export function awsReference(template: Template, stackName: string) {
  const pseudos = pseudo(ACCOUNT, REGION, stackName);
  const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
  const parameters = (template as { Parameters?: Record<string, unknown> }).Parameters ?? {};
  return (id: string, attribute?: string): string => {
    if (id in pseudos) return pseudos[id]!;
    if (id in parameters) return `param-${id}`;
    const type = template.Resources[id]?.Type;
    switch (`${type}.${attribute ?? 'Ref'}`) {
      case 'AWS::SNS::Topic.Ref':
        return arn('sns', id);
      case 'AWS::KMS::Key.Arn':
        return arn('kms', `key/${id}`);
      case 'AWS::S3::Bucket.Ref':
        return id.toLowerCase();
      case 'AWS::S3::Bucket.Arn':
        return `arn:aws:s3:::${id.toLowerCase()}`;
      case 'AWS::CloudFront::Distribution.Ref':
        return id;
      case 'AWS::SES::ConfigurationSet.Ref':
        return id;
      case 'AWS::IAM::Role.Arn':
        return `arn:aws:iam::${ACCOUNT}:role/${id}`;
      case 'AWS::Lambda::Function.Arn':
        return arn('lambda', `function:${id}`);
      default:
        throw new Error(`No AWS name for ${id} (${type}.${attribute ?? 'Ref'})`);
    }
  };
}

/** Whether a policy lets this principal do this: 'Allowed', 'ImplicitlyDenied' or 'ExplicitlyDenied'. */
export async function evaluate(
  policy: PolicyDocument,
  request: { principal: string; action: string; resource: string; context?: Record<string, string> },
): Promise<string> {
  const result = await runSimulation(
    {
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy as never,
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: { 'aws:SecureTransport': 'true', ...request.context },
      },
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

export { resolve };
