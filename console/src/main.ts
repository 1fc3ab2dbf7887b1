// The console: sign in as a demo identity, see the orders, cancel one with the notice to the buyer
// written first, and follow its claim to the refund. Only the public API, through the typed client.

import { apiClient, intentKey, type ApiClient } from '../api/client.js';
import { h, table } from './dom.js';
import { LANGUAGES, wordsFor, type Language, type Words } from './i18n.js';

interface Session {
  role: 'seller' | 'buyer' | 'operator';
  id: string;
  token: string;
}

const DEMO_IDENTITIES: Pick<Session, 'role' | 'id'>[] = [
  { role: 'seller', id: 'S-1' },
  { role: 'seller', id: 'S-2' },
  { role: 'buyer', id: 'B-1' },
  { role: 'operator', id: 'OP-1' },
];

const API = location.origin;
const app = document.getElementById('app')!;
let words: Words = wordsFor((localStorage.getItem('language') as Language | null) ?? 'ja');
let session: Session | undefined = JSON.parse(sessionStorage.getItem('session') ?? 'null') ?? undefined;
const client = (): ApiClient => apiClient(API, () => session!.token);

function show(title: string, ...content: Node[]): void {
  document.documentElement.lang = words.language;
  document.title = `${title} · ${words.t('title')}`;
  const header = h(
    'header',
    {},
    h('p', { class: 'brand' }, words.t('title')),
    h('label', {}, `${words.t('language')} `, languagePicker()),
    session ? h('p', {}, `${session.role} ${session.id} `, h('button', { type: 'button', onclick: signOut }, words.t('signOut'))) : null,
  );
  app.replaceChildren(header, h('main', {}, h('h1', {}, title), ...content));
}

function languagePicker(): HTMLSelectElement {
  const select = h('select', { onchange: () => {
    words = wordsFor(select.value as Language);
    localStorage.setItem('language', words.language);
    void route();
  } }, ...LANGUAGES.map((language) => h('option', { value: language, ...(language === words.language ? { selected: true } : {}) }, { ja: '日本語', ko: '한국어', en: 'English' }[language])));
  return select;
}

function signOut(): void {
  session = undefined;
  sessionStorage.removeItem('session');
  location.hash = '#/sign-in';
}

/** What the API said no to, and what the caller may do instead. */
function problemView(problem: { detail?: string; allowedActions?: string[] } | undefined): HTMLElement {
  return h(
    'div',
    { role: 'alert', class: 'problem' },
    h('p', {}, h('strong', {}, words.t('refused')), ': ', problem?.detail ?? ''),
    problem?.allowedActions?.length ? h('p', {}, `${words.t('canInstead')}: `, problem.allowedActions.map((action) => words.code(action)).join(', ')) : null,
  );
}

async function signInPage(): Promise<void> {
  show(
    words.t('signIn'),
    h('p', {}, words.t('signInAs')),
    h('ul', {}, ...DEMO_IDENTITIES.map((identity) => h('li', {}, h('button', { type: 'button', onclick: () => void signIn(identity) }, `${identity.role} ${identity.id}`)))),
  );
}

async function signIn(identity: Pick<Session, 'role' | 'id'>): Promise<void> {
  // Locally the stack mints a demo token; in AWS this is Cognito's hosted UI (not built yet).
  const answer = await fetch(`${API}/console/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(identity) });
  const { token } = (await answer.json()) as { token: string };
  session = { ...identity, token };
  sessionStorage.setItem('session', JSON.stringify(session));
  location.hash = '#/orders';
}

/** A buyer opens an order by its number (the API lists orders for sellers and the operator). */
function openOrderForm(): HTMLFormElement {
  const orderNo = h('input', { id: 'order-no', name: 'orderNo', required: true, maxlength: '64' });
  return h(
    'form',
    { onsubmit: (event: Event) => {
      event.preventDefault();
      location.hash = `#/orders/${encodeURIComponent(orderNo.value.trim())}`;
    } },
    h('label', { for: 'order-no' }, words.t('openOrder')), ' ', orderNo, ' ', h('button', { type: 'submit' }, words.t('open')),
  );
}

