// What SES reports after it accepted a message: bounces and complaints, as a configuration set's
// event destination publishes them, from the mailbox simulator's addresses or an injected fault.

/** An SES event as a configuration set publishes it (the "event publishing" format). */
export interface SesEvent {
  eventType: 'Bounce' | 'Complaint';
  mail: { timestamp: string; messageId: string; source: string; destination: string[]; tags: Record<string, string[]> };
  bounce?: {
    bounceType: 'Permanent' | 'Transient';
    bounceSubType: string;
    bouncedRecipients: { emailAddress: string }[];
    timestamp: string;
  };
  complaint?: { complainedRecipients: { emailAddress: string }[]; timestamp: string; complaintFeedbackType?: string };
}

/** One report to publish once the message is accepted. */
export interface Feedback {
  kind: 'Bounce' | 'Complaint';
  recipients: string[];
  subType?: string;
}

export const SIMULATOR = {
  bounce: 'bounce@simulator.amazonses.com',
  complaint: 'complaint@simulator.amazonses.com',
  suppressed: 'suppressionlist@simulator.amazonses.com',
};

export const isSimulator = (address: string) => Object.values(SIMULATOR).includes(address.toLowerCase());

/** The mailbox simulator: its bounce and suppression-list addresses bounce, its complaint address complains. */
export function simulatorFeedback(recipients: string[]): Feedback[] {
  const lower = recipients.map((r) => r.toLowerCase());
  const feedback: Feedback[] = [];
  if (lower.includes(SIMULATOR.bounce)) feedback.push({ kind: 'Bounce', recipients: [SIMULATOR.bounce] });
  if (lower.includes(SIMULATOR.suppressed))
    feedback.push({ kind: 'Bounce', recipients: [SIMULATOR.suppressed], subType: 'OnAccountSuppressionList' });
  if (lower.includes(SIMULATOR.complaint)) feedback.push({ kind: 'Complaint', recipients: [SIMULATOR.complaint] });
  return feedback;
}

/** The message's tags, as SES passes them on (Tags.member.N.Name / .Value). */
export function tagsOf(form: URLSearchParams): Record<string, string[]> {
  const tags: Record<string, string[]> = {};
  for (const [name, value] of form) {
    const match = /^Tags\.member\.(\d+)\.Name$/.exec(name);
    if (match) tags[value] = [form.get(`Tags.member.${match[1]}.Value`) ?? ''];
  }
  return tags;
}

export function feedbackEvent(
  feedback: Feedback,
  messageId: string,
  form: URLSearchParams,
  destination: string[],
): SesEvent {
  const timestamp = new Date().toISOString();
  const addresses = feedback.recipients.map((emailAddress) => ({ emailAddress }));
  return {
    eventType: feedback.kind,
    mail: { timestamp, messageId, source: form.get('Source') ?? '', destination, tags: tagsOf(form) },
    ...(feedback.kind === 'Bounce'
      ? {
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: feedback.subType ?? 'General',
            bouncedRecipients: addresses,
            timestamp,
          },
        }
      : { complaint: { complainedRecipients: addresses, timestamp, complaintFeedbackType: 'abuse' } }),
  };
}
