// SES: the aws-ses-v2-local emulator (mail viewer at its root, GET /store for tests), behind a proxy
// that is as strict as SES where the emulator is not, and that publishes bounce and complaint
// events as a configuration set's event destination does.
//
// - Sandbox mode (a new AWS account): only verified identities may send, and only to verified
//   identities or the mailbox simulator; 1 message a second, 200 a day.
// - The account's sending quotas (local/quotas.ts; a new production account: 14 a second,
//   50,000 a day): past either, SES's Throttling error, "Maximum sending rate exceeded." or "Daily
//   message quota exceeded.", and the message is dropped. GetSendQuota (v1) and GetAccount (v2,
//   GET /v2/email/account) answer the quotas and what was sent in the last 24 hours.
// - A send must name an existing configuration set, and at most 50 recipients.
// - The mailbox simulator: bounce@, complaint@ and suppressionlist@simulator.amazonses.com are
//   accepted and then bounce or complain, as in SES.
// - GET /__sent lists every accepted message with its tags, and counts the sends refused for the quotas.
// - Faults: POST /__faults {"count": 2, "code": "Throttling", "to": "buyer@example.jp"} fails the
//   next two sends (to that recipient only, if `to` is given); code "Bounce" or "Complaint" accepts
//   the send and then reports it; "message" gives SES's words (Throttling with "Daily message quota
//   exceeded." is the daily quota); DELETE /__faults clears them.

