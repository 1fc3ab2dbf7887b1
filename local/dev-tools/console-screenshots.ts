// npm run screenshots: the console's main pages as docs/console/*.png, taken in Chromium against a
// running `npm start -- --fresh` (API on :3000, or API=…). Japanese and Korean pages need CJK fonts
// (Debian: fonts-noto-cjk); without them their text shows as boxes. It cancels D-1008 on the way,
// and tries D-1006 (its coupon hands it to the operator's queue).
import { chromium, type Page } from 'playwright-core';

const api = process.env.API ?? 'http://127.0.0.1:3000';
const out = new URL('../../docs/console/', import.meta.url).pathname;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

async function signedIn(identity: string, language: 'ja' | 'ko' | 'en'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 720 } });
  await page.addInitScript(`localStorage.setItem('language', ${JSON.stringify(language)})`);
  await page.goto(`${api}/console/`);
  if (identity === 'sign-in') return page;
  await page.getByRole('button', { name: identity }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: `${out}${name}.png` });

const signIn = await signedIn('sign-in', 'en');
await shot(signIn, 'sign-in');

const seller = await signedIn('seller S-1', 'ja');
await seller.locator('.tiles').first().waitFor();
await shot(seller, 'dashboard');
await seller.goto(`${api}/console/#/orders?orderNo=D-1001,D-1004,D-1005,D-1007,D-1008`);
await seller.getByRole('table').waitFor();
await shot(seller, 'orders');
const sellerInEnglish = await signedIn('seller S-1', 'en');
await sellerInEnglish.goto(`${api}/console/#/orders/D-1008`);
await sellerInEnglish.getByTestId('order-status').waitFor();
await sellerInEnglish.getByRole('button', { name: 'Cancel the order' }).click();
await sellerInEnglish.getByLabel('Notice title').fill('Out of stock');
await sellerInEnglish
  .getByLabel('Notice text')
  .fill('We are sorry: the item is out of stock, so we cancel your order.');
await sellerInEnglish.getByLabel('Memo to the buyer').fill('Out of stock.');
await shot(sellerInEnglish, 'cancel');
await sellerInEnglish.getByRole('button', { name: 'Send the notice and cancel' }).click();
await sellerInEnglish.getByTestId('claim-status').getByText('Completed').waitFor({ timeout: 30_000 });
await shot(sellerInEnglish, 'claim');
// D-1006's coupon forbids a seller cancellation: the form said so first; the case goes to the operator.
await sellerInEnglish.goto(`${api}/console/#/orders/D-1006`);
await sellerInEnglish.getByRole('button', { name: 'Cancel the order' }).click();
await sellerInEnglish.getByLabel('Notice title').fill('Out of stock');
await sellerInEnglish
  .getByLabel('Notice text')
  .fill('We are sorry: the item is out of stock, so we cancel your order.');
await sellerInEnglish.getByLabel('Memo to the buyer').fill('Out of stock.');
await sellerInEnglish.getByRole('button', { name: 'Send the notice and cancel' }).click();
// Not an error: the case is the operator's now, and its claim page says so.
await sellerInEnglish.getByTestId('claim-outcome').waitFor({ timeout: 30_000 });
await shot(sellerInEnglish, 'refused');
await sellerInEnglish.goto(`${api}/console/#/bulk`);
await sellerInEnglish.getByRole('heading', { level: 1, name: 'Bulk cancellation' }).waitFor();
await shot(sellerInEnglish, 'bulk');

const operator = await signedIn('operator OP-1', 'en');
await operator.getByRole('heading', { level: 2 }).first().waitFor();
await shot(operator, 'queue');

const buyer = await signedIn('buyer B-1', 'ko');
await buyer.getByRole('table').waitFor();
await shot(buyer, 'my-orders');
await browser.close();
