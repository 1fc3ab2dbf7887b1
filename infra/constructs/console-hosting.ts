// The console in AWS: its files in a private bucket, served by CloudFront through origin access
// control, signing in with Cognito's hosted UI (authorization code + PKCE). Two nested stacks, so
// nothing goes round in a circle: the site (bucket and distribution) needs nothing of the main
// stack, whose API allows the site's origin (CORS) and whose Cognito client redirects to it; the
// content (the files, the API's address and the client id in config.json) needs both.

import { CfnParameter, Duration, NestedStack, RemovalPolicy, Token, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { buildConsole, contentSecurityPolicy } from '../console-build.js';

/** The bucket and the distribution: the console's origin, https://<id>.cloudfront.net. */
export class ConsoleSite extends NestedStack {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string) {
    super(scope, id, { description: 'Order claims: the console’s bucket and CloudFront distribution' });
    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an ACL.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'The console: no framing, no sniffing, HTTPS only; the content policy is in the page (it names the API)',
      securityHeadersBehavior: {
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Order claims console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
    });
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-S1',
        reason:
          'AccessLogs is itself the log bucket (CloudFront’s and the files bucket’s); logging it into itself would ' +
          'loop.',
      },
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Sellers, buyers and operators sign in from anywhere the marketplace sells; the API decides who may do what.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves static files only, with no data and no forms of its own; the API behind it has ' +
          'its own throttling. A WAF web ACL for CloudFront lives in us-east-1 and is the operator’s to attach.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'With the default *.cloudfront.net certificate CloudFront allows TLSv1 whatever is set; a custom domain ' +
          'with its own certificate is where TLSv1.2_2021 can be set (the operator’s domain, not ours).',
      },
    );
  }
}

export interface ConsoleContentProps {
  site: ConsoleSite;
  apiUrl: string;
  /** https://<prefix>.auth.<region>.amazoncognito.com */
  signInDomain: string;
  clientId: string;
}

/** The console's files, and config.json with the deployment's API and Cognito client. */
export class ConsoleContent extends NestedStack {
  constructor(scope: Construct, id: string, props: ConsoleContentProps) {
    // The site by parameters of our own naming, so that the grants read the same in every deployment.
    const site = {
      FilesBucketName: props.site.bucket.bucketName,
      DistributionId: props.site.distribution.distributionId,
      DistributionDomainName: props.site.distribution.distributionDomainName,
    };
    super(scope, id, { description: 'Order claims: the console’s files and settings', parameters: site });
    const parameter = (name: keyof typeof site) => new CfnParameter(this, name, { type: 'String' }).valueAsString;
    const bucket = s3.Bucket.fromBucketName(this, 'Files', parameter('FilesBucketName'));
    const domainName = parameter('DistributionDomainName');
    const distribution = cloudfront.Distribution.fromDistributionAttributes(this, 'Distribution', {
      distributionId: parameter('DistributionId'),
      domainName,
    });
    const files = buildConsole(contentSecurityPolicy([props.apiUrl, props.signInDomain]));
    new s3deploy.BucketDeployment(this, 'Deployment', {
      destinationBucket: bucket,
      distribution,
      sources: [
        s3deploy.Source.data('index.html', files['index.html']),
        s3deploy.Source.data('main.js', files['main.js']),
        s3deploy.Source.data('console.css', files['console.css']),
        s3deploy.Source.jsonData('config.json', {
          apiUrl: props.apiUrl,
          signIn: { domain: props.signInDomain, clientId: props.clientId, redirectUri: `https://${domainName}/` },
        }),
      ],
      memoryLimit: 256,
      // The file names carry no hash: a browser asks again each time, so a page never runs with a
      // script, a policy or a config.json of another deployment (CloudFront is invalidated too).
      cacheControl: [s3deploy.CacheControl.noCache()],
    });
    // As cdk-nag renders them: a pseudo parameter when the stack's environment is not known.
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const partition = Token.isUnresolved(this.partition) ? '<AWS::Partition>' : this.partition;
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const copies =
      'CDK’s BucketDeployment function copies the console’s files from CDK’s asset bucket into the console bucket ' +
      'and invalidates the distribution: these are the grants CDK gives it, on those two buckets and that ' +
      'distribution only.';
    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason: 'The BucketDeployment’s function is CDK’s own, on the runtime CDK pins for it.',
      },
      ...[
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        `Resource::arn:${partition}:s3:::<FilesBucketName>/*`,
        `Resource::arn:${partition}:s3:::cdk-hnb659fds-assets-${account}-${region}/*`,
        'Resource::*',
      ].map((finding) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason: copies })),
    );
  }
}