async function ordersPage(): Promise<void> {
  if (session!.role === 'buyer') return show(words.t('orders'), openOrderForm());
  const { data, error } = await client().GET('/orders', { params: { query: { limit: 50 } } });
  if (!data) return show(words.t('orders'), problemView(error));
  show(
    words.t('orders'),
    session!.role === 'operator' ? h('p', {}, h('a', { href: '#/queue' }, words.t('queue'))) : h('p', {}),
    data.orders.length === 0
      ? h('p', {}, words.t('noOrders'))
      : table(
          words.t('orders'),
          [words.t('order'), words.t('item'), words.t('total'), words.t('status'), words.t('orderedAt')],
          data.orders.map((order) => [h('a', { href: `#/orders/${encodeURIComponent(order.orderNo)}` }, order.orderNo), order.item.name, words.money(order.total), words.code(order.status), words.time(order.orderedAt)]),
        ),
  );
}

async function orderPage(orderNo: string): Promise<void> {
  const { data: order, error } = await client().GET('/orders/{orderNo}', { params: { path: { orderNo } } });
  if (!order) return show(`${words.t('order')} ${orderNo}`, problemView(error));
  const dialog = order.allowedActions.includes('SELLER_CANCEL') ? cancelDialog(orderNo) : order.allowedActions.includes('BUYER_CANCEL') ? requestDialog(orderNo) : undefined;
  const approval = order.allowedActions.includes('APPROVE_CANCEL_REQUEST') && order.claimInProgress ? approveForm(order.claimInProgress) : undefined;
  show(
    `${words.t('order')} ${orderNo}`,
    h('p', {}, h('a', { href: '#/orders' }, words.t('back'))),
    h('dl', {}, h('dt', {}, words.t('status')), h('dd', { 'data-testid': 'order-status' }, words.code(order.status)), h('dt', {}, words.t('item')), h('dd', {}, order.item.name), h('dt', {}, words.t('total')), h('dd', {}, words.money(order.total))),
    dialog ? h('button', { type: 'button', onclick: () => dialog.showModal() }, words.t(order.allowedActions.includes('SELLER_CANCEL') ? 'cancel' : 'askToCancel')) : h('p', {}),
    approval ?? h('p', {}),
    table(words.t('claims'), [words.t('claim'), words.t('status'), words.t('reason')], order.claims.map((claim) => [h('a', { href: `#/claims/${encodeURIComponent(claim.claimId)}` }, claim.claimId), words.code(claim.status), words.code(claim.reason)])),
    table(words.t('timeline'), [words.t('when'), words.t('event')], order.timeline.map((event) => [words.time(event.at), event.type])),
    ...(dialog ? [dialog] : []),
  );
}

type Problem = Parameters<typeof problemView>[0];
type Child = Node | string;

/**
 * A form that sends one intent: one Idempotency-Key for as long as the form lives (a double click,
 * or sending again after a refusal, acts once at most), the button off while it is sent, and the
 * API's refusal shown in place. `fields` come before the outcome; `after` follows the button.
 */
function intentForm<T>(label: string, send: (key: string) => Promise<{ data?: T; error?: unknown }>, done: (data: T) => void, fields: Child[], after: Child[] = []): HTMLFormElement {
  const key = intentKey();
  const outcome = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, label);
  return h(
    'form',
    { onsubmit: (event: Event) => {
      event.preventDefault();
      submit.disabled = true;
      void send(key).then(({ data, error }) => {
        if (data) return done(data);
        submit.disabled = false;
        outcome.replaceChildren(problemView(error as Problem));
      });
    } },
    ...fields,
    outcome,
    h('p', {}, submit, ...after),
  );
}

