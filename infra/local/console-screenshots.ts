// npm run screenshots: the console's main pages as docs/console/*.png, taken in Chromium against a
// running `npm start -- --fresh` (API on :3000, or API=…), in English (CJK fonts are not on every
// machine; the tests check the Japanese and Korean pages). It cancels D-1008 on the way.
import { chromium } from 'playwright-core';
const api = process.env.API ?? 'http://127.0.0.1:3000';
const out = new URL('../../docs/console/', import.meta.url).pathname;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
await page.addInitScript(`localStorage.setItem('language', 'en')`);
await page.goto(`${api}/console/`);
await page.screenshot({ path: `${out}sign-in.png` });
await page.getByRole('button', { name: 'seller S-1' }).click();
await page.getByRole('table').waitFor();
await page.screenshot({ path: `${out}orders.png` });
await page.getByRole('link', { name: 'D-1008' }).click();
await page.getByTestId('order-status').waitFor();
await page.getByRole('button', { name: 'Cancel the order' }).click();
await page.getByLabel('Notice title').fill('Out of stock');
await page.getByLabel('Notice text').fill('We are sorry: the item is out of stock, so we cancel your order.');
await page.getByLabel('Memo to the buyer').fill('Out of stock.');
await page.screenshot({ path: `${out}cancel.png` });
await page.getByRole('button', { name: 'Send the notice and cancel' }).click();
await page.getByTestId('claim-status').getByText('Completed').waitFor({ timeout: 30_000 });
await page.screenshot({ path: `${out}claim.png` });
await browser.close();
