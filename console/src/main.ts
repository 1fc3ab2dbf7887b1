// The console: a demo identity signs in locally, Cognito's hosted UI in AWS (authorization code +
// PKCE), and each role finds its work.
// Only the public API, through the typed client. Pages are addressed by the hash: #/orders/{orderNo}.

import { h } from './dom.js';
import { balancePage } from './pages/balance.js';
import { bulkListPage, bulkPage } from './pages/bulk.js';
import { claimPage, claimsPage } from './pages/claims.js';
import { dashboardPage, queuePage } from './pages/home.js';
import { inquiriesPage, inquiryPage } from './pages/inquiries.js';
import { orderPage, ordersPage } from './pages/orders.js';
import './native.js';
import { authorizeUrl, identityOf, randomSecret, tokenRequest, type HostedSignIn } from './pkce.js';
import { problemView } from './forms.js';
import {
  API,
  isDropped,
  newPage,
  session,
  show,
  showLoading,
  signInAs,
  signOutThrough,
  useApi,
  words,
} from './shell.js';
import type { Session } from './shell.js';

const DEMO_IDENTITIES: Pick<Session, 'role' | 'id'>[] = [
  { role: 'seller', id: 'S-1' },
  { role: 'seller', id: 'S-2' },
  { role: 'buyer', id: 'B-1' },
  { role: 'operator', id: 'OP-1' },
];

/** Where each role starts. */
const HOME: Record<Session['role'], string> = { seller: '#/home', operator: '#/queue', buyer: '#/orders' };

/** The deployment's settings: in AWS the API's address and Cognito's hosted UI; locally none. */
interface ConsoleConfig {
  apiUrl?: string;
  signIn?: HostedSignIn;
}
const config = (await (await fetch('./config.json')).json()) as ConsoleConfig;
if (config.apiUrl) useApi(config.apiUrl);
if (config.signIn)
  signOutThrough(
    `${config.signIn.domain}/logout?${new URLSearchParams({ client_id: config.signIn.clientId, logout_uri: config.signIn.redirectUri }).toString()}`,
  );

function signInPage(problem?: string): void {
  if (config.signIn) {
    const hosted = config.signIn;
    return show(
      words.t('signIn'),
      problem ? problemView({ said: problem }) : null,
      h('button', { type: 'button', onclick: () => void beginHostedSignIn(hosted) }, words.t('signInHosted')),
    );
  }
  show(
    words.t('signIn'),
    h('p', {}, words.t('signInAs')),
    h(
      'ul',
      {},
      ...DEMO_IDENTITIES.map((identity) =>
        h(
          'li',
          {},
          h('button', { type: 'button', onclick: () => void demoSignIn(identity) }, `${identity.role} ${identity.id}`),
        ),
      ),
    ),
  );
}

/** Locally: the stack mints a token for a demo identity. */
async function demoSignIn(identity: Pick<Session, 'role' | 'id'>): Promise<void> {
  const answer = await fetch(`${API}/console/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(identity),
  });
  const { token } = (await answer.json()) as { token: string };
  signInAs({ ...identity, token });
  location.hash = HOME[identity.role];
}

/** In AWS: to Cognito's hosted UI, with a PKCE challenge; the verifier and state wait here. */
async function beginHostedSignIn(hosted: HostedSignIn): Promise<void> {
  const pending = { verifier: randomSecret(), state: randomSecret() };
  sessionStorage.setItem('pkce', JSON.stringify(pending));
  location.assign(await authorizeUrl(hosted, pending.verifier, pending.state));
}

/** Back from the hosted UI with ?code=&state=: the code is traded for tokens with the verifier. */
async function finishHostedSignIn(hosted: HostedSignIn, query: URLSearchParams): Promise<string | undefined> {
  const pending = JSON.parse(sessionStorage.getItem('pkce') ?? 'null') as { verifier: string; state: string } | null;
  sessionStorage.removeItem('pkce');
  history.replaceState(null, '', location.pathname);
  // Nothing from a link is shown or used unless it answers a sign-in this page began.
  if (!pending || pending.state !== query.get('state') || query.has('error')) return words.t('signInAgain');
  const { url, init } = tokenRequest(hosted, query.get('code')!, pending.verifier);
  const answer = await fetch(url, init);
  const tokens = (await answer.json()) as { access_token?: string };
  if (!answer.ok || !tokens.access_token) return words.t('signInAgain');
  const identity = identityOf(tokens.access_token);
  if (!identity || !['seller', 'buyer', 'operator'].includes(identity.role)) return words.t('noRole');
  signInAs({
    role: identity.role as Session['role'],
    id: identity.id,
    token: tokens.access_token!,
    expiresAt: identity.expiresAt,
  });
  location.hash = HOME[identity.role as Session['role']];
  return undefined;
}

async function route(): Promise<void> {
  const [, page, id] = location.hash.split('?')[0]!.split('/');
  if (!session) return signInPage(hostedSignInProblem);
  const staff = session.role !== 'buyer';
  const decoded = id ? decodeURIComponent(id) : undefined;
  if (page === 'orders') return decoded ? orderPage(decoded) : ordersPage();
  if (page === 'claims' && decoded) return claimPage(decoded);
  if (page === 'claims' && staff) return claimsPage();
  if (page === 'bulk' && staff) return decoded ? bulkPage(decoded) : bulkListPage();
  if (page === 'inquiries' && staff) return decoded ? inquiryPage(decoded) : inquiriesPage();
  if (page === 'balance' && session.role !== 'seller') return balancePage();
  if (page === 'queue' && session.role === 'operator') return queuePage();
  if (page === 'home' && session.role === 'seller') return dashboardPage();
  location.replace(HOME[session.role]);
}

function showPage(): void {
  newPage();
  const here = location.hash;
  // A slow answer: after a moment the page says it is loading rather than show the last one.
  const slow = setTimeout(() => location.hash === here && showLoading(), 800);
  route()
    .catch((error: unknown) => {
      // The API could not be reached: say so on this page, with a way to try again.
      if (!isDropped(error)) show(words.t('unreachable'), problemView({ said: words.t('tryAgain'), status: 503 }));
    })
    .finally(() => clearTimeout(slow));
}

const callback = new URLSearchParams(location.search);
const hostedSignInProblem =
  config.signIn && (callback.has('code') || callback.has('error'))
    ? await finishHostedSignIn(config.signIn, callback)
    : undefined;
window.addEventListener('hashchange', showPage);
showPage();
