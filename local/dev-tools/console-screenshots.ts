// npm run screenshots: the console's main pages as docs/console/*.png, taken in Chromium against a
// running `npm start -- --fresh` (API on :3000, or API=…). Japanese and Korean pages need CJK fonts
// (Debian: fonts-noto-cjk); without them their text shows as boxes. It cancels D-1008 on the way,
// and tries D-1006 (its coupon hands it to the operator's queue), about which a seller asks the
// operator, who answers.
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
  // Signed in once the session is kept (the sign-in page has a heading of its own), then its home page.
  await page.waitForFunction("sessionStorage.getItem('session') !== null");
  await page.getByRole('navigation').waitFor();
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

// A Korean seller asks the operator about D-1006; it waits in the operator's queue until answered.
const sellerInKorean = await signedIn('seller S-1', 'ko');
await sellerInKorean.goto(`${api}/console/#/inquiries?orderNo=D-1006`);
await sellerInKorean.getByLabel('문의 유형').selectOption('ORDER_NOT_CANCELLABLE');
await sellerInKorean.getByLabel('제목').fill('쿠폰 주문 취소 부탁드립니다');
await sellerInKorean.getByLabel('내용').fill('품절로 취소하려고 했지만 쿠폰 때문에 취소할 수 없습니다.');
await sellerInKorean.getByRole('button', { name: '문의 보내기' }).click();
await sellerInKorean.getByTestId('inquiry-status').waitFor();
const inquiryPath = new URL(sellerInKorean.url()).hash;

const operator = await signedIn('operator OP-1', 'en');
await operator.getByRole('heading', { level: 2 }).first().waitFor();
await shot(operator, 'queue');
await operator.goto(`${api}/console/${inquiryPath}`);
await operator
  .getByLabel('Answer', { exact: true })
  .fill('쿠폰 주문은 운영팀이 취소하겠습니다. 클레임에서 확인하세요.');
await operator.getByRole('button', { name: 'Send the answer' }).click();
await operator.getByTestId('inquiry-status').getByText('Answered').waitFor();
await sellerInKorean.reload();
await sellerInKorean.getByText('쿠폰 주문은 운영팀이 취소하겠습니다.').waitFor();
await shot(sellerInKorean, 'inquiry');

const buyer = await signedIn('buyer B-1', 'ko');
await buyer.getByRole('table').waitFor();
await shot(buyer, 'my-orders');
await browser.close();
