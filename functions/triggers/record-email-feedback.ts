// The SES configuration set's bounce and complaint events, through SNS: recorded on the message.
import type { SNSEvent } from 'aws-lambda';
import { handlerOf } from '../../shared/middy.js';
import * as z from 'zod';
import { recordMailFeedback } from '../../shared/app/messages/record-mail-feedback.js';
import { claimStore } from '../../shared/adapters/adapters.js';
import { decodeTag } from '../../shared/adapters/ses-mailer.js';
import { logger } from '../../shared/observability.js';

const store = claimStore();

/** The part of an SES event this needs (SES "event publishing" format). */
const sesEventSchema = z.object({
  eventType: z.enum(['Bounce', 'Complaint']),
  mail: z.object({ messageId: z.string(), tags: z.record(z.string(), z.array(z.string())).optional() }),
  bounce: z.object({ bounceType: z.string(), bounceSubType: z.string(), timestamp: z.string() }).optional(),
  complaint: z.object({ timestamp: z.string(), complaintFeedbackType: z.string().optional() }).optional(),
});

export const handler = handlerOf<SNSEvent, void>().handler(async (event) => {
  for (const record of event.Records) {
    const parsed = sesEventSchema.safeParse(JSON.parse(record.Sns.Message));
    if (!parsed.success) {
      logger.warn('not a bounce or complaint event; ignored', { messageId: record.Sns.MessageId });
      continue;
    }
    const { eventType, mail, bounce, complaint } = parsed.data;
    const orderTag = mail.tags?.order?.[0];
    const messageId = mail.tags?.message?.[0];
    // Operator and seller notices carry no tags: there is no buyer message to mark.
    if (!orderTag || !messageId) continue;
    const outcome = await recordMailFeedback(
      store,
      {
        kind: eventType,
        orderNo: decodeTag(orderTag),
        messageId,
        detail: bounce
          ? `${bounce.bounceType}/${bounce.bounceSubType}`
          : (complaint?.complaintFeedbackType ?? 'complaint'),
        at: bounce?.timestamp ?? complaint?.timestamp ?? new Date().toISOString(),
      },
      new Date(),
    );
    logger.info('mail feedback', { sesMessageId: mail.messageId, messageId, eventType, outcome });
  }
});
