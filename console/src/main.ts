// The console: a demo identity signs in (Cognito's hosted UI in AWS), and each role finds its work.
// Only the public API, through the typed client. Pages are addressed by the hash: #/orders/{orderNo}.

import { h } from './dom.js';
import { balancePage } from './pages/balance.js';
import { bulkListPage, bulkPage } from './pages/bulk.js';
import { claimPage, claimsPage } from './pages/claims.js';
import { dashboardPage, queuePage } from './pages/home.js';
import { orderPage, ordersPage } from './pages/orders.js';
import { API, isDropped, newPage, session, show, signInAs, words, type Session } from './shell.js';

const DEMO_IDENTITIES: Pick<Session, 'role' | 'id'>[] = [
  { role: 'seller', id: 'S-1' },
  { role: 'seller', id: 'S-2' },
  { role: 'buyer', id: 'B-1' },
  { role: 'operator', id: 'OP-1' },
];

/** Where each role starts. */
const HOME: Record<Session['role'], string> = { seller: '#/home', operator: '#/queue', buyer: '#/orders' };

function signInPage(): void {
  show(
    words.t('signIn'),
    h('p', {}, words.t('signInAs')),
    h('ul', {}, ...DEMO_IDENTITIES.map((identity) => h('li', {}, h('button', { type: 'button', onclick: () => void signIn(identity) }, `${identity.role} ${identity.id}`)))),
  );
}

async function signIn(identity: Pick<Session, 'role' | 'id'>): Promise<void> {
  // Locally the stack mints a demo token; in AWS this is Cognito's hosted UI (docs/CONSOLE.md).
  const answer = await fetch(`${API}/console/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(identity) });
  const { token } = (await answer.json()) as { token: string };
  signInAs({ ...identity, token });
  location.hash = HOME[identity.role];
}

async function route(): Promise<void> {
  const [, page, id] = location.hash.split('?')[0]!.split('/');
  if (!session) return signInPage();
  const staff = session.role !== 'buyer';
  const decoded = id ? decodeURIComponent(id) : undefined;
  if (page === 'orders') return decoded ? orderPage(decoded) : ordersPage();
  if (page === 'claims' && decoded) return claimPage(decoded);
  if (page === 'claims' && staff) return claimsPage();
  if (page === 'bulk' && staff) return decoded ? bulkPage(decoded) : bulkListPage();
  if (page === 'balance' && session.role !== 'seller') return balancePage();
  if (page === 'queue' && session.role === 'operator') return queuePage();
  if (page === 'home' && session.role === 'seller') return dashboardPage();
  location.replace(HOME[session.role]);
}

function showPage(): void {
  newPage();
  route().catch((error: unknown) => {
    if (!isDropped(error)) throw error;
  });
}

window.addEventListener('hashchange', showPage);
showPage();
