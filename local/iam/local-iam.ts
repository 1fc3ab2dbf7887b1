// IAM on loopback: every call a local function, state machine, schedule or pipe makes is evaluated
// against the policies CDK synthesizes for its role (local/iam/synthesized-stack.ts), with
// each ARN resolved to the local stack's names, by AWS's evaluation logic as
// @cloud-copilot/iam-simulate implements it. Each function signs with an access key of its own, so
// a stand-in knows whose call it is; a key that is no function's (a developer's CLI, a test reading
// the table) is an administrator's, as the account owner's would be.

import { createHash, randomBytes } from 'node:crypto';
import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../lambda-runtime.js';
import { stateMachineArnOf } from '../step-functions/definitions.js';
import {
  resolve,
  rolePolicies,
  roleOf,
  UnresolvableError,
  type PolicyDocument,
  type Reference,
  type Template,
  type TemplateResource,
} from './intrinsics.js';
import type { Authorization } from './requests.js';
import type { SynthesizedStack } from './synthesized-stack.js';
import { localReference, localStateMachineNames, localized, roleArnOf, type LocalNames } from './local-names.js';

export type { LocalNames } from './local-names.js';

export interface RolePrincipal {
  /** As AWS names the caller in a refusal: the role's session. */
  arn: string;
  roleArn: string;
  policies: { name: string; policy: PolicyDocument }[];
}

/** A refusal: who, what, on what, and AWS's message for it. */
export interface Denial {
  principal: string;
  action: string;
  resource: string;
  explicit: boolean;
  message: string;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/**
 * Actions the Service Authorization Reference lists without a resource type, which AWS evaluates
 * against the state machine of the task token all the same (CDK's grantTaskResponse scopes them so).
 */
const TOKEN_ACTIONS = new Set(['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat']);

export class AccessDenied extends Error {
  override name = 'AccessDeniedException';
}

export class LocalIam {
  private readonly reference: Reference;
  private readonly rename: (text: string) => string;
  private readonly keys = new Map<string, RolePrincipal>();
  private readonly credentials = new Map<string, Credentials>();
  private readonly decisions = new Map<string, Promise<Denial | undefined>>();

  constructor(
    private readonly synthesized: SynthesizedStack,
    private readonly names: LocalNames,
  ) {
    this.reference = localReference(synthesized, names);
    this.rename = localStateMachineNames(synthesized);
  }

  get template(): Template {
    return this.synthesized.template;
  }

  /** The stream is known once DynamoDB Local has made it. */
  setTableStreamArn(streamArn: string): void {
    this.names.tableStreamArn = streamArn;
  }

  /** A value of the template with every reference resolved to the local stack's names. */
  resolve<T = unknown>(value: unknown): T {
    return localized(resolve(value, this.reference), this.rename) as T;
  }

  /** A role of the template as a caller: its policies resolved, its trust by `service` checked as AWS checks it
   *  when assuming it. */
  async role(roleId: string, session: string, service: string, source: { arn?: string } = {}): Promise<RolePrincipal> {
    const { trust, policies } = rolePolicies(this.synthesized.template, roleId);
    const roleArn = roleArnOf(roleId);
    const context = { 'aws:SourceAccount': LOCAL_ACCOUNT, ...(source.arn ? { 'aws:SourceArn': source.arn } : {}) };
    const assumed = await runSimulation(
      this.simulation({
        action: 'sts:AssumeRole',
        principal: service,
        resource: roleArn,
        context,
        resourcePolicy: this.resolve(trust),
      }),
      {},
    );
    if (assumed.resultType === 'error')
      throw new Error(`The trust policy of ${roleId} does not evaluate: ${JSON.stringify(assumed.errors)}`);
    if (assumed.overallResult !== 'Allowed')
      throw new AccessDenied(
        `${service} may not assume the role ${roleArn} (its trust policy: ${assumed.overallResult})`,
      );
    return {
      arn: `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${roleId}/${session}`,
      roleArn,
      policies: policies.map(({ name, document }) => ({ name, policy: this.resolve(document) })),
    };
  }

  /** A function's role, with credentials of its own that the stand-ins know it by. */
  async functionCredentials(name: string): Promise<Credentials> {
    const existing = this.credentials.get(name);
    if (existing) return existing;
    const principal = await this.role(
      roleOf(this.synthesized.template, this.synthesized.functions[name]!),
      name,
      'lambda.amazonaws.com',
    );
    // Shaped as Lambda's temporary credentials: ASIA and 16 more.
    const digest = createHash('sha256').update(name).digest();
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const accessKeyId = `ASIA${[...digest.subarray(0, 16)].map((byte) => alphabet[byte % 32]).join('')}`;
    const credentials = {
      accessKeyId,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
    };
    this.keys.set(accessKeyId, principal);
    this.credentials.set(name, credentials);
    return credentials;
  }

  /** Whose call this is, by the access key it was signed with; undefined for a key that is no function's. */
  principalOf(accessKeyId: string | undefined): RolePrincipal | undefined {
    return accessKeyId ? this.keys.get(accessKeyId) : undefined;
  }

