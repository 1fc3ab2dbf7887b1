// The Mailer on Amazon SES (v1 SendEmail), through the deployment's configuration set, so that
// bounces and complaints come back (infra/stack.ts). The local stack points it at the SES
// stand-in through AWS_ENDPOINT_URL_SES; nothing here knows which one it talks to.

import { SESClient, SendEmailCommand, SESServiceException } from '@aws-sdk/client-ses';
import type { Mailer, MailTags } from '../app/ports/mailer.js';
import { MailError } from '../app/ports/port-errors.js';
import type { Email } from '../domain/notices.js';
import { currentCorrelationId } from '../observability.js';

/** SES answers that trying again later may fix; anything else (a rejected message, an unverified sender) will not. */
const RETRYABLE_SES_ERRORS = new Set([
  'Throttling',
  'ThrottlingException',
  'ServiceUnavailable',
  'InternalFailure',
  'RequestTimeout',
]);

/** SES tag values allow letters, digits, '-' and '_': base64url carries any order number. */
export const encodeTag = (value: string) => Buffer.from(value, 'utf8').toString('base64url');
export const decodeTag = (value: string) => Buffer.from(value, 'base64url').toString('utf8');

export class SesMailer implements Mailer {
  constructor(
    private readonly sender: { from: string; configurationSet: string },
    private readonly client: SESClient = new SESClient({}),
  ) {}

  async send(to: string, email: Email, tags?: MailTags): Promise<{ messageId: string }> {
    try {
      const { MessageId } = await this.client.send(
        new SendEmailCommand({
          Source: this.sender.from,
          // Bounces and complaints of this send are published through the configuration set.
          ConfigurationSetName: this.sender.configurationSet,
          Destination: { ToAddresses: [to] },
          Message: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
          },
          ...(tags || currentCorrelationId()
            ? {
                Tags: [
                  ...(tags
                    ? [
                        { Name: 'order', Value: encodeTag(tags.orderNo) },
                        { Name: 'message', Value: tags.messageId },
                      ]
                    : []),
                  // The request that opened the claim, so an e-mail is found from a log line and back.
                  ...(currentCorrelationId() ? [{ Name: 'correlation', Value: currentCorrelationId()! }] : []),
                ],
              }
            : {}),
        }),
      );
      return { messageId: MessageId ?? '' };
    } catch (error) {
      if (error instanceof SESServiceException) {
        const retryable = RETRYABLE_SES_ERRORS.has(error.name) || (error.$metadata.httpStatusCode ?? 0) >= 500;
        // "Maximum sending rate exceeded" or "Daily message quota exceeded": SES dropped it; wait and send again.
        const throttled = error.name === 'Throttling' || error.name === 'ThrottlingException';
        throw new MailError(`SES ${error.name}: ${error.message}`, retryable, throttled);
      }
      // No answer at all (network, timeout): worth another try.
      throw new MailError(`SES unreachable: ${(error as Error).message}`, true);
    }
  }
}
