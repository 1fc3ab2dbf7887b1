// SES: the aws-ses-v2-local emulator (mail viewer at its root, GET /store for tests), behind a proxy
// that is as strict as SES where the emulator is not (send-rules.ts), and that publishes bounce and
// complaint events as a configuration set's event destination does (feedback.ts).
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
//   exceeded." is the daily quota); DELETE /__faults clears them (?to=<address>: that recipient's only).

import {
  request as httpRequest,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import * as sesModule from 'aws-ses-v2-local';
import { closeServer, listen, readBody, sendJson } from '../http.js';
import { freePort } from '../ports.js';
import { NEW_PRODUCTION_ACCOUNT, SES_SANDBOX_QUOTA, type AccountQuotas } from '../quotas.js';
import { accessDenied, quotaAnswer, sesError } from './answers.js';
import { isFeedbackFault, SesFaults, type Fault } from './faults.js';
import { feedbackEvent, simulatorFeedback, tagsOf, type Feedback, type SesEvent } from './feedback.js';
import { SendRules } from './send-rules.js';

export type { SesEvent } from './feedback.js';

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

/** What SES was given with each message it accepted: its tags (the mail viewer shows the rest). */
interface Accepted {
  messageId: string;
  to: string[];
  subject: string;
  tags: Record<string, string[]>;
}

/** A send SES accepted, on its way to the emulator. */
interface SendContext {
  form: URLSearchParams;
  recipients: string[];
  feedback: Feedback[];
}

async function startEmulator(viewerPort: number): Promise<Server> {
  // Imported from ESM by Node, the emulator's server function is the default export's `default`;
  // through a bundler's interop (vitest), it is the default export itself.
  type StartServer = (config: { host: string; port: number }) => Promise<Server>;
  const exported = sesModule.default as unknown as StartServer | { default: StartServer };
  const start = typeof exported === 'function' ? exported : exported.default;
  return start({ host: '127.0.0.1', port: viewerPort });
}

export async function startSesLocal(options: SesLocalOptions = {}): Promise<SesLocal> {
  const viewerPort = options.viewerPort ?? (await freePort());
  const emulator = await startEmulator(viewerPort);
  const faults = new SesFaults();
  const listeners: ((event: SesEvent) => void)[] = [];
  const quota = options.quota ?? (options.sandbox ? SES_SANDBOX_QUOTA : NEW_PRODUCTION_ACCOUNT.ses);
  const rules = new SendRules({
    configurationSets: options.configurationSets ?? [],
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    quota,
  });
  const accepted: Accepted[] = [];

  function publish(feedback: Feedback, messageId: string, form: URLSearchParams, destination: string[]): void {
    const event = feedbackEvent(feedback, messageId, form, destination);
    // SES publishes a little after it accepted the message.
    setTimeout(() => {
      for (const listener of listeners) listener(event);
    }, 20).unref();
  }

  /** Hands the request to the emulator; a send it accepts is recorded and its feedback published. */
  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, send?: SendContext) {
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
          if (!send || !messageId || (answer.statusCode ?? 500) >= 300) return;
          const { form, recipients, feedback } = send;
          accepted.push({
            messageId,
            to: recipients,
            subject: form.get('Message.Subject.Data') ?? '',
            tags: tagsOf(form),
          });
          for (const f of feedback) publish(f, messageId, form, recipients);
        });
      },
    );
    upstream.on('error', (error) => res.writeHead(502).end(error.message));
    upstream.end(body);
  }

  const proxy = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.url === '/__sent') return sendJson(res, 200, { sent: accepted, throttled: rules.throttled });
    if (req.url?.split('?')[0] === '/__faults') {
      // DELETE ?to=<address>: only that recipient's faults (a test's own), not other tests'.
      if (req.method === 'DELETE') faults.clear(new URL(req.url, 'http://local').searchParams.get('to') ?? undefined);
      else faults.add(JSON.parse(body.toString() || '{}') as Partial<Fault>);
      res.writeHead(204).end();
      return;
    }
    const v2Account = req.method === 'GET' && req.url?.split('?')[0] === '/v2/email/account';
    const form = v2Account
      ? new URLSearchParams({ Action: 'GetAccount' })
      : new URLSearchParams(req.method === 'POST' ? body.toString() : '');
    // IAM first, as AWS: SES's Query API answers a refusal 403 AccessDenied.
    const denied = form.get('Action') ? await options.authorize?.(req.headers, form) : undefined;
    if (denied) return accessDenied(res, v2Account ? 'v2' : 'v1', denied.message);
    if (v2Account || form.get('Action') === 'GetSendQuota')
      return quotaAnswer(res, v2Account ? 'v2' : 'v1', quota, rules.sentLast24Hours(), Boolean(options.sandbox));
    if (form.get('Action') !== 'SendEmail') return forward(req, res, body);

    const recipients = [...form.entries()].filter(([name]) => name.startsWith('Destination.')).map(([, v]) => v);
    const refused = rules.refusal(form, recipients);
    if (refused) return sesError(res, refused.status, refused.code, refused.message);
    const feedback: Feedback[] = [];
    const fault = faults.take(recipients);
    if (fault && !isFeedbackFault(fault))
      return sesError(
        res,
        fault.status,
        fault.code,
        fault.message ?? `Injected by the local SES stand-in: ${fault.code}`,
      );
    if (fault) feedback.push({ kind: fault.code as Feedback['kind'], recipients: fault.to ? [fault.to] : recipients });
    feedback.push(...simulatorFeedback(recipients));
    rules.record(recipients);
    forward(req, res, body, { form, recipients, feedback });
  });
  const port = options.port ?? (await freePort());
  await listen(proxy, port);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    viewerUrl: `http://127.0.0.1:${viewerPort}`,
    onEvent: (listener) => listeners.push(listener),
    stop: async () => {
      proxy.closeAllConnections();
      emulator.closeAllConnections();
      await Promise.all([closeServer(proxy), closeServer(emulator)]);
    },
  };
}