import { randomUUID } from 'node:crypto';
import {
  request as httpRequest,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import * as sesModule from 'aws-ses-v2-local';
import { freePort } from './ports.js';
import { NEW_PRODUCTION_ACCOUNT, RollingDay, SES_SANDBOX_QUOTA, TokenBucket, type AccountQuotas } from './quotas.js';

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

export interface SesLocal {
  /** Where the SDK sends (the proxy). */
  endpoint: string;
  /** The emulator's own address: its root is the mail viewer. */
  viewerUrl: string;
  /** Where the configuration set's events go (the SNS topic and its subscriber, in AWS). */
  onEvent(listener: (event: SesEvent) => void): void;
  stop(): Promise<void>;
}

export interface SesLocalOptions {
  port?: number;
  viewerPort?: number;
  /** The configuration sets that exist; a send naming another is refused, as SES does. */
  configurationSets?: string[];
  /** As in a new account: only these identities (addresses, or domains) send and receive. */
  sandbox?: { verifiedIdentities: string[] };
  /** The account's sending quotas: a new production account's unless given (the sandbox's in sandbox mode). */
  quota?: AccountQuotas['ses'];
  /** IAM: why AWS would refuse this signed request, if it would (local/iam). */
  authorize?: (headers: IncomingMessage['headers'], form: URLSearchParams) => Promise<{ message: string } | undefined>;
}

interface Fault {
  count: number;
  code: string;
  status: number;
  to?: string;
  /** SES's own words, e.g. "Daily message quota exceeded." (a Throttling error, as SES sends it). */
  message?: string;
}

const FAULT_STATUS: Record<string, number> = {
  Throttling: 400,
  MessageRejected: 400,
  ServiceUnavailable: 503,
  InternalFailure: 500,
};
const FEEDBACK_FAULTS = new Set(['Bounce', 'Complaint']);
const SIMULATOR = {
  bounce: 'bounce@simulator.amazonses.com',
  complaint: 'complaint@simulator.amazonses.com',
  suppressed: 'suppressionlist@simulator.amazonses.com',
};
const MAX_RECIPIENTS = 50;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sesError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(
    `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

const listen = (server: Server, port: number) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  const viewerPort = options.viewerPort ?? (await freePort());
  // Imported from ESM by Node, the emulator's server function is the default export's `default`;
  // through a bundler's interop (vitest), it is the default export itself.
  type StartServer = (config: { host: string; port: number }) => Promise<Server>;
  const exported = sesModule.default as unknown as StartServer | { default: StartServer };
  const start = typeof exported === 'function' ? exported : exported.default;
  const emulator = await start({ host: '127.0.0.1', port: viewerPort });
  const faults: Fault[] = [];
  const listeners: ((event: SesEvent) => void)[] = [];
  const quota = options.quota ?? (options.sandbox ? SES_SANDBOX_QUOTA : NEW_PRODUCTION_ACCOUNT.ses);
  // SES allows a short burst over the rate, not a sustained one: a second's worth of tokens.
  const rate = new TokenBucket(quota.maxSendRate, quota.maxSendRate);
  const sentToday = new RollingDay();
  /** Sends refused for the quotas, for tests (GET /__sent). */
  let throttled = 0;

  const verified = (address: string) => {
    const identities = options.sandbox?.verifiedIdentities.map((identity) => identity.toLowerCase()) ?? [];
    return identities.includes(address.toLowerCase()) || identities.includes(domainOf(address));
  };

  /** Why SES would refuse this send, if it would. */
  function refusal(
    form: URLSearchParams,
    recipients: string[],
  ): { status: number; code: string; message: string } | undefined {
    const source = form.get('Source') ?? '';
    const configurationSet = form.get('ConfigurationSetName');
    if (configurationSet && !(options.configurationSets ?? []).includes(configurationSet)) {
      return {
        status: 400,
        code: 'ConfigurationSetDoesNotExist',
        message: `Configuration set &lt;${configurationSet}&gt; does not exist.`,
      };
    }
    if (recipients.length === 0)
      return { status: 400, code: 'InvalidParameterValue', message: 'Missing final @domain' };
    if (recipients.length > MAX_RECIPIENTS)
      return { status: 400, code: 'InvalidParameterValue', message: `Recipient count exceeds ${MAX_RECIPIENTS}.` };
    if (options.sandbox) {
      const unverified = [source, ...recipients].filter(
        (address) => !verified(address) && !Object.values(SIMULATOR).includes(address.toLowerCase()),
      );
      if (unverified.length > 0) {
        return {
          status: 400,
          code: 'MessageRejected',
          message:
            `Email address is not verified. The following identities failed the check in region US-EAST-1: ` +
            `${unverified.join(', ')}`,
        };
      }
    }
    // Each recipient counts against both quotas (SES's developer guide, "Managing your sending quotas").
    const over =
      sentToday.count() + recipients.length > quota.max24HourSend
        ? 'Daily message quota exceeded.'
        : !rate.take(recipients.length)
          ? 'Maximum sending rate exceeded.'
          : undefined;
    if (over) {
      throttled++;
      return { status: 400, code: 'Throttling', message: over };
    }
    return undefined;
  }

  /** GetSendQuota (v1, XML) or GetAccount (v2, JSON): the quotas, and what was sent in the last 24 hours. */
  function quotaAnswer(res: ServerResponse, version: 'v1' | 'v2'): void {
    const sentLast24Hours = sentToday.count();
    if (version === 'v2') {
      const account = {
        DedicatedIpAutoWarmupEnabled: false,
        EnforcementStatus: 'HEALTHY',
        ProductionAccessEnabled: !options.sandbox,
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
    res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(
        `<GetSendQuotaResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><GetSendQuotaResult>` +
          `<SentLast24Hours>${sentLast24Hours.toFixed(1)}</SentLast24Hours><Max24HourSend>${quota.max24HourSend.toFixed(1)}</Max24HourSend>` +
          `<MaxSendRate>${quota.maxSendRate.toFixed(1)}</MaxSendRate></GetSendQuotaResult>` +
          `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetSendQuotaResponse>`,
      );
  }

  /** The message's tags, as SES passes them on (Tags.member.N.Name / .Value). */
  function tagsOf(form: URLSearchParams): Record<string, string[]> {
    const tags: Record<string, string[]> = {};
    for (const [name, value] of form) {
      const match = /^Tags\.member\.(\d+)\.Name$/.exec(name);
      if (match) tags[value] = [form.get(`Tags.member.${match[1]}.Value`) ?? ''];
    }
    return tags;
  }
  const accepted: { messageId: string; to: string[]; subject: string; tags: Record<string, string[]> }[] = [];

  function publish(
    kind: 'Bounce' | 'Complaint',
    messageId: string,
    form: URLSearchParams,
    destination: string[],
    recipients: string[],
    subType = 'General',
  ): void {
    const timestamp = new Date().toISOString();
    const tags = tagsOf(form);
    const event: SesEvent = {
      eventType: kind,
      mail: { timestamp, messageId, source: form.get('Source') ?? '', destination, tags },
      ...(kind === 'Bounce'
        ? {
            bounce: {
              bounceType: 'Permanent',
              bounceSubType: subType,
              bouncedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
              timestamp,
            },
          }
        : {
            complaint: {
              complainedRecipients: recipients.map((emailAddress) => ({ emailAddress })),
              timestamp,
              complaintFeedbackType: 'abuse',
            },
          }),
    };
    // SES publishes a little after it accepted the message.
    setTimeout(() => {
      for (const listener of listeners) listener(event);
    }, 20).unref();
  }

  const proxy = createServer(async (req, res) => {
    const body = await readBody(req);
    // What SES was given with each message it accepted: its tags (the mail viewer shows the rest).
    if (req.url === '/__sent') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sent: accepted, throttled }));
      return;
    }
    if (req.url === '/__faults') {
      if (req.method === 'DELETE') faults.length = 0;
      else {
        const asked = JSON.parse(body.toString() || '{}') as Partial<Fault>;
        const code = asked.code ?? 'Throttling';
        faults.push({
          count: asked.count ?? 1,
          code,
          status: asked.status ?? FAULT_STATUS[code] ?? 400,
          ...(asked.to ? { to: asked.to } : {}),
          ...(asked.message ? { message: asked.message } : {}),
        });
      }
      res.writeHead(204).end();
      return;
    }
    const v2Account = req.method === 'GET' && req.url?.split('?')[0] === '/v2/email/account';
    const form = v2Account
      ? new URLSearchParams({ Action: 'GetAccount' })
      : new URLSearchParams(req.method === 'POST' ? body.toString() : '');
    // IAM first, as AWS: SES's Query API answers a refusal 403 AccessDenied.
    const denied = form.get('Action') ? await options.authorize?.(req.headers, form) : undefined;
    if (denied && v2Account) {
      res
        .writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' })
        .end(JSON.stringify({ message: denied.message }));
      return;
    }
    if (denied)
      return sesError(
        res,
        403,
        'AccessDenied',
        denied.message.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`),
      );
    if (v2Account || form.get('Action') === 'GetSendQuota') return quotaAnswer(res, v2Account ? 'v2' : 'v1');
    let feedback: { kind: 'Bounce' | 'Complaint'; recipients: string[]; subType?: string }[] = [];
    let recipients: string[] = [];
    if (form.get('Action') === 'SendEmail') {
      recipients = [...form.entries()].filter(([name]) => name.startsWith('Destination.')).map(([, value]) => value);
      const tooLong = [...form.entries()].some(
        ([name, value]) =>
          /^Tags\.member\.\d+\.(Name|Value)$/.test(name) && (!/^[A-Za-z0-9_-]*$/.test(value) || value.length > 256),
      );
      if (tooLong)
        return sesError(
          res,
          400,
          'InvalidParameterValue',
          'Tag names and values may contain only ASCII letters, digits, underscores and dashes, up to 256 characters.',
        );
      const refused = refusal(form, recipients);
      if (refused) return sesError(res, refused.status, refused.code, refused.message);
      const fault = faults.find((f) => !f.to || recipients.includes(f.to));
      if (fault) {
        if (--fault.count <= 0) faults.splice(faults.indexOf(fault), 1);
        if (!FEEDBACK_FAULTS.has(fault.code))
          return sesError(
            res,
            fault.status,
            fault.code,
            fault.message ?? `Injected by the local SES stand-in: ${fault.code}`,
          );
        feedback.push({ kind: fault.code as 'Bounce' | 'Complaint', recipients: fault.to ? [fault.to] : recipients });
      }
      const lower = recipients.map((r) => r.toLowerCase());
      if (lower.includes(SIMULATOR.bounce)) feedback.push({ kind: 'Bounce', recipients: [SIMULATOR.bounce] });
      if (lower.includes(SIMULATOR.suppressed))
        feedback.push({ kind: 'Bounce', recipients: [SIMULATOR.suppressed], subType: 'OnAccountSuppressionList' });
      if (lower.includes(SIMULATOR.complaint)) feedback.push({ kind: 'Complaint', recipients: [SIMULATOR.complaint] });
      sentToday.add(recipients.length);
    } else {
      feedback = [];
    }
    const upstream = httpRequest(
      { host: '127.0.0.1', port: viewerPort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const text = Buffer.concat(chunks);
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(text);
          const messageId = /<MessageId>([^<]+)<\/MessageId>/.exec(text.toString())?.[1];
          if (messageId && (answer.statusCode ?? 500) < 300) {
            if (form.get('Action') === 'SendEmail')
              accepted.push({
                messageId,
                to: recipients,
                subject: form.get('Message.Subject.Data') ?? '',
                tags: tagsOf(form),
              });
            for (const f of feedback) publish(f.kind, messageId, form, recipients, f.recipients, f.subType);
          }
        });
      },
    );
    upstream.on('error', (error) => res.writeHead(502).end(error.message));
    upstream.end(body);
  });
  const port = options.port ?? (await freePort());
  await listen(proxy, port);

  const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    viewerUrl: `http://127.0.0.1:${viewerPort}`,
    onEvent: (listener) => listeners.push(listener),
    stop: async () => {
      proxy.closeAllConnections();
      emulator.closeAllConnections();
      await Promise.all([close(proxy), close(emulator)]);
    },
  };
}
