// SES reports back on the e-mails of buyer messages (the configuration set's bounce and complaint
// events): the message records it, so the seller sees "bounced" and the counts show it failed.

import type { EmailDelivery } from '../../domain/message.js';
import { retryOnConflict } from '../common/conflicts.js';
import type { ClaimStore } from '../ports/claim-store.js';
import { timelineEvent } from '../claims/timeline.js';
import { changeOf } from '../changes/change-set.js';

export interface MailFeedback {
  kind: 'Bounce' | 'Complaint';
  orderNo: string;
  messageId: string;
  /** SES's words for it, e.g. "Permanent/General". */
  detail: string;
  at: string;
}

const SES = { role: 'system', id: 'ses' };

export async function recordMailFeedback(
  store: ClaimStore,
  feedback: MailFeedback,
  now: Date,
): Promise<'RECORDED' | 'UNKNOWN_MESSAGE' | 'ALREADY_RECORDED'> {
  return retryOnConflict(async () => {
    const message = await store.getMessage(feedback.orderNo, feedback.messageId);
    if (!message) return 'UNKNOWN_MESSAGE';
    const email: EmailDelivery = feedback.kind === 'Bounce' ? 'BOUNCED' : 'COMPLAINED';
    if (message.email === email) return 'ALREADY_RECORDED';
    await store.commit(
      changeOf([
        {
          entity: 'message',
          value: {
            ...message,
            email,
            emailError: `${feedback.kind}: ${feedback.detail}`,
            emailFeedbackAt: feedback.at,
            updatedAt: now.toISOString(),
          },
        },
        {
          entity: 'event',
          value: timelineEvent(
            feedback.orderNo,
            feedback.kind === 'Bounce' ? 'EMAIL_BOUNCED' : 'EMAIL_COMPLAINED',
            SES,
            now,
            {
              ...(message.claimId ? { claimId: message.claimId } : {}),
              detail: `${feedback.messageId}: ${feedback.detail}`,
            },
          ),
        },
      ]),
    );
    return 'RECORDED';
  });
}
