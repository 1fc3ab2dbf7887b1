// The notify-buyer step where it meets SES: what each SES answer becomes for the state machine.
import { SESClient, SendEmailCommand, MessageRejected } from '@aws-sdk/client-ses';
import { SESServiceException } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/steps/notify-buyer.js';
import { anOrder } from '../../support/fixtures.js';
import { context } from '../../support/lambda.js';

const dynamo = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);

const message = {
  messageId: 'M-1', orderNo: 'O-1', buyerId: 'B-1', kind: 'SELLER_MESSAGE', category: 'CANCEL_REFUND', title: 'お詫び', body: '在庫切れです。',
  alsoEmail: true, messageSent: true, email: 'PENDING', emailAttempts: 0, claimId: 'C-1', createdAt: 'x', updatedAt: 'x', version: 1,
};

beforeEach(() => {
  dynamo.on(GetCommand, { Key: { pk: 'CLAIM#C-1', sk: 'CLAIM' } }).resolves({ Item: { claimId: 'C-1', orderNo: 'O-1', orderNos: ['O-1'], status: 'IN_PROGRESS', version: 2 } });
  dynamo.on(GetCommand, { Key: { pk: 'ORDER#O-1', sk: 'ORDER' } }).resolves({ Item: anOrder() });
  dynamo.on(GetCommand, { Key: { pk: 'ORDER#O-1', sk: 'MESSAGE#M-1' } }).resolves({ Item: message });
  dynamo.on(TransactWriteCommand).resolves({});
});
afterEach(() => {
  dynamo.reset();
  ses.reset();
});

const recorded = () => dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems![0]!.Put!.Item!;

describe('notify-buyer step', () => {
  it('sends the Japanese notice once, records it SENT, and reports the counts', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const result = await handler({ claimId: 'C-1', messageId: 'M-1' }, context);
    expect(result).toEqual({ messageId: 'M-1', email: 'SENT', messages: { sent: 1, failed: 0 }, emails: { sent: 1, failed: 0 } });
    const sent = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    expect(sent.Destination?.ToAddresses).toEqual(['hanako@example.jp']);
    expect(sent.Message?.Subject).toEqual({ Data: '【Qoo10】ご注文 O-1 について（キャンセル/払い戻し）: お詫び', Charset: 'UTF-8' });
    expect(recorded()).toMatchObject({ email: 'SENT', sesMessageId: 'ses-1', emailAttempts: 1 });
  });

  it('SES throttling is thrown as BuyerNoticeRetryable, and the attempt is recorded', async () => {
    ses.on(SendEmailCommand).rejects(new SESServiceException({ name: 'Throttling', $fault: 'client', message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 400 } }));
    await expect(handler({ claimId: 'C-1', messageId: 'M-1' }, context)).rejects.toMatchObject({ name: 'BuyerNoticeRetryable' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1); // the state machine retries, not the SDK
    expect(recorded()).toMatchObject({ email: 'FAILED', emailAttempts: 1 });
  });

  it('a rejected message is thrown as BuyerNoticeFailed', async () => {
    ses.on(SendEmailCommand).rejects(new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }));
    await expect(handler({ claimId: 'C-1', messageId: 'M-1' }, context)).rejects.toMatchObject({ name: 'BuyerNoticeFailed' });
  });

  it('a notice already sent is not sent again', async () => {
    dynamo.on(GetCommand, { Key: { pk: 'ORDER#O-1', sk: 'MESSAGE#M-1' } }).resolves({ Item: { ...message, email: 'SENT' } });
    await handler({ claimId: 'C-1', messageId: 'M-1' }, context);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('input that is not a claim and a message is refused before anything is read', async () => {
    await expect(handler({ claimId: 'C-1' }, context)).rejects.toMatchObject({ name: 'InvalidStepInput' });
    expect(dynamo.calls()).toHaveLength(0);
  });
});