const toClaim = (data: { claimId: string }) => {
  location.hash = `#/claims/${encodeURIComponent(data.claimId)}`;
};

/** A dialog around an intent form, with its title and a close button. */
function intentDialog(title: string, form: (close: Child[]) => HTMLFormElement): HTMLDialogElement {
  const dialog = h('dialog', { 'aria-label': title });
  dialog.append(form([' ', h('button', { type: 'button', onclick: () => dialog.close() }, words.t('close'))]));
  return dialog;
}

/** The cancel dialog: the notice to the buyer is written first. */
function cancelDialog(orderNo: string): HTMLDialogElement {
  const reason = h('select', { id: 'reason', name: 'reason' }, ...['OUT_OF_STOCK', 'SHIPPING_DELAY', 'UNDELIVERABLE_AREA'].map((code) => h('option', { value: code }, words.code(code))));
  const memo = h('textarea', { id: 'memo', name: 'memo', required: true, maxlength: '1000' });
  const noticeTitle = h('input', { id: 'notice-title', name: 'noticeTitle', required: true, maxlength: '100' });
  const noticeBody = h('textarea', { id: 'notice-body', name: 'noticeBody', required: true, maxlength: '2000' });
  return intentDialog(words.t('cancelTitle'), (close) =>
    intentForm(
      words.t('send'),
      (key) => client().POST('/orders/{orderNo}/cancellations', { params: { path: { orderNo }, header: { 'idempotency-key': key } }, body: { reason: reason.value as 'OUT_OF_STOCK', sellerMemo: memo.value, notice: { title: noticeTitle.value, body: noticeBody.value } } }),
      toClaim,
      [
        h('h2', {}, words.t('cancelTitle')),
        h('p', { class: 'hint' }, words.t('reasonRule')),
        h('label', { for: 'reason' }, words.t('reason')), reason,
        h('p', { class: 'hint', id: 'personal-data' }, words.t('personalData')),
        h('label', { for: 'notice-title' }, words.t('noticeTitle')), noticeTitle,
        h('label', { for: 'notice-body' }, words.t('noticeBody')), noticeBody,
        h('label', { for: 'memo' }, words.t('memo')), memo,
      ],
      close,
    ),
  );
}

/** The buyer's request: at once for a NEW order, waiting for the seller for a PREPARING one. */
function requestDialog(orderNo: string): HTMLDialogElement {
  const reason = h('select', { id: 'buyer-reason', name: 'reason' }, ...['BUYER_CHANGED_MIND', 'OPTION_CHANGE'].map((code) => h('option', { value: code }, words.code(code))));
  const message = h('textarea', { id: 'buyer-message', name: 'message', maxlength: '1000' });
  return intentDialog(words.t('askTitle'), (close) =>
    intentForm(
      words.t('ask'),
      (key) => client().POST('/orders/{orderNo}/cancel-requests', { params: { path: { orderNo }, header: { 'idempotency-key': key } }, body: { reason: reason.value as 'BUYER_CHANGED_MIND', ...(message.value.trim() ? { message: message.value } : {}) } }),
      toClaim,
      [h('h2', {}, words.t('askTitle')), h('label', { for: 'buyer-reason' }, words.t('reason')), reason, h('label', { for: 'buyer-message' }, words.t('message')), message],
      close,
    ),
  );
}

/** The seller approves a buyer's request, with a memo the buyer reads if it likes. */
function approveForm(claimId: string): HTMLFormElement {
  const memo = h('textarea', { id: 'approval-memo', name: 'sellerMemo', maxlength: '1000' });
  return intentForm(
    words.t('approve'),
    (key) => client().POST('/claims/{claimId}/approval', { params: { path: { claimId }, header: { 'idempotency-key': key } }, body: memo.value.trim() ? { sellerMemo: memo.value } : {} }),
    toClaim,
    [h('p', { class: 'hint' }, words.t('personalData')), h('label', { for: 'approval-memo' }, words.t('memo')), ' ', memo],
  );
}

