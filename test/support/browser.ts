// The console's tests drive Debian's chromium with playwright-core (a test tool's own browser
// download does not work on these machines): a page signed in as a demo identity, and axe's findings.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync('/usr/bin/chromium')) throw new Error('The console tests drive Debian’s chromium: apt-get install -y chromium (.ci/run does).');
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
}

export const consoleUrl = (hash = ''): string => `${inject('apiUrl')}/console/${hash}`;

/** A page signed in as `role` `id`, reading `language`, at `hash`. */
export async function signedIn(browser: Browser, role: string, id: string, language: 'ja' | 'ko' | 'en', hash = '#/orders'): Promise<Page> {
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
  const results = (await page.evaluate('axe.run()')) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
