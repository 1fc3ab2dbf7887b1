// The configuration set's event destination: an SNS topic, and the function subscribed to it. Each
// SES event reaches the function as SNS delivers it to Lambda: asynchronously, one record.

import { randomUUID } from 'node:crypto';
import type { LocalLambda } from './lambda-runtime.js';
import type { SesEvent } from './ses/ses-local.js';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:mail-feedback';

export function snsRecordOf(event: SesEvent) {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: `${TOPIC_ARN}:local`,
    Sns: {
      Type: 'Notification',
      MessageId: randomUUID(),
      TopicArn: TOPIC_ARN,
      Subject: null,
      Message: JSON.stringify(event),
      Timestamp: new Date().toISOString(),
      SignatureVersion: '1',
      Signature: '',
      SigningCertUrl: '',
      UnsubscribeUrl: '',
      MessageAttributes: {},
    },
  };
}

export function deliverSesFeedback(lambda: LocalLambda, functionName: string) {
  return (event: SesEvent) => {
    lambda
      .invokeAsync(functionName, { Records: [snsRecordOf(event)] })
      .catch((error: Error) => console.error('[ses] feedback not recorded', error.message));
  };
}
