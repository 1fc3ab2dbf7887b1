// The mailer of a function that answers an HTTP request gives up on a throttled e-mail after three
// tries, so that the request is answered within its time (the notice is recorded FAILED, to send
// again); a workflow's step keeps SES's adaptive five.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { requestMailer, sesMailer } from '../../../shared/adapters/adapters.js';
import { MailError } from '../../../shared/app/ports/port-errors.js';

let tries = 0;
const throttlingSes = createServer((req, res) => {
  tries++;
  req.resume();
  req.on('end', () => {
    res.writeHead(400, { 'content-type': 'text/xml' });
    res.end(
      '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>' +
        '<Message>Maximum sending rate exceeded.</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    );
  });
});
const saved = { ...process.env };

beforeAll(async () => {
  await new Promise<void>((resolve) => throttlingSes.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SES: `http://127.0.0.1:${(throttlingSes.address() as AddressInfo).port}`,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    NOTICE_FROM_ADDRESS: 'notices@example.com',
    SES_CONFIGURATION_SET: 'order-claims',
  });
});

afterAll(async () => {
  process.env = saved;
  await new Promise((resolve) => throttlingSes.close(resolve));
});

const email = { subject: 'ご注文について', text: '本文' };

it('a request’s mailer tries a throttled e-mail three times, a step’s five', async () => {
  tries = 0;
  await expect(requestMailer().send('buyer@example.jp', email)).rejects.toBeInstanceOf(MailError);
  expect(tries).toBe(3);
  tries = 0;
  await expect(sesMailer().send('buyer@example.jp', email)).rejects.toBeInstanceOf(MailError);
  expect(tries).toBe(5);
}, 60_000);
