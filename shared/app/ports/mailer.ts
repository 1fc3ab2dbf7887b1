// E-mail to buyers, sellers and the operator (SES in AWS).

import type { Email } from '../../domain/notices.js';

/** Which buyer message an e-mail carries, so that its bounce or complaint finds its way back. */
export interface MailTags {
  orderNo: string;
  messageId: string;
}

export interface Mailer {
  /** Throws {@link MailError}; `retryable` says whether trying again later may succeed. */
  send(to: string, email: Email, tags?: MailTags): Promise<{ messageId: string }>;
}