  /** A state machine's role, as Step Functions assumes it. */
  stateMachine(workflow: string): Promise<RolePrincipal> {
    const id = this.synthesized.workflows[workflow]!;
    return this.role(roleOf(this.synthesized.template, id, 'RoleArn'), workflow, 'states.amazonaws.com', {
      arn: stateMachineArnOf(workflow),
    });
  }

  /** The one resource of a type in the template (the schedule, the pipe). */
  only(type: string): TemplateResource {
    const found = Object.values(this.synthesized.template.Resources).filter((r) => r.Type === type);
    if (found.length !== 1)
      throw new UnresolvableError(`${found.length} resources of type ${type} in the template, not one`);
    return found[0]!;
  }

  /**
   * The role of the one resource of a type (the reconciler's schedule, the outbox's pipe), as its service assumes it.
   */
  roleOfOnly(type: 'AWS::Scheduler::Schedule' | 'AWS::Pipes::Pipe'): Promise<RolePrincipal> {
    const [id] = Object.entries(this.synthesized.template.Resources).find(([, r]) => r.Type === type) ?? [];
    if (!id) throw new UnresolvableError(`No ${type} in the template`);
    if (type === 'AWS::Scheduler::Schedule') {
      return this.role(roleOf(this.synthesized.template, id, 'Target.RoleArn'), id, 'scheduler.amazonaws.com', {
        arn: `arn:aws:scheduler:${LOCAL_REGION}:${LOCAL_ACCOUNT}:schedule-group/default`,
      });
    }
    return this.role(roleOf(this.synthesized.template, id, 'RoleArn'), id, 'pipes.amazonaws.com', {
      arn: `arn:aws:pipes:${LOCAL_REGION}:${LOCAL_ACCOUNT}:pipe/${id}`,
    });
  }

  /** The refusal AWS would answer this call with, or undefined when the principal's policies allow it. */
  authorize(principal: RolePrincipal, action: string, resource: string): Promise<Denial | undefined> {
    const key = `${principal.arn}|${action}|${resource}`;
    let decision = this.decisions.get(key);
    if (!decision) {
      decision = this.decide(principal, action, resource);
      this.decisions.set(key, decision);
    }
    return decision;
  }

  /** Every (action, resource) of one request: the first refusal, if any. */
  async authorizeAll(principal: RolePrincipal, requests: Authorization[]): Promise<Denial | undefined> {
    for (const { action, resource } of requests) {
      const denied = await this.authorize(principal, action, resource);
      if (denied) return denied;
    }
    return undefined;
  }

  /** A request signed with this key: a function's is authorized against its role; any other is an administrator's. */
  authorizeKey(accessKeyId: string | undefined, requests: Authorization[]): Promise<Denial | undefined> {
    const principal = this.principalOf(accessKeyId);
    return principal ? this.authorizeAll(principal, requests) : Promise.resolve(undefined);
  }

  private async decide(principal: RolePrincipal, action: string, resource: string): Promise<Denial | undefined> {
    const simulation = this.simulation({
      action,
      principal: principal.arn,
      resource,
      identityPolicies: principal.policies,
      context: { 'aws:PrincipalArn': principal.roleArn, 'aws:PrincipalAccount': LOCAL_ACCOUNT },
    });
    let outcome: string;
    if (TOKEN_ACTIONS.has(action)) outcome = await runUnsafeSimulation(simulation, {});
    else {
      const result = await runSimulation(simulation, {});
      if (result.resultType === 'error')
        throw new Error(`${action} on ${resource} does not evaluate: ${JSON.stringify(result.errors)}`);
      outcome = result.overallResult;
    }
    if (outcome === 'Allowed') return undefined;
    const explicit = outcome === 'ExplicitlyDenied';
    const why = explicit
      ? 'with an explicit deny in an identity-based policy'
      : `because no identity-based policy allows the ${action} action`;
    return {
      principal: principal.arn,
      action,
      resource,
      explicit,
      message: `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`,
    };
  }

  /** Whether a resource's policy (resolved) lets a service act on it for a source: 'Allowed', or how it is denied. */
  async servicePermits(
    policy: PolicyDocument,
    request: { service: string; action: string; resource: string; source: string },
  ): Promise<string> {
    const simulation = this.simulation({
      action: request.action,
      principal: request.service,
      resource: request.resource,
      context: { 'aws:SourceAccount': LOCAL_ACCOUNT, 'aws:SourceArn': request.source },
      resourcePolicy: policy,
    });
    const result = await runSimulation(simulation, {});
    if (result.resultType === 'error')
      throw new Error(`${request.action} on ${request.resource} does not evaluate: ${JSON.stringify(result.errors)}`);
    return result.overallResult;
  }

  private simulation(request: {
    action: string;
    principal: string;
    resource: string;
    context: Record<string, string>;
    identityPolicies?: RolePrincipal['policies'];
    resourcePolicy?: PolicyDocument;
  }): Simulation {
    return {
      identityPolicies: request.identityPolicies ?? [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
      request: {
        action: request.action,
        principal: request.principal,
        resource: { resource: request.resource, accountId: LOCAL_ACCOUNT },
        // The SDK calls AWS over TLS, in the region it is given.
        contextVariables: { 'aws:SecureTransport': 'true', 'aws:RequestedRegion': LOCAL_REGION, ...request.context },
      },
    } as Simulation;
  }
}
