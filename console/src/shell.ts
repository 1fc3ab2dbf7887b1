// What every page shares: who is signed in, the words in their language, the typed client, the
// frame around a page (header, navigation, title), and each page's address. The API's refusals and
// the one way to send an intent are in forms.ts.

import { apiClient, type ApiClient } from '../api/client.js';
import { h } from './dom.js';
import { redraw } from './redraw.js';
import { LANGUAGES, wordsFor, type Language, type WordKey, type Words } from './i18n.js';
import type { Problem as Refusal } from './refusals.js';

export type Role = 'seller' | 'buyer' | 'operator';
export interface Session {
  role: Role;
  id: string;
  token: string;
  /** When the token expires (ms): the console signs out then, rather than be refused. */
  expiresAt?: number;
}

export type Child = Node | string | null | undefined | false;
export type Problem = Refusal | undefined;

/** The API's address: this origin locally, the deployment's API in AWS (config.json). */
export let API = location.origin;
export const useApi = (url: string): void => {
  API = url.replace(/\/$/, '');
};
const app = document.getElementById('app')!;

export let words: Words = wordsFor((localStorage.getItem('language') as Language | null) ?? 'ja');
const stored = JSON.parse(sessionStorage.getItem('session') ?? 'null') as Session | null;
export let session: Session | undefined = stored && (stored.expiresAt ?? Infinity) > Date.now() ? stored : undefined;

let pageReads = new AbortController();
/**
 * A new page begins: what the previous page was still reading is dropped, so a slow answer for a
 * page already left can never draw over the one now shown. Only reads: an intent (POST, PUT) is
 * never cut off, since the API may already have acted on it.
 */
export function newPage(): void {
  pageReads.abort();
  pageReads = new AbortController();
}
export const isDropped = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/** The token expired (or was revoked): back to signing in, and this page reads no further. */
function signedOut(): never {
  signInAs(undefined);
  refresh();
  throw new DOMException('Signed out', 'AbortError');
}

async function send(input: Request | URL | string, init?: RequestInit): Promise<Response> {
  // Known to have expired: not sent at all (in AWS the authorizer's 401 may not carry CORS headers).
  if ((session?.expiresAt ?? Infinity) <= Date.now()) signedOut();
  const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
  const answer = await fetch(input, method === 'GET' ? { ...init, signal: pageReads.signal } : init);
  return answer.status === 401 ? signedOut() : answer;
}

/** The one client, made when first used (after main has set the API's address). */
let api: ApiClient | undefined;
export const client = (): ApiClient => (api ??= apiClient(API, () => session!.token, send));

/** Draws the current page again (after an action, a language change, a sign-in). */
export const refresh = (): void => void window.dispatchEvent(new HashChangeEvent('hashchange'));

export function signInAs(signedIn: Session | undefined): void {
  session = signedIn;
  if (signedIn) sessionStorage.setItem('session', JSON.stringify(signedIn));
  else sessionStorage.removeItem('session');
}

const NAVIGATION: Record<Role, [string, WordKey][]> = {
  seller: [
    ['#/home', 'dashboard'],
    ['#/orders', 'orders'],
    ['#/claims', 'claims'],
    ['#/bulk', 'bulk'],
    ['#/inquiries', 'inquiries'],
  ],
  operator: [
    ['#/queue', 'queue'],
    ['#/orders', 'orders'],
    ['#/claims', 'claims'],
    ['#/bulk', 'bulk'],
    ['#/inquiries', 'inquiries'],
    ['#/balance', 'balance'],
  ],
  buyer: [
    ['#/orders', 'myOrders'],
    ['#/balance', 'balance'],
  ],
};

