// CloudFormation's intrinsic functions over a synthesized template's values: what the policies of
// a role or a resource say once every reference is a name. The caller says what each logical id
// and pseudo parameter stands for (AWS's names in a test of the template, the local stack's names
// when the local stand-ins enforce them).

export type Template = { Resources: Record<string, TemplateResource> };
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, any>;
}

/** What `{ Ref: id }` (attribute undefined) or `{ 'Fn::GetAtt': [id, attribute] }` stands for. */
export type Reference = (logicalId: string, attribute?: string) => string;

export class UnresolvableError extends Error {
  override name = 'UnresolvableError';
}

/** Every intrinsic in `value` replaced by what it stands for; anything not understood is refused, never guessed. */
export function resolve(value: unknown, ref: Reference): any {
  if (Array.isArray(value)) return value.map((item) => resolve(item, ref));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [key, argument] = entries[0]!;
    if (key === 'Ref') return ref(String(argument));
    if (key === 'Fn::GetAtt') {
      const [id, attribute] = Array.isArray(argument) ? argument : String(argument).split(/\.(.*)/s);
      return ref(String(id), String(attribute));
    }
    if (key === 'Fn::Join') {
      const [separator, parts] = argument as [string, unknown[]];
      return (resolve(parts, ref) as unknown[]).map(String).join(separator);
    }
    if (key === 'Fn::Select') {
      const [index, list] = argument as [unknown, unknown];
      return (resolve(list, ref) as unknown[])[Number(resolve(index, ref))];
    }
    if (key === 'Fn::Split') {
      const [separator, source] = argument as [string, unknown];
      return String(resolve(source, ref)).split(separator);
    }
    if (key === 'Fn::Sub') {
      const [text, variables] = Array.isArray(argument)
        ? (argument as [string, Record<string, unknown>])
        : [String(argument), {}];
      const given = resolve(variables, ref) as Record<string, string>;
      return text.replace(/\$\{([^}!][^}]*)\}/g, (_match, name: string) => {
        if (name in given) return String(given[name]);
        const [id, attribute] = name.split(/\.(.*)/s);
        return ref(id!, attribute || undefined);
      });
    }
    if (key.startsWith('Fn::')) throw new UnresolvableError(`${key} is not resolved here`);
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, resolve(item, ref)]));
}

/** The pseudo parameters of one account and region. */
export function pseudo(account: string, region: string, stackName: string): Record<string, string> {
  return {
    'AWS::AccountId': account,
    'AWS::Region': region,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stackName,
    'AWS::NoValue': '',
  };
}

export interface PolicyDocument {
  Version?: string;
  Statement: Record<string, unknown>[] | Record<string, unknown>;
}

/** A role's trust policy and the policies attached to it (inline AWS::IAM::Policy resources), unresolved. */
export function rolePolicies(
  template: Template,
  roleId: string,
): { trust: PolicyDocument; policies: { name: string; document: PolicyDocument }[] } {
  const role = template.Resources[roleId];
  if (role?.Type !== 'AWS::IAM::Role') throw new UnresolvableError(`${roleId} is not a role of the template`);
  const policies = Object.entries(template.Resources)
    .filter(
      ([, r]) =>
        r.Type === 'AWS::IAM::Policy' &&
        ((r.Properties?.Roles ?? []) as { Ref: string }[]).some((each) => each.Ref === roleId),
    )
    .map(([id, r]) => ({ name: id, document: r.Properties!.PolicyDocument as PolicyDocument }));
  return { trust: role.Properties!.AssumeRolePolicyDocument as PolicyDocument, policies };
}

/** The role a resource runs as: `{ 'Fn::GetAtt': [roleId, 'Arn'] }` in the property given. */
export function roleOf(template: Template, resourceId: string, property = 'Role'): string {
  const resource = template.Resources[resourceId];
  const path = property.split('.');
  let value: any = resource?.Properties;
  for (const key of path) value = value?.[key];
  const roleId = value?.['Fn::GetAtt']?.[0];
  if (typeof roleId !== 'string') throw new UnresolvableError(`${resourceId} names no role in ${property}`);
  return roleId;
}
