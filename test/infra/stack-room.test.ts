// Room in CloudFormation's 500 resources per stack: every stack of the app, the main one and each
// nested one, stays at 450 or under, so that a dozen more functions or routes never make a deploy
// fail at the limit. A nested stack also takes at most 200 parameters.
import { App, NestedStack, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrderClaimsStack } from '../../infra/stack.js';
import { ROUTES } from '../../shared/schemas/routes.js';

/** The most resources any stack may hold: CloudFormation refuses a template over 500. */
const MOST_RESOURCES = 450;

interface Body {
  Resources: Record<string, { Type: string; Properties?: any }>;
  Parameters?: Record<string, unknown>;
}

let stacks: { name: string; body: Body }[];
beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const main = new OrderClaimsStack(app, 'OrderClaims', {
    noticeFromAddress: 'notices@shop.example',
    operatorEmail: 'support@shop.example',
    paymentsEndpoint: 'https://payments.shop.example/v1',
  });
  const nested = main.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c));
  stacks = [main as Stack, ...nested].map((stack) => ({
    name: stack.node.path,
    body: Template.fromStack(stack).toJSON() as Body,
  }));
}, 120_000);

/** The stacks holding more than `most` resources, with their counts. */
const over = (most: number) =>
  stacks
    .map(({ name, body }) => [name, Object.keys(body.Resources).length] as const)
    .filter(([, count]) => count > most);

describe('room in every stack', () => {
  it(`no stack holds more than ${MOST_RESOURCES} resources`, () => {
    expect(over(MOST_RESOURCES)).toEqual([]);
  });

  it('the count is of real templates: the main stack holds over 250 (a check that can fail)', () => {
    expect(over(250).map(([name]) => name)).toContain('OrderClaims');
  });

  it('no nested stack takes 200 parameters', () => {
    for (const { name, body } of stacks.slice(1))
      expect(Object.keys(body.Parameters ?? {}).length, name).toBeLessThan(200);
  });

  it('the routes are in their nested stack: a route, an integration, a permission each; none in the main one', () => {
    const routes = stacks.find(({ name }) => name === 'OrderClaims/Routes')!.body;
    const count = (body: Body, type: string) => Object.values(body.Resources).filter((r) => r.Type === type).length;
    expect(
      ['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Integration', 'AWS::Lambda::Permission'].map((type) =>
        count(routes, type),
      ),
    ).toEqual([ROUTES.length, ROUTES.length, ROUTES.length]);
    expect(count(stacks[0]!.body, 'AWS::ApiGatewayV2::Route')).toBe(0);
  });

  it('cfn-lint finds no error in the routes’ nested stack', () => {
    const dir = mkdtempSync(join(tmpdir(), 'order-claims-routes-'));
    const file = join(dir, 'Routes.template.json');
    writeFileSync(file, JSON.stringify(stacks.find(({ name }) => name === 'OrderClaims/Routes')!.body));
    const lint = spawnSync('cfn-lint', ['--format', 'parseable', '--', file], { encoding: 'utf8' });
    expect(lint.error, 'cfn-lint is not installed').toBeUndefined();
    expect(lint.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line))).toEqual([]);
  });
});
