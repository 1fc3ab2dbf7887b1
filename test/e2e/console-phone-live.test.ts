// The console on a phone and on pages that follow work under way (issue 28, points 10 and 9): the
// header and the cancel dialog fit 390 px and the claim grid scrolls in its own box; a page drawn
// again keeps the keyboard's focus and says what changed; a job waiting for approval refreshes on
// its own; a page whose API failed says so and offers to try again.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE, readableAtBothWidths, signedIn } from '../support/browser.js';
import { aCancellation, aSeller, call, registered } from '../support/http.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => browser?.close());

const soon = { timeout: 20_000 };

describe('the console on a phone, and live pages', () => {
  it('a Korean seller on a phone: a header that reads, a cancel dialog that fits, a claim grid that scrolls in its ' +
    'box', async () => {
    const { sellerId, sellerToken } = await aSeller({ language: 'ko' });
    const order = await registered({ sellerId });
    const other = await registered({ sellerId });
    await call('POST', `/orders/${other.orderNo}/cancellations`, { token: sellerToken, body: aCancellation() });
    const page = await signedIn(browser, 'seller', sellerId, 'ko', `#/orders/${order.orderNo}`);
    await page.setViewportSize(PHONE);
    await expect.poll(() => page.getByTestId('order-status').textContent(), soon).toBe('신규 주문');
    // The brand is one line, not one character per line.
    const brand = (await page.locator('header .brand').boundingBox())!;
    expect(brand.height).toBeLessThan(40);
    expect(brand.width).toBeGreaterThan(100);
    await page.getByRole('button', { name: '취소하기' }).click();
    const dialog = (await page.getByRole('dialog').boundingBox())!;
    expect(dialog.x).toBeGreaterThanOrEqual(0);
    expect(dialog.x + dialog.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.getByRole('button', { name: '안내 후 취소' }).isVisible()).toBe(true);
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.goto(page.url().replace(/#.*/, '#/claims'));
    await page.setViewportSize(PHONE);
    await expect.poll(() => page.getByRole('table', { name: '검색 결과' }).count(), soon).toBe(1);
    expect((await page.evaluate('document.documentElement.scrollWidth')) as number).toBeLessThanOrEqual(PHONE.width);
    // The grid itself is wider, and scrolls in a box the keyboard reaches.
    const grid = page.getByRole('region', { name: '검색 결과' });
    expect(await grid.getAttribute('tabindex')).toBe('0');
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('a Japanese seller’s job waiting for approval refreshes on its own, keeping focus and saying what ' +
    'changed', async () => {
    const { sellerId, sellerToken } = await aSeller();
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await registered({ sellerId }));
    const submitted = await call('POST', '/bulk-cancellations', {
      token: sellerToken,
      body: {
        orders: orders.map((o) => ({ orderNo: o.orderNo })),
        reason: 'OUT_OF_STOCK',
        sellerMemo: '申し訳ございません。',
        notice: { title: '注文 {orderNo}', body: '注文 {orderNo} はキャンセルされます。' },
      },
    });
    expect(submitted.body.status).toBe('AWAITING_APPROVAL');
    const page = await signedIn(browser, 'seller', sellerId, 'ja', `#/bulk/${submitted.body.bulkId}`);
    await expect.poll(() => page.getByTestId('bulk-status').textContent(), soon).toBe('承認待ち');
    expect(await page.getByTestId('bulk-progress').textContent()).toBe('進捗: 0 / 4');
    const nav = page.getByRole('navigation').getByRole('link', { name: '一括キャンセル' });
    await nav.focus();
    // Nobody decides: the wait runs out (8 s here), and the page, drawn again by itself, says so.
    await expect.poll(() => page.getByTestId('bulk-status').textContent(), { timeout: 40_000 }).not.toBe('承認待ち');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('一括キャンセル');
    expect(await page.locator('#announce').textContent()).toBe(await page.getByTestId('bulk-status').textContent());
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('a page whose API did not answer says so in Japanese and reads it again when asked', async () => {
    const { sellerId } = await aSeller();
    const order = await registered({ sellerId });
    const page = await signedIn(browser, 'seller', sellerId, 'ja', '#/home');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), soon).toBe('ダッシュボード');
    await page.route(`**/orders/${order.orderNo}`, (route) => route.abort());
    await page.goto(page.url().replace(/#.*/, `#/orders/${order.orderNo}`));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), soon).toBe('接続できません');
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.unroute(`**/orders/${order.orderNo}`);
    await page.getByRole('button', { name: 'もう一度読み込む' }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent(), soon).toBe('新規注文');
    await page.close();
  }, 60_000);
});
