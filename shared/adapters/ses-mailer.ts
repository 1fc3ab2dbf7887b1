// The Mailer on Amazon SES (v1 SendEmail). The local stack points it at the SES emulator through
// AWS_ENDPOINT_URL_SES; nothing here knows which one it talks to.

import { SESClient, SendEmailCommand, SESServiceException } from '@aws-sdk/client-ses';
import { MailError, type Mailer } from '../app/ports.js';
import type { Email } from '../domain/notices.js';

/** SES answers that trying again later may fix; anything else (a rejected message, an unverified sender) will not. */
const RETRYABLE_SES_ERRORS = new Set(['Throttling', 'ThrottlingException', 'ServiceUnavailable', 'InternalFailure', 'RequestTimeout']);

export class SesMailer implements Mailer {
  constructor(
    private readonly from: string,
    private readonly client: SESClient = new SESClient({}),
  ) {}

  async send(to: string, email: Email): Promise<{ messageId: string }> {
    try {
      const { MessageId } = await this.client.send(
        new SendEmailCommand({
          Source: this.from,
          Destination: { ToAddresses: [to] },
          Message: {
            Subject: { Data: email.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: email.text, Charset: 'UTF-8' } },
          },
        }),
      );
      return { messageId: MessageId ?? '' };
    } catch (error) {
      if (error instanceof SESServiceException) {
        const retryable = RETRYABLE_SES_ERRORS.has(error.name) || (error.$metadata.httpStatusCode ?? 0) >= 500;
        throw new MailError(`SES ${error.name}: ${error.message}`, retryable);
      }
      // No answer at all (network, timeout): worth another try.
      throw new MailError(`SES unreachable: ${(error as Error).message}`, true);
    }
  }
}
