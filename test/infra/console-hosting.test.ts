// The console in AWS, on the synthesized templates: a private bucket that only CloudFront reads
// (origin access control), CORS on the API for that origin only, Cognito's hosted UI with the
// authorization code and PKCE (a public client, no implicit grant), and config.json naming them.
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleContent, ConsoleSite } from '../../infra/constructs/console-hosting.js';
import { OrderClaimsStack } from '../../infra/stack.js';

let main: Template;
let site: Template;
let content: Template;
beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new OrderClaimsStack(app, 'OrderClaims', {
    noticeFromAddress: 'notices@shop.example',
    operatorEmail: 'support@shop.example',
    paymentsEndpoint: 'https://payments.shop.example/v1',
  });
  main = Template.fromStack(stack);
  site = Template.fromStack(stack.node.findChild('ConsoleSite') as ConsoleSite);
  content = Template.fromStack(stack.node.findChild('ConsoleContent') as ConsoleContent);
}, 120_000);

const siteOutput = (name: string) => ({
  'Fn::GetAtt': [
    Match.stringLikeRegexp('^ConsoleSite'),
    Match.stringLikeRegexp(`^Outputs\\.OrderClaimsConsoleSite${name}`),
  ],
});

describe('the console in AWS', () => {
  it('its files are in a private, encrypted bucket that CloudFront reads through origin access control', () => {
    site.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.anyValue(),
    });
    site.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    site.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
      }),
    });
    // Only the distribution may read, and only over TLS.
    site.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
          }),
        ]),
      },
    });
    site.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({ FrameOptions: { FrameOption: 'DENY', Override: true } }),
      }),
    });
  });

  it('the API allows CORS from the console’s origin only, with the headers the console sends', () => {
    main.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [{ 'Fn::Join': ['', ['https://', siteOutput('Distribution')]] }],
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-correlation-id'],
        ExposeHeaders: ['x-next-cursor', 'x-correlation-id'],
        AllowMethods: ['GET', 'POST', 'PUT'],
        MaxAge: 3600,
      },
    });
  });

  it(
    'signs in with Cognito’s hosted UI: the authorization code only, a public client (PKCE), back to the ' + 'console',
    () => {
      main.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: Match.anyValue(), ManagedLoginVersion: 1 });
      main.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        AllowedOAuthFlows: ['code'],
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthScopes: ['openid', 'email'],
        GenerateSecret: false,
        CallbackURLs: [{ 'Fn::Join': ['', ['https://', siteOutput('Distribution'), '/']] }],
        SupportedIdentityProviders: ['COGNITO'],
        // No sign-in of its own: the hosted UI only.
        ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
      });
      // The API's authorizer takes the console's tokens as well as the API client's.
      const [authorizer] = Object.values(main.findResources('AWS::ApiGatewayV2::Authorizer'));
      expect(authorizer!.Properties.JwtConfiguration.Audience).toHaveLength(2);
    },
  );

  it('deploys the files and config.json, with the page’s policy naming the API and Cognito', () => {
    const [deployment] = Object.values(content.findResources('Custom::CDKBucketDeployment'));
    expect(deployment!.Properties).toMatchObject({
      DestinationBucketName: { Ref: 'FilesBucketName' },
      DistributionId: { Ref: 'DistributionId' },
      Prune: true,
      SystemMetadata: { 'cache-control': 'no-cache' },
    });
    // The files' deploy-time values: index.html (its policy), main.js, console.css, config.json.
    const refs = (markers: Record<string, { Ref: string }>) => Object.values(markers).map((value) => value.Ref);
    const [page, script, style, config] = deployment!.Properties.SourceMarkers as Record<string, { Ref: string }>[];
    expect(refs(page!)).toEqual(
      expect.arrayContaining([expect.stringMatching(/ApiEndpoint$/), expect.stringMatching(/ConsoleSignIn/)]),
    );
    expect([refs(script!), refs(style!)]).toEqual([[], []]);
    expect(refs(config!)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/ApiEndpoint$/),
        expect.stringMatching(/ConsoleSignIn/),
        expect.stringMatching(/ConsoleClient/),
        'DistributionDomainName',
      ]),
    );
    expect(deployment!.Properties.SourceMarkersConfig[3]).toEqual({ jsonEscape: true });
  });

  it('cfn-lint finds no error in the console’s two nested stacks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'order-claims-console-'));
    const files = [
      ['ConsoleSite', site.toJSON()],
      ['ConsoleContent', content.toJSON()],
    ].map(([name, body]) => {
      const file = join(dir, `${name as string}.template.json`);
      writeFileSync(file, JSON.stringify(body));
      return file;
    });
    const lint = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...files], { encoding: 'utf8' });
    expect(lint.error, 'cfn-lint is not installed').toBeUndefined();
    expect(lint.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line))).toEqual([]);
  });
});
