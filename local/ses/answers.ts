// SES's own answers, in its Query API's XML (v1) or its JSON API's shape (v2).

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AccountQuotas } from '../quotas.js';

export function sesError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(
    `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

/** AWS's answer to a request IAM refuses: 403 AccessDenied, in the API's own shape. */
export function accessDenied(res: ServerResponse, version: 'v1' | 'v2', message: string): void {
  if (version === 'v2') {
    res
      .writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' })
      .end(JSON.stringify({ message }));
    return;
  }
  sesError(
    res,
    403,
    'AccessDenied',
    message.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`),
  );
}

/** GetSendQuota (v1, XML) or GetAccount (v2, JSON): the quotas, and what was sent in the last 24 hours. */
export function quotaAnswer(
  res: ServerResponse,
  version: 'v1' | 'v2',
  quota: AccountQuotas['ses'],
  sentLast24Hours: number,
  sandbox: boolean,
): void {
  if (version === 'v2') {
    const account = {
      DedicatedIpAutoWarmupEnabled: false,
      EnforcementStatus: 'HEALTHY',
      ProductionAccessEnabled: !sandbox,
      SendQuota: {
        Max24HourSend: quota.max24HourSend,
        MaxSendRate: quota.maxSendRate,
        SentLast24Hours: sentLast24Hours,
      },
      SendingEnabled: true,
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(account));
    return;
  }
  const figures =
    `<SentLast24Hours>${sentLast24Hours.toFixed(1)}</SentLast24Hours>` +
    `<Max24HourSend>${quota.max24HourSend.toFixed(1)}</Max24HourSend>` +
    `<MaxSendRate>${quota.maxSendRate.toFixed(1)}</MaxSendRate>`;
  res
    .writeHead(200, { 'content-type': 'text/xml' })
    .end(
      `<GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><GetSendQuotaResult>${figures}` +
        `</GetSendQuotaResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
        '</GetSendQuotaResponse>',
    );
}
