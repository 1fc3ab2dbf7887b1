// The console's counts and lists agree, in Chromium: every tile of a seller's dashboard is a link,
// and the list it leads to has as many rows as the tile says. A search by several numbers says
// which it did not find; days are typed as the reader writes them, not as the browser does.
// At a desktop's and a phone's width, in the seller's language (Korean, Japanese).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleUrl, launchChromium, readableAtBothWidths, signedIn } from '../support/browser.js';
import { aCancellation, aSeller, call, claimWhenSettled, registered, token } from '../support/http.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => browser?.close());

const rows = (page: Page) => page.locator('main table tbody tr').count();
// The stack is shared with other files (and the machine with other work): an answer may take seconds.
const slow = { timeout: 20_000 };
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('a seller’s dashboard, its counts and their lists', () => {
  it('every tile is a link, and its list has as many rows as its count says, in Korean', async () => {
    const { sellerId, sellerToken } = await aSeller({ language: 'ko' });
    await registered({ sellerId, status: 'PROCESSING', payment: { method: 'CONVENIENCE_STORE' } });
    await registered({ sellerId });
    await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-31' });
    // Past its ship date: DELAYED, whatever is stored; one of two is cancelled so (on the seller's record).
    await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2020-01-01' });
    const late = await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2020-01-01' });
    const lateClaim = await call('POST', `/orders/${late.orderNo}/cancellations`, {
      token: sellerToken,
      body: aCancellation(),
    });
    await claimWhenSettled(lateClaim.body.claimId, sellerToken);
    const asked = await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-31' });
    await call('POST', `/orders/${asked.orderNo}/cancel-requests`, {
      token: await token('buyer', asked.buyer.id),
      body: {},
    });
    const cancelled = await registered({ sellerId });
    const claim = await call('POST', `/orders/${cancelled.orderNo}/cancellations`, {
      token: sellerToken,
      body: aCancellation(),
    });
    await claimWhenSettled(claim.body.claimId, sellerToken);
    const refunded = await registered({ sellerId, status: 'IN_TRANSIT' });
    const refund = await call('POST', `/orders/${refunded.orderNo}/refunds`, {
      token: sellerToken,
      body: aCancellation({ reason: 'SHIPPING_DELAY' }),
    });
    await claimWhenSettled(refund.body.claimId, sellerToken);
    const bulk = [];
    for (let i = 0; i < 4; i++)
      bulk.push(await registered({ sellerId, status: 'PREPARING', expectedShipDate: '2099-01-31' }));
    const job = await call('POST', '/bulk-cancellations', {
      token: sellerToken,
      body: {
        orders: bulk.map((o) => ({ orderNo: o.orderNo })),
        reason: 'OUT_OF_STOCK',
        sellerMemo: '죄송합니다.',
        notice: { title: '주문 {orderNo}', body: '주문 {orderNo}은 품절로 취소됩니다.' },
      },
    });
    expect(job.body.status).toBe('AWAITING_APPROVAL');

    const page = await signedIn(browser, 'seller', sellerId, 'ko', '#/home');
    await expect.poll(() => heading(page), slow).toBe('대시보드');
    expect(await readableAtBothWidths(page)).toEqual([]);
    const tiles = await page.locator('li.tile').evaluateAll((items) =>
      items.map((item) => ({
        text: item.textContent ?? '',
        count: Number(item.querySelector('.count')?.textContent),
        href: item.querySelector('a')?.getAttribute('href') ?? null,
      })),
    );
    expect(tiles.length).toBe(18);
    expect(tiles.filter((tile) => !tile.href).map((tile) => tile.text)).toEqual([]);
    // Not an agreement of zeros: the orders above make most tiles count something.
    expect(tiles.filter((tile) => tile.count > 0).length).toBeGreaterThanOrEqual(10);
    // The stack's clocks are short (a buyer's request goes to the operator in 6 s, a bulk job waits 8 s): a count
    // is compared with its list only when the dashboard says the same before and after the list is read.
    const countOn = async (href: string) => {
      await page.goto(consoleUrl('#/home'));
      await expect.poll(() => heading(page), slow).toBe('대시보드');
      return Number(await page.locator(`li.tile a[href="${href}"] .count`).textContent());
    };
    const found: string[] = [];
    for (const tile of tiles) {
      let compared = false;
      for (let attempt = 1; attempt <= 3 && !compared; attempt++) {
        const before = await countOn(tile.href!);
        // As the seller goes: from the dashboard, by the tile's link, to the page it leads to.
        await page.locator(`li.tile a[href="${tile.href}"]`).click();
        await expect.poll(() => heading(page), slow).not.toBe('대시보드');
        const listed = await rows(page);
        if (before !== (await countOn(tile.href!))) continue;
        compared = true;
        if (listed !== before) found.push(`${tile.text}: ${before} on the tile, ${listed} in ${tile.href}`);
      }
      if (!compared) found.push(`${tile.text}: its count never held still`);
    }
    expect(found).toEqual([]);
    // The unshipped orders' list, as its seller reads it.
    await page.goto(consoleUrl('#/orders?status=UNSHIPPED'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('the order grid’s search by numbers, and days as the reader writes them', () => {
  it('a Japanese seller searches several numbers: the ones with no order are named; days are typed as ' +
    '2026/12/07 and a day that is none is refused in Japanese', async () => {
    const { sellerId } = await aSeller();
    const a = await registered({ sellerId });
    const b = await registered({ sellerId });
    const page = await signedIn(browser, 'seller', sellerId, 'ja', '#/orders');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByLabel('注文番号（複数可）').fill(`${a.orderNo}\nNO-SUCH-1, ${b.orderNo}\nNO-SUCH-2`);
    await page.getByRole('button', { name: '検索' }).click();
    await expect
      .poll(() => page.getByTestId('not-found').textContent(), slow)
      .toBe('該当する注文がない番号 (2): NO-SUCH-1, NO-SUCH-2');
    expect(await rows(page)).toBe(2);
    expect(await readableAtBothWidths(page)).toEqual([]);

    // The period in Japan's way; the page's address keeps the API's YYYY-MM-DD, the field the reader's.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    // (2020-01-01 is taken in every language, and shown the Japanese way once searched.)
    await page.getByLabel('期間（から）').fill('2020-01-01');
    await page.getByLabel('期間（まで）').fill(today.replaceAll('-', '/'));
    expect(await page.getByText(/^例: \d{4}\/\d{2}\/\d{2}$/).count()).toBe(2);
    await page.getByRole('button', { name: '検索' }).click();
    await expect.poll(() => page.url(), slow).toContain(`from=2020-01-01&to=${today}`);
    await expect.poll(() => page.getByLabel('期間（から）').inputValue(), slow).toBe('2020/01/01');
    expect(await rows(page)).toBe(2);
    await page.getByLabel('期間（から）').fill('2020/02/30');
    await page.getByRole('button', { name: '検索' }).click();
    expect(
      await page
        .getByLabel('期間（から）')
        .evaluate((e) => (e as unknown as { validationMessage: string }).validationMessage),
    ).toBe('この日付は読み取れません。例の形で入力してください。');
    await page.getByLabel('期間（から）').fill(today);
    await page.getByLabel('期間（まで）').fill('2020/01/01');
    await page.getByRole('button', { name: '検索' }).click();
    expect(
      await page
        .getByLabel('期間（まで）')
        .evaluate((e) => (e as unknown as { validationMessage: string }).validationMessage),
    ).toBe('終わりの日が始まりの日より前です。');
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 90_000);

  it('a Korean seller filters claims by a period written 2026. 12. 07.', async () => {
    const { sellerId, sellerToken } = await aSeller({ language: 'ko' });
    const order = await registered({ sellerId });
    const claim = await call('POST', `/orders/${order.orderNo}/cancellations`, {
      token: sellerToken,
      body: aCancellation(),
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const [y, m, d] = today.split('-');
    const page = await signedIn(browser, 'seller', sellerId, 'ko', '#/claims');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByLabel('요청일 (부터)').fill(`${y}. ${m}. ${d}.`);
    await page.getByLabel('요청일 (까지)').fill(`${y}-${m}-${d}`);
    await page.getByRole('button', { name: '검색' }).click();
    await expect.poll(() => page.url(), slow).toContain(`from=${today}&to=${today}`);
    // The page drawn for the period writes its days the Korean way.
    await expect.poll(() => page.getByLabel('요청일 (까지)').inputValue(), slow).toBe(`${y}. ${m}. ${d}.`);
    expect(await page.locator('main table tbody').textContent()).toContain(claim.body.claimId);
    expect(await readableAtBothWidths(page)).toEqual([]);
    await page.close();
  }, 90_000);
});
