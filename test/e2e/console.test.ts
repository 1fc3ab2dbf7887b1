// The console in a real browser (Debian's chromium, driven by playwright-core): a seller signs in,
// cancels an order with the notice written first and follows the claim to its refund; a refused
// action shows the API's reason; every page has no serious or critical axe finding.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUrl, launchChromium, seriousAxeFindings, signedIn as signedInAs } from '../support/browser.js';
import { aCancellation, aSeller, call, registered, token } from '../support/http.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => browser?.close());

const signedIn = (role: string, id: string, language: 'ja' | 'ko' | 'en') => signedInAs(browser, role, id, language);

describe('the console in Chromium', () => {
  it('the sign-in page lists the demo identities; a seller signs in to the dashboard', async () => {
    const page = await browser.newPage();
    await page.goto(consoleUrl());
    await page.getByRole('button', { name: 'seller S-1' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('ダッシュボード');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.close();
  }, 60_000);

  it('a token the API no longer takes signs the user out, to the sign-in page', async () => {
    const page = await browser.newPage();
    await page.addInitScript(`localStorage.setItem('language', 'en')`);
    await page.goto(consoleUrl());
    await page.evaluate(
      `sessionStorage.setItem('session', JSON.stringify({ role: 'seller', id: 'S-1', token: 'no.longer.valid' }))`,
    );
    await page.goto(consoleUrl('#/orders'));
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    expect(await page.evaluate(`sessionStorage.getItem('session')`)).toBeNull();
    await page.close();
  }, 60_000);

  it('a seller cancels an order (notice first) and sees the claim complete with the card refund, in ' +
    'Korean', async () => {
    const { sellerId } = await aSeller();
    const order = await registered({ sellerId });
    const page = await signedIn('seller', sellerId, 'ko');
    await page.getByRole('link', { name: order.orderNo }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('신규 주문');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.getByRole('button', { name: '취소하기' }).click();
    await page.getByLabel('사유').selectOption('OUT_OF_STOCK');
    await page.getByLabel('안내 제목').fill('품절 안내');
    await page.getByLabel('안내 본문').fill('품절로 인해 주문을 취소합니다.');
    await page.getByLabel('판매자 메모').fill('죄송합니다.');
    // A double click sends one intent: the same Idempotency-Key.
    await page.getByRole('button', { name: '안내 후 취소' }).dblclick();
    await expect.poll(() => page.getByTestId('claim-status').textContent(), { timeout: 30_000 }).toBe('완료');
    expect(await page.getByRole('table', { name: '환불' }).textContent()).toContain('카드 승인 취소');
    expect(await page.getByRole('table', { name: '환불' }).textContent()).toContain('완료');
    // The double click cancelled once.
    expect(
      (await call('GET', `/orders/${order.orderNo}`, { token: await token('seller', sellerId) })).body.claims,
    ).toHaveLength(1);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('a buyer asks to cancel a PREPARING order; the seller approves it with a memo; the claim completes, in ' +
    'Japanese', async () => {
    const { sellerId } = await aSeller();
    const buyerId = `B-CON-${Date.now().toString(36).toUpperCase()}`;
    const order = await registered({
      sellerId,
      buyer: { id: buyerId, email: `${buyerId.toLowerCase()}@example.jp`, country: 'JP' },
      status: 'PREPARING',
      expectedShipDate: '2099-01-01',
    });
    const buyer = await signedIn('buyer', buyerId, 'ja');
    await buyer.getByRole('link', { name: order.orderNo }).click();
    await expect.poll(() => buyer.getByTestId('order-status').textContent()).toBe('発送準備中');
    await buyer.getByRole('button', { name: 'キャンセルを申請する' }).click();
    await buyer.getByLabel('セラーへのメッセージ').fill('サイズを間違えました');
    await buyer.getByRole('button', { name: '申請する', exact: true }).click();
    await expect.poll(() => buyer.getByTestId('claim-status').textContent(), { timeout: 30_000 }).toBe('承認待ち');
    expect(await seriousAxeFindings(buyer)).toEqual([]);
    await buyer.close();

    const seller = await signedIn('seller', sellerId, 'ja');
    await seller.goto(consoleUrl(`#/orders/${order.orderNo}`));
    await expect.poll(() => seller.getByTestId('order-status').textContent()).toBe('キャンセル申請中');
    await seller.getByRole('button', { name: 'キャンセル申請を承認する' }).click();
    const approval = seller.getByRole('dialog', { name: 'キャンセル申請の承認（返金されます）' });
    await approval.getByLabel('お客様へのメモ').fill('承知いたしました。');
    await approval.getByRole('button', { name: '承認して返金する' }).click();
    await expect.poll(() => seller.getByTestId('claim-status').textContent(), { timeout: 30_000 }).toBe('完了');
    expect(await seriousAxeFindings(seller)).toEqual([]);
    await seller.close();
  }, 90_000);

  it('an operator finds a coupon-blocked cancellation in the queue and completes it with a reason, in ' +
    'English', async () => {
    const { sellerId, sellerToken } = await aSeller();
    const order = await registered({ sellerId, coupon: { code: 'WELCOME10', sellerCancellable: false } });
    const refused = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: sellerToken,
      body: aCancellation(),
    });
    expect(refused.body).toMatchObject({ rule: 'SELLER_CANNOT_CANCEL' });
    const operator = await signedIn('operator', 'OP-1', 'en');
    await operator.getByRole('navigation').getByRole('link', { name: 'Waiting on the operator' }).click();
    await operator.getByRole('link', { name: refused.body.claimId }).click();
    await expect.poll(() => operator.getByTestId('claim-status').textContent()).toBe('Needs the operator');
    expect(await seriousAxeFindings(operator)).toEqual([]);
    await operator.getByLabel('Resolution').selectOption('COMPLETE');
    await operator.getByLabel('Reason (kept on record)').fill('Coupon returned to the buyer.');
    await operator.getByRole('button', { name: 'Do it' }).click();
    await expect.poll(() => operator.getByTestId('claim-status').textContent(), { timeout: 30_000 }).toBe('Completed');
    await operator.close();
  }, 90_000);

  it('a refused action shows the API’s reason: personal data in the notice', async () => {
    const { sellerId } = await aSeller();
    const order = await registered({
      sellerId,
      buyer: { id: 'B-CONSOLE', email: 'console-buyer@example.jp', country: 'JP' },
    });
    const page = await signedIn('seller', sellerId, 'en');
    await page.goto(consoleUrl(`#/orders/${order.orderNo}`));
    await page.getByRole('button', { name: 'Cancel the order' }).click();
    await page.getByLabel('Notice title').fill('Sorry');
    await page.getByLabel('Notice text').fill('We will mail you at console-buyer@example.jp');
    await page.getByLabel('Memo to the buyer').fill('Out of stock.');
    await page.getByRole('button', { name: 'Send the notice and cancel' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Not done');
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('New');
    await page.close();
  }, 60_000);
});