/** The operator's queue: claims that wait on the operator (a coupon or payment method, a failed refund, a request handed over). */
async function queuePage(): Promise<void> {
  const { data, error } = await client().GET('/claims', { params: { query: { status: 'NEEDS_OPERATOR', limit: 100 } } });
  if (!data) return show(words.t('queue'), problemView(error));
  show(
    words.t('queue'),
    h('p', {}, h('a', { href: '#/orders' }, words.t('back'))),
    data.claims.length === 0
      ? h('p', {}, words.t('nothingWaits'))
      : table(words.t('queue'), [words.t('claim'), words.t('orders'), words.t('reason'), words.t('orderedAt')], data.claims.map((claim) => [h('a', { href: `#/claims/${encodeURIComponent(claim.claimId)}` }, claim.claimId), claim.orderNos.join(', '), words.code(claim.reason), words.time(claim.requestedAt)])),
  );
}

/** The operator completes or closes a claim that needs them, with the reason the record keeps. */
function resolutionForm(claimId: string): HTMLFormElement {
  const action = h('select', { id: 'resolution-action', name: 'action' }, ...['COMPLETE', 'CLOSE'].map((code) => h('option', { value: code }, words.code(code))));
  const reason = h('textarea', { id: 'resolution-reason', name: 'reason', required: true, maxlength: '1000' });
  return intentForm(
    words.t('submit'),
    (key) => client().POST('/claims/{claimId}/resolution', { params: { path: { claimId }, header: { 'idempotency-key': key } }, body: { action: action.value as 'COMPLETE', reason: reason.value } }),
    () => void route(),
    [h('h2', {}, words.t('resolve')), h('label', { for: 'resolution-action' }, words.t('resolution')), ' ', action, ' ', h('label', { for: 'resolution-reason' }, words.t('resolveReason')), ' ', reason],
  );
}

async function claimPage(claimId: string): Promise<void> {
  const { data: claim, error } = await client().GET('/claims/{claimId}', { params: { path: { claimId } } });
  if (!claim) return show(`${words.t('claim')} ${claimId}`, problemView(error));
  show(
    `${words.t('claim')} ${claimId}`,
    h('p', {}, h('a', { href: '#/orders' }, words.t('back'))),
    h('dl', {}, h('dt', {}, words.t('status')), h('dd', { 'data-testid': 'claim-status' }, words.code(claim.status)), h('dt', {}, words.t('reason')), h('dd', {}, words.code(claim.reason))),
    session!.role === 'operator' && claim.status === 'NEEDS_OPERATOR' ? resolutionForm(claimId) : h('p', {}),
    table(words.t('orders'), [words.t('order'), words.t('status'), words.t('total')], claim.orders.map((order) => [order.orderNo, words.code(order.status), words.money(order.total)])),
    table(words.t('refunds'), [words.t('method'), words.t('amount'), words.t('status')], claim.refunds.map((refund) => [words.code(refund.method), words.money(refund.amount), words.code(refund.status)])),
    table(words.t('timeline'), [words.t('when'), words.t('event')], claim.timeline.map((event) => [words.time(event.at), event.type])),
  );
  // A claim under way is followed until it settles, or until it waits on someone (the seller's decision).
  if (!['COMPLETED', 'WITHDRAWN', 'FAILED', 'NEEDS_OPERATOR', 'AWAITING_APPROVAL'].includes(claim.status)) setTimeout(() => location.hash === `#/claims/${encodeURIComponent(claimId)}` && void route(), 1000);
}

async function route(): Promise<void> {
  const [, page, id] = location.hash.split('/');
  if (!session) return signInPage();
  if (page === 'orders' && id) return orderPage(decodeURIComponent(id));
  if (page === 'claims' && id) return claimPage(decodeURIComponent(id));
  if (page === 'queue' && session.role === 'operator') return queuePage();
  return ordersPage();
}

window.addEventListener('hashchange', () => void route());
void route();
