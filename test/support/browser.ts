// The console's tests drive Debian's chromium with playwright-core (a test tool's own browser
// download does not work on these machines): a page signed in as a demo identity, and axe's findings.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { apiUrl } from './http.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync('/usr/bin/chromium'))
    throw new Error('The console tests drive Debian’s chromium: apt-get install -y chromium (.ci/run does).');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
}

export const consoleUrl = (hash = ''): string => `${apiUrl()}/console/${hash}`;

/** A page signed in as `role` `id`, reading `language`, at `hash`. */
export async function signedIn(
  browser: Browser,
  role: string,
  id: string,
  language: 'ja' | 'ko' | 'en',
  hash = '#/orders',
): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(`localStorage.setItem('language', ${JSON.stringify(language)})`);
  // The demo sign-in picks from the listed identities; a test's own seller signs in the same way.
  await page.goto(consoleUrl());
  await page.evaluate(`(async () => {
    const answer = await fetch('/console/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: ${JSON.stringify(role)}, id: ${JSON.stringify(id)} }) });
    sessionStorage.setItem('session', JSON.stringify({ role: ${JSON.stringify(role)}, id: ${JSON.stringify(id)}, ...(await answer.json()) }));
  })()`);
  await page.goto(consoleUrl(hash));
  await page.reload();
  return page;
}

export async function seriousAxeFindings(page: Page): Promise<string[]> {
  // Through the DevTools protocol, as a tool does: the page's own policy allows no inline script.
  await page.evaluate(AXE);
  const results = (await page.evaluate('axe.run()')) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/**
 * What a Japanese or Korean page shows that its reader cannot read: an English sentence (three
 * English words in a row) or a raw code (SELLER_NOTIFIED), in its text or in the names and hints
 * read aloud (aria-label, placeholder, title). Text marked as another language (lang="en") is the
 * page saying so, and is left out; so are the page's own data (order numbers, ids), which have no
 * three English words.
 */
export async function foreignText(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const language = document.documentElement.lang;
    const foreign = /\\b[A-Z]{2,}(?:_[A-Z0-9]+)+\\b|[A-Za-z]{2,}(?:[ ,.'’:;]+[A-Za-z]{2,}){2,}/;
    const mine = (element) => { const marked = element.closest('[lang]'); return !marked || marked.lang === language; };
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || ['SCRIPT', 'STYLE'].includes(element.tagName) || !mine(element)) continue;
      if (element.closest('[hidden]')) continue;
      if (foreign.test(node.textContent)) found.push(node.textContent.trim());
    }
    for (const element of document.body.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!mine(element)) continue;
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const text = element.getAttribute(name);
        if (text && foreign.test(text)) found.push(name + ': ' + text);
      }
    }
    return found;
  })()`);
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/**
 * The page as it stands, at a desktop's width and a phone's: axe's serious findings, what a
 * Japanese or Korean reader cannot read (when the page is in ja or ko), and on the phone anything
 * wider than the screen (the page must not scroll sideways; a wide table scrolls in its own box).
 */
export async function readableAtBothWidths(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    const at = `${viewport.width}px`;
    found.push(...(await seriousAxeFindings(page)).map((finding) => `${at} axe ${finding}`));
    if (['ja', 'ko'].includes(await page.evaluate('document.documentElement.lang'))) {
      found.push(...(await foreignText(page)).map((text) => `${at} not in the reader's language: ${text}`));
    }
    const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
    if (width > viewport.width) found.push(`${at} the page is ${width}px wide`);
  }
  await page.setViewportSize(DESKTOP);
  return found;
}
