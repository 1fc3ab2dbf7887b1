// The AWS calls of an invocation, counted by the middleware every client wears: the real SDK
// clients, with a request handler that answers as the service would, so nothing leaves the process.
// (Its own module graph: the tally is process-wide, and another file’s handler finishing late would
// reset it.)
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsCalls, forgetAwsCalls, observed } from '../../shared/aws-calls.js';

/** Answers each request with the next of these (status, JSON body), after a few ms. */
function service(...answers: { status: number; body: unknown; headers?: Record<string, string> }[]) {
  const sent: { headers: Record<string, string> }[] = [];
  return {
    sent,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        sent.push({ headers: { ...request.headers } });
        await new Promise((resolve) => setTimeout(resolve, 5));
        const { status, body, headers } = answers.length > 1 ? answers.shift()! : answers[0]!;
        return {
          response: {
            statusCode: status,
            headers: { 'content-type': 'application/x-amz-json-1.0', ...headers },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        };
      },
    },
  };
}

const options = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  retryMode: 'standard' as const,
};

beforeEach(forgetAwsCalls);

describe('the AWS calls of an invocation', () => {
  it('a document client’s calls are counted once each, by the DynamoDB operation, with their time', async () => {
    const db = DynamoDBDocumentClient.from(
      observed(new DynamoDBClient({ ...options, requestHandler: service({ status: 200, body: {} }).requestHandler })),
    );
    await db.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
    await db.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'c' } }));
    await db.send(new PutCommand({ TableName: 't', Item: { pk: 'a', sk: 'd' } }));
    const calls = awsCalls()!;
    expect(calls.count).toBe(3);
    expect(calls.ms).toBeGreaterThanOrEqual(15);
    expect(calls.calls).toMatch(/^DynamoDB\.GetItem ×2 \d+ms, DynamoDB\.PutItem \d+ms$/);
  });

  it('a retried call counts its retries, and a failed one its error', async () => {
    const throttled = {
      status: 400,
      body: { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'slow down' },
    };
    const db = observed(
      new DynamoDBClient({
        ...options,
        maxAttempts: 2,
        requestHandler: service(throttled, { status: 200, body: {} }).requestHandler,
      }),
    );
    await db.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
    const failing = observed(
      new DynamoDBClient({
        ...options,
        maxAttempts: 1,
        requestHandler: service({ status: 400, body: { __type: 'ResourceNotFoundException', message: 'no table' } })
          .requestHandler,
      }),
    );
    await expect(failing.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }))).rejects.toThrow();
    expect(awsCalls()!.calls).toMatch(/^DynamoDB\.GetItem ×2 \d+ms 1 retry ResourceNotFoundException$/);
  });

  it('each client counts its own service, and a new invocation starts from none', async () => {
    const ses = observed(
      new SESClient({ ...options, requestHandler: service({ status: 200, body: '' }).requestHandler }),
    );
    await ses
      .send(
        new SendEmailCommand({
          Source: 'a@example.com',
          Destination: { ToAddresses: ['b@example.com'] },
          Message: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } },
        }),
      )
      .catch(() => undefined);
    expect(awsCalls()!.calls).toMatch(/^SES\.SendEmail /);
    forgetAwsCalls();
    expect(awsCalls()).toBeUndefined();
  });

  it(
    'the invocation’s X-Ray header goes out with every call, as Lambda’s trace: the SDK passes it on ' + 'itself',
    async () => {
      const answering = service({ status: 200, body: {} });
      const db = observed(new DynamoDBClient({ ...options, requestHandler: answering.requestHandler }));
      const header = 'Root=1-6750a0a0-0123456789abcdef01234567;Parent=89abcdef01234567;Sampled=1';
      Object.assign(process.env, { AWS_LAMBDA_FUNCTION_NAME: 'get-order', _X_AMZN_TRACE_ID: header });
      try {
        await db.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
      } finally {
        delete process.env.AWS_LAMBDA_FUNCTION_NAME;
        delete process.env._X_AMZN_TRACE_ID;
      }
      expect(answering.sent[0]!.headers['X-Amzn-Trace-Id'] ?? answering.sent[0]!.headers['x-amzn-trace-id']).toBe(
        header,
      );
    },
  );
});