export function show(title: string, ...content: Child[]): void {
  document.documentElement.lang = words.language;
  document.title = `${title} · ${words.t('title')}`;
  const here = location.hash.split('?')[0];
  const header = h(
    'header',
    {},
    h('p', { class: 'brand' }, words.t('title')),
    session
      ? h(
          'nav',
          { 'aria-label': words.t('menu') },
          ...NAVIGATION[session.role].map(([href, key]) =>
            h('a', { href, ...(href === here ? { 'aria-current': 'page' } : {}) }, words.t(key)),
          ),
        )
      : null,
    h('label', {}, `${words.t('language')} `, languagePicker()),
    session
      ? h(
          'p',
          {},
          `${words.code(session.role)} ${session.id} `,
          h('button', { type: 'button', onclick: signOut }, words.t('signOut')),
        )
      : null,
  );
  const heading = h('h1', { tabindex: '-1' }, title);
  const page = [header, h('main', {}, heading, ...content)];
  // A new page is announced as one: focus goes to its heading. The same page drawn again (a poll,
  // after an action) keeps focus, what was typed, and tells what changed (redraw.ts).
  if (location.hash === lastShown) return redraw(app, page, live, announced);
  app.replaceChildren(...page);
  heading.focus();
  lastShown = location.hash;
}
let lastShown: string | undefined;
/** The page's one live region, outside what is redrawn: a status that changed is read out once. */
const live = document.body.appendChild(h('p', { role: 'status', class: 'visually-hidden', id: 'announce' }));
const announced = (page: HTMLElement): string =>
  [...page.querySelectorAll('[data-announce]')].map((element) => element.textContent ?? '').join(' ');
/** The page is being read: a page that takes long says so (and is then drawn as a new page). */
export function showLoading(): void {
  // A page drawn again (a poll) keeps what it shows until its answer comes.
  if (location.hash === lastShown) return;
  document.documentElement.lang = words.language;
  app.replaceChildren(h('main', {}, h('p', { role: 'status' }, words.t('loading'))));
  lastShown = undefined;
}

function languagePicker(): HTMLSelectElement {
  const names: Record<Language, string> = { ja: '日本語', ko: '한국어', en: 'English' };
  const select = h(
    'select',
    {
      onchange: () => {
        words = wordsFor(select.value as Language);
        localStorage.setItem('language', words.language);
        refresh();
      },
    },
    ...LANGUAGES.map((language) => {
      return h('option', { value: language, lang: language, selected: language === words.language }, names[language]);
    }),
  );
  return select;
}

/** Where signing out ends: in AWS, Cognito's logout (which ends its session too), set by main. */
let signedOutAt: string | undefined;
export const signOutThrough = (url: string): void => {
  signedOutAt = url;
};

function signOut(): void {
  signInAs(undefined);
  if (signedOutAt) location.assign(signedOutAt);
  else location.hash = '#/sign-in';
}

/** The page's query: `#/claims?status=COMPLETED` → { status: 'COMPLETED' }. */
export function hashQuery(): URLSearchParams {
  return new URLSearchParams(location.hash.split('?')[1] ?? '');
}

/** Goes to a page with a query, leaving out empty values. */
export function goWith(path: string, query: Record<string, string | undefined>): void {
  const kept = Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1]));
  location.hash = kept.length ? `${path}?${new URLSearchParams(kept).toString()}` : path;
}

/** The next page of a list, when the API says there is one. */
export function nextPageLink(path: string, nextCursor: string | null | undefined): Child {
  if (!nextCursor) return null;
  const query = hashQuery();
  query.set('cursor', nextCursor);
  return h('p', {}, h('a', { href: `${path}?${query.toString()}` }, words.t('nextPage')));
}

/** The address of each thing's page. */
export const pathTo = {
  order: (orderNo: string) => `#/orders/${encodeURIComponent(orderNo)}`,
  claim: (claimId: string) => `#/claims/${encodeURIComponent(claimId)}`,
  bulk: (bulkId: string) => `#/bulk/${encodeURIComponent(bulkId)}`,
};

export const linkTo = {
  order: (orderNo: string) => h('a', { href: pathTo.order(orderNo) }, orderNo),
  claim: (claimId: string) => h('a', { href: pathTo.claim(claimId) }, claimId),
  bulk: (bulkId: string) => h('a', { href: pathTo.bulk(bulkId) }, bulkId),
};

export const toClaim = (data: { claimId: string }): void => {
  location.hash = pathTo.claim(data.claimId);
};

/** Draws this page again in `ms`, if it is still the one shown: how a claim or a job under way is followed. */
export function drawAgainIn(ms: number): void {
  const here = location.hash;
  setTimeout(() => location.hash === here && refresh(), ms);
}
